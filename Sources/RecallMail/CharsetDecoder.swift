import Foundation

/// Decodes bytes in a MIME charset using what Foundation offers on the platform.
///
/// Names are matched case-insensitively with common aliases (`cp1252`, `latin1`,
/// `ks_c_5601-1987`, `x-sjis`, …). GB2312/GBK are decoded with GB18030 (a superset),
/// Shift_JIS with CP932, EUC-KR with CP949 when available. EUC-JP, which
/// swift-corelibs-foundation cannot decode, is transcoded to ISO-2022-JP first.
/// UTF-8 and ISO-8859-1 are decoded natively and never depend on Foundation.
public enum CharsetDecoder {
    private enum Method {
        case utf8, latin1, eucJP
        case foundation([String.Encoding])
    }

    /// Foundation encoding for a CoreFoundation `CFStringEncoding` constant. Used instead of
    /// named `String.Encoding` members where those are wrong or missing on Linux
    /// (e.g. `.macOSRoman` mis-decodes there, and there is no `.koi8R`).
    private static func cf(_ value: UInt) -> String.Encoding {
        String.Encoding(rawValue: 0x8000_0000 | value)
    }

    /// Canonical charset name: lowercased, unquoted, without an RFC 2231 `*language` suffix.
    public static func normalize(_ charset: String) -> String {
        var bytes: [UInt8] = []
        for b in charset.utf8 {
            if b == 0x2A { break }  // '*' starts an RFC 2231 language suffix
            switch b {
            case 0x22, 0x27, 0x20, 0x09: continue  // quotes and blanks
            case 0x5F: bytes.append(0x2D)          // '_' → '-'
            default: bytes.append(ByteText.lower(b))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func method(for charset: String) -> Method? {
        let name = normalize(charset)
        switch name {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "us-ascii", "ascii", "ansi-x3.4-1968", "iso646-us", "646":
            return .utf8
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "cp819", "ibm819", "iso-ir-100":
            return .latin1
        case "euc-jp", "eucjp", "x-euc-jp", "cseucpkdfmtjapanese":
            return .eucJP
        default:
            break
        }
        if let table = aliases[name] { return .foundation(table) }
        for prefix in ["iso-8859-", "iso8859-", "iso-8859"] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count).split(separator: "-").first ?? ""
            if let n = UInt(rest), (2...16).contains(n), n != 12 { return .foundation([cf(0x0200 + n)]) }
        }
        for prefix in ["windows-", "cp", "x-cp", "win-"] where name.hasPrefix(prefix) {
            if let n = UInt(name.dropFirst(prefix.count)), let e = windows[n] { return .foundation(e) }
        }
        return nil
    }

    private static let windows: [UInt: [String.Encoding]] = [
        1250: [.windowsCP1250], 1251: [.windowsCP1251], 1252: [.windowsCP1252],
        1253: [.windowsCP1253], 1254: [.windowsCP1254], 1255: [cf(0x0505)],
        1256: [cf(0x0506)], 1257: [cf(0x0507)], 1258: [cf(0x0508)],
        874: [cf(0x041D)], 932: [cf(0x0420), .shiftJIS], 936: [cf(0x0632)],
        949: [cf(0x0422), cf(0x0940)], 950: [cf(0x0423), cf(0x0A03)],
        866: [cf(0x041B)], 850: [cf(0x0410)], 437: [cf(0x0400)],
    ]

    private static let aliases: [String: [String.Encoding]] = [
        "koi8-r": [cf(0x0A02)], "koi8r": [cf(0x0A02)], "koi8-u": [cf(0x0A08)],
        "iso-2022-jp": [.iso2022JP], "csiso2022jp": [.iso2022JP], "iso-2022-jp-2": [.iso2022JP],
        "shift-jis": [cf(0x0420), .shiftJIS], "sjis": [cf(0x0420), .shiftJIS],
        "x-sjis": [cf(0x0420), .shiftJIS], "ms-kanji": [cf(0x0420), .shiftJIS],
        "csshiftjis": [cf(0x0420), .shiftJIS], "windows-31j": [cf(0x0420), .shiftJIS],
        "gb2312": [cf(0x0632)], "gbk": [cf(0x0632)], "gb18030": [cf(0x0632)], "x-gbk": [cf(0x0632)],
        "euc-cn": [cf(0x0632)], "x-euc-cn": [cf(0x0632)], "csgb2312": [cf(0x0632)],
        "chinese": [cf(0x0632)], "hz-gb-2312": [cf(0x0A05)],
        "big5": [cf(0x0A03)], "x-x-big5": [cf(0x0A03)], "cn-big5": [cf(0x0A03)], "csbig5": [cf(0x0A03)],
        "big5-hkscs": [cf(0x0A06), cf(0x0A03)],
        "euc-kr": [cf(0x0422), cf(0x0940)], "ks-c-5601-1987": [cf(0x0422), cf(0x0940)],
        "ks-c-5601": [cf(0x0422), cf(0x0940)], "ksc5601": [cf(0x0422), cf(0x0940)],
        "korean": [cf(0x0422), cf(0x0940)], "iso-2022-kr": [cf(0x0840)],
        "utf-16": [.utf16], "utf-16be": [.utf16BigEndian], "utf-16le": [.utf16LittleEndian],
        "utf-7": [cf(0x0400_0100)], "unicode-1-1-utf-7": [cf(0x0400_0100)],
        "tis-620": [cf(0x041D)], "macintosh": [cf(0)], "mac": [cf(0)],
        "x-mac-roman": [cf(0)], "ibm866": [cf(0x041B)],
    ]

    /// True when `charset` is a name this decoder knows (it may still fail on the platform).
    public static func isKnown(_ charset: String) -> Bool {
        method(for: charset) != nil
    }

    /// Decodes `bytes` as `charset`; nil if the charset is unknown, unsupported on this
    /// platform, or the bytes are not valid in it.
    public static func decode(_ bytes: [UInt8], charset: String) -> String? {
        guard let m = method(for: charset) else { return nil }
        switch m {
        case .utf8:
            return ByteText.utf8(bytes)
        case .latin1:
            return ByteText.latin1(bytes)
        case .eucJP:
            if let s = foundation(bytes, [.japaneseEUC]) { return s }
            return EUCJPTranscoder.toISO2022JP(bytes).flatMap { foundation($0, [.iso2022JP]) }
        case .foundation(let encodings):
            return foundation(bytes, encodings)
        }
    }

    /// Decodes with `charset`; if that fails, falls back to UTF-8 and then ISO-8859-1 and
    /// returns a warning. Pure-ASCII bytes in an unknown charset decode silently.
    public static func decodeWithFallback(_ bytes: [UInt8], charset: String) -> (text: String, warning: String?) {
        if let s = decode(bytes, charset: charset) { return (s, nil) }
        let name = normalize(charset)
        if !bytes.contains(where: { $0 >= 0x80 }), !isKnown(name) { return (ByteText.latin1(bytes), nil) }
        let reason = isKnown(name) ? "could not decode charset \(name)" : "unknown charset \(name)"
        if let s = ByteText.utf8(bytes) { return (s, "\(reason), decoded as UTF-8") }
        return (ByteText.latin1(bytes), "\(reason), decoded as ISO-8859-1")
    }

    private static func foundation(_ bytes: [UInt8], _ encodings: [String.Encoding]) -> String? {
        if bytes.isEmpty { return "" }
        let data = Data(bytes)
        for e in encodings {
            if let s = String(data: data, encoding: e) { return s }
        }
        return nil
    }
}
