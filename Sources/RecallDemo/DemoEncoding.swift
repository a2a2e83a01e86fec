/// MIME content encodings written straight into byte buffers:
/// base64, quoted-printable, RFC 2047 encoded words and RFC 2231 parameters.
enum DemoEncoding {
    static let crlf: [UInt8] = [0x0D, 0x0A]
    private static let base64Alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
    private static let lowerHexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Whether `bytes` contain anything outside 7-bit ASCII.
    static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var union: UInt8 = 0
            for byte in buffer {
                union |= byte
            }
            return union < 0x80
        }
    }

    /// Appends base64 of `input`; when `lineLength > 0`, breaks lines with CRLF
    /// every `lineLength` characters (a multiple of 4) and ends with CRLF.
    static func appendBase64(_ input: [UInt8], lineLength: Int, to out: inout [UInt8]) {
        let count = input.count
        let encoded = (count + 2) / 3 * 4
        let bound = encoded + (lineLength > 0 ? (encoded / Swift.max(lineLength, 4) + 2) * 2 : 0)
        base64Alphabet.withUnsafeBufferPointer { table in
            input.withUnsafeBufferPointer { source in
                out.appendBytes(upperBound: bound) { dst in
                    var written = 0
                    var column = 0
                    var index = 0
                    while index < count {
                        let b0 = UInt32(source[index])
                        let b1 = index + 1 < count ? UInt32(source[index + 1]) : 0
                        let b2 = index + 2 < count ? UInt32(source[index + 2]) : 0
                        let triple = b0 << 16 | b1 << 8 | b2
                        dst[written] = table[Int(triple >> 18 & 0x3F)]
                        dst[written + 1] = table[Int(triple >> 12 & 0x3F)]
                        dst[written + 2] = index + 1 < count ? table[Int(triple >> 6 & 0x3F)] : 0x3D
                        dst[written + 3] = index + 2 < count ? table[Int(triple & 0x3F)] : 0x3D
                        written += 4
                        index += 3
                        column += 4
                        if lineLength > 0, column >= lineLength, index < count {
                            dst[written] = 0x0D
                            dst[written + 1] = 0x0A
                            written += 2
                            column = 0
                        }
                    }
                    if lineLength > 0 {
                        dst[written] = 0x0D
                        dst[written + 1] = 0x0A
                        written += 2
                    }
                    return written
                }
            }
        }
    }

    /// Appends quoted-printable of `input` (text whose hard line breaks are CRLF),
    /// with soft line breaks keeping encoded lines at most 76 characters.
    static func appendQuotedPrintable(_ input: [UInt8], to out: inout [UInt8]) {
        let count = input.count
        hexDigits.withUnsafeBufferPointer { hex in
            quotedPrintableClasses.withUnsafeBufferPointer { classes in
                input.withUnsafeBufferPointer { source in
                    out.appendBytes(upperBound: count * 3 + (count / 24 + 2) * 3) { dst in
                        var written = 0
                        var column = 0
                        var index = 0
                        while index < count {
                            let byte = source[index]
                            let kind = classes[Int(byte)]
                            if kind == 0, column < 75 {
                                dst[written] = byte
                                written += 1
                                column += 1
                                index += 1
                                continue
                            }
                            if kind == 3, index + 1 < count, source[index + 1] == 0x0A {
                                dst[written] = 0x0D
                                dst[written + 1] = 0x0A
                                written += 2
                                column = 0
                                index += 2
                                continue
                            }
                            let literal = kind == 0 || (kind == 1 && index + 1 < count && source[index + 1] != 0x0D)
                            let width = literal ? 1 : 3
                            if column + width > 75 {
                                dst[written] = 0x3D
                                dst[written + 1] = 0x0D
                                dst[written + 2] = 0x0A
                                written += 3
                                column = 0
                            }
                            if literal {
                                dst[written] = byte
                            } else {
                                dst[written] = 0x3D
                                dst[written + 1] = hex[Int(byte >> 4)]
                                dst[written + 2] = hex[Int(byte & 0x0F)]
                            }
                            written += width
                            column += width
                            index += 1
                        }
                        return written
                    }
                }
            }
        }
    }

    /// Quoted-printable byte classes: 0 literal, 1 space or tab, 2 must be encoded, 3 carriage return.
    private static let quotedPrintableClasses: [UInt8] = (0...255).map { byte in
        if byte == 0x20 || byte == 0x09 { return 1 }
        if byte == 0x0D { return 3 }
        return byte >= 0x21 && byte <= 0x7E && byte != 0x3D ? 0 : 2
    }

    /// RFC 2047 "B" encoded words for UTF-8 text, split on character boundaries
    /// and folded with CRLF + space so each word stays under 76 characters.
    static func encodedWordsB(_ utf8: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var start = 0
        while start < utf8.count {
            var end = min(utf8.count, start + 45)
            while end < utf8.count, end > start + 1, utf8[end] & 0xC0 == 0x80 {
                end -= 1
            }
            if start > 0 {
                out.append(contentsOf: [0x0D, 0x0A, 0x20])
            }
            out.append(contentsOf: Array("=?UTF-8?B?".utf8))
            appendBase64(Array(utf8[start..<end]), lineLength: 0, to: &out)
            out.append(contentsOf: Array("?=".utf8))
            start = end
        }
        return out
    }

    /// An RFC 2047 "Q" encoded word for a short UTF-8 phrase (a display name).
    static func encodedWordQ(_ utf8: [UInt8]) -> [UInt8] {
        var out = Array("=?utf-8?Q?".utf8)
        for byte in utf8 {
            switch byte {
            case 0x20:
                out.append(0x5F)
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E:
                out.append(byte)
            default:
                out.append(0x3D)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        out.append(contentsOf: Array("?=".utf8))
        return out
    }

    /// RFC 2231 / RFC 5987 percent-encoding of a UTF-8 parameter value.
    static func percentEncoded(_ utf8: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for byte in utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E:
                out.append(byte)
            default:
                out.append(0x25)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return out
    }

    /// Appends `value` as exactly `digits` uppercase (or lowercase) hexadecimal digits.
    static func appendHex(_ value: UInt64, digits: Int, uppercase: Bool = true, to out: inout [UInt8]) {
        let table = uppercase ? hexDigits : lowerHexDigits
        var shift = (digits - 1) * 4
        while shift >= 0 {
            out.append(table[Int(truncatingIfNeeded: (value >> UInt64(shift)) & 0x0F)])
            shift -= 4
        }
    }
}
