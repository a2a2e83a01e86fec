import Foundation

/// IMAP modified UTF-7 (RFC 3501 §5.1.3), as used for Maildir++ folder names.
public enum ModifiedUTF7 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".utf8)

    /// Encodes `s`; `alsoEncode` lists printable ASCII characters that should be
    /// base64-encoded as well (e.g. `.` and `/` for Maildir++ names).
    public static func encode(_ s: String, alsoEncode: Set<Character> = []) -> String {
        var out = ""
        var pending: [UInt16] = []
        func flush() {
            guard !pending.isEmpty else { return }
            out += "&" + base64(pending) + "-"
            pending = []
        }
        for c in s {
            if c.isASCII, let v = c.asciiValue, v >= 0x20, v <= 0x7E, !alsoEncode.contains(c) {
                flush()
                out += c == "&" ? "&-" : String(c)
            } else {
                pending.append(contentsOf: Array(String(c).utf16))
            }
        }
        flush()
        return out
    }

    /// Decodes `s`; malformed `&…-` sequences are kept literally.
    public static func decode(_ s: String) -> String {
        guard s.containsBytes("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let afterAmp = rest[rest.index(after: amp)...]
            let end = afterAmp.firstIndex(of: "-") ?? afterAmp.endIndex
            let encoded = afterAmp[..<end]
            let next = end < afterAmp.endIndex ? afterAmp.index(after: end) : end
            if encoded.isEmpty {
                out += "&"
            } else if let decoded = decodeBase64(encoded) {
                out += decoded
            } else {
                out += rest[amp..<next]
            }
            rest = afterAmp[next...]
        }
        out += rest
        return out
    }

    private static func base64(_ units: [UInt16]) -> String {
        var bytes: [UInt8] = []
        for u in units { bytes.append(UInt8(u >> 8)); bytes.append(UInt8(u & 0xFF)) }
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i])
            let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let n = b0 << 16 | b1 << 8 | b2
            let count = min(bytes.count - i, 3) + 1
            for k in 0..<count { out.append(alphabet[Int((n >> UInt32(18 - 6 * k)) & 0x3F)]) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func decodeBase64(_ s: Substring) -> String? {
        var acc: UInt32 = 0, bits = 0
        var bytes: [UInt8] = []
        for c in s.utf8 {
            guard let v = alphabet.firstIndex(of: c) else { return nil }
            acc = (acc << 6) | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8((acc >> UInt32(bits)) & 0xFF))
            }
        }
        guard bytes.count % 2 == 0, !bytes.isEmpty else { return nil }
        var units: [UInt16] = []
        var i = 0
        while i + 1 < bytes.count { units.append(UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])); i += 2 }
        var k = 0
        while k < units.count {  // reject unpaired surrogates instead of repairing them
            let u = units[k]
            if (0xD800...0xDBFF).contains(u) {
                guard k + 1 < units.count, (0xDC00...0xDFFF).contains(units[k + 1]) else { return nil }
                k += 2
            } else if (0xDC00...0xDFFF).contains(u) {
                return nil
            } else {
                k += 1
            }
        }
        return String(decoding: units, as: UTF16.self)
    }
}
