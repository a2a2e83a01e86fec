/// Writes plausible plain-text mail bodies (CRLF, wrapped at 72 columns) and
/// derives the matching HTML, appending bytes straight into buffers.
enum DemoTextWriter {
    private static let wrapColumn = 72

    /// Appends a greeting, paragraphs totalling about `targetBytes`, and a signature.
    static func appendLetter(
        rng: inout SplitMix64,
        greetingName: [UInt8],
        signer: DemoPerson,
        targetBytes: Int,
        international: Bool,
        updatedLine: Bool,
        to out: inout [UInt8]
    ) {
        out.append(contentsOf: DemoVocabulary.greetings[rng.below(DemoVocabulary.greetings.count)])
        out.append(0x20)
        out.append(contentsOf: greetingName)
        out.append(0x2C)
        out.append(contentsOf: blankLine)
        let start = out.count
        while out.count - start < targetBytes {
            appendParagraph(rng: &rng, international: international, to: &out)
        }
        if updatedLine {
            out.append(contentsOf: updateNote)
        }
        out.append(contentsOf: DemoVocabulary.closings[rng.below(DemoVocabulary.closings.count)])
        out.append(contentsOf: DemoEncoding.crlf)
        out.append(contentsOf: signer.fullName)
        out.append(contentsOf: DemoEncoding.crlf)
        out.append(contentsOf: signer.company)
        out.append(contentsOf: DemoEncoding.crlf)
    }

    /// Appends one wrapped paragraph of 2–5 sentences followed by a blank line.
    static func appendParagraph(rng: inout SplitMix64, international: Bool, to out: inout [UInt8]) {
        let common = DemoVocabulary.wordTable
        let extra = DemoVocabulary.internationalWordTable
        let openers = DemoVocabulary.openers
        let opener = rng.chance(0.06) ? openers[rng.below(openers.count)] : []
        let slot = DemoWordTable.slot
        let bound = opener.count + 5 * 14 * (slot + 4) + 8
        common.blob.withUnsafeBytes { commonBlob in
            extra.blob.withUnsafeBytes { extraBlob in
                common.lengths.withUnsafeBufferPointer { commonLengths in
                    extra.lengths.withUnsafeBufferPointer { extraLengths in
                        out.appendBytes(upperBound: bound) { dst in
                            guard let commonBase = commonBlob.baseAddress, let extraBase = extraBlob.baseAddress else {
                                return 0
                            }
                            let raw = UnsafeMutableRawPointer(dst)
                            var written = 0
                            for byte in opener {
                                dst[written] = byte
                                written += 1
                            }
                            var column = written
                            var capitalize = opener.isEmpty
                            let sentences = rng.between(2...5)
                            for _ in 0..<sentences {
                                let length = rng.between(5...14)
                                for position in 0..<length {
                                    let bits = rng.next()
                                    let useExtra = international && bits & 0x7 == 0
                                    let lengths = useExtra ? extraLengths : commonLengths
                                    let pick = SplitMix64.scale(bits << 8, below: lengths.count)
                                    let count = lengths[pick]
                                    if column > 0 {
                                        if column + 1 + count > wrapColumn {
                                            dst[written] = 0x0D
                                            dst[written + 1] = 0x0A
                                            written += 2
                                            column = 0
                                        } else {
                                            dst[written] = 0x20
                                            written += 1
                                            column += 1
                                        }
                                    }
                                    // Copy the whole zero-padded slot; bytes past the word are overwritten later.
                                    let source = (useExtra ? extraBase : commonBase) + pick &* slot
                                    raw.storeBytes(of: source.loadUnaligned(as: UInt64.self), toByteOffset: written, as: UInt64.self)
                                    raw.storeBytes(
                                        of: source.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                                        toByteOffset: written + 8, as: UInt64.self
                                    )
                                    if position == 0, capitalize, count > 0, dst[written] >= 0x61, dst[written] <= 0x7A {
                                        dst[written] -= 0x20
                                    }
                                    capitalize = true
                                    written += count
                                    column += count
                                    if position == length - 1 {
                                        dst[written] = bits >> 40 & 0x7 == 0 ? 0x3F : 0x2E
                                        written += 1
                                        column += 1
                                    } else if bits >> 44 & 0xF == 0 {
                                        dst[written] = 0x2C
                                        written += 1
                                        column += 1
                                    }
                                }
                            }
                            for byte: UInt8 in [0x0D, 0x0A, 0x0D, 0x0A] {
                                dst[written] = byte
                                written += 1
                            }
                            return written
                        }
                    }
                }
            }
        }
    }

    /// Appends an HTML rendering of CRLF plain text: paragraphs become `<p>`, lines `<br>`.
    static func appendHTML(of text: [UInt8], newsletter: Bool, to out: inout [UInt8]) {
        out.append(contentsOf: htmlHead)
        if newsletter {
            out.append(contentsOf: newsletterBanner)
        }
        out.append(contentsOf: paragraphOpen)
        let count = text.count
        text.withUnsafeBufferPointer { source in
            out.appendBytes(upperBound: count * 5 + 16) { dst in
                var written = 0
                func put(_ bytes: StaticString) {
                    bytes.withUTF8Buffer { literal in
                        for byte in literal {
                            dst[written] = byte
                            written += 1
                        }
                    }
                }
                var index = 0
                var blank = false
                while index < count {
                    let byte = source[index]
                    if byte == 0x0D, index + 1 < count, source[index + 1] == 0x0A {
                        index += 2
                        if index + 1 < count, source[index] == 0x0D, source[index + 1] == 0x0A {
                            index += 2
                            if !blank, index < count {
                                put("</p>\r\n<p>")
                            }
                            blank = true
                        } else if index < count {
                            put("<br>\r\n")
                        }
                        continue
                    }
                    blank = false
                    if byte > 0x3E || (byte != 0x26 && byte != 0x3C && byte != 0x3E) {
                        dst[written] = byte
                        written += 1
                        index += 1
                        continue
                    }
                    switch byte {
                    case 0x26: put("&amp;")
                    case 0x3C: put("&lt;")
                    case 0x3E: put("&gt;")
                    default:
                        dst[written] = byte
                        written += 1
                    }
                    index += 1
                }
                return written
            }
        }
        out.append(contentsOf: htmlTail)
    }

    private static let htmlHead = Array("""
        <html>\r\n<head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\r\n\
        <style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>\r\n\
        </head>\r\n<body dir="ltr">\r\n<div style="font-family: Calibri, Arial, Helvetica, sans-serif; \
        font-size: 12pt; color: rgb(0, 0, 0);">\r\n
        """.utf8)
    private static let newsletterBanner = Array("""
        <table width="100%" cellpadding="0" cellspacing="0"><tr><td style="background:#0078d4;color:#fff;\
        padding:12px"><a href="https://contoso.com/news?utm_source=newsletter" style="color:#fff">View in \
        browser</a></td></tr></table>\r\n
        """.utf8)
    private static let blankLine: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]
    private static let updateNote = Array("P.S. The figures above were corrected after review.\r\n\r\n".utf8)
    private static let paragraphOpen = Array("<p>".utf8)
    private static let htmlTail = Array("</p>\r\n</div>\r\n</body>\r\n</html>\r\n".utf8)
}
