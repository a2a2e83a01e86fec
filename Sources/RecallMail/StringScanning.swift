import Foundation

/// Fast ASCII-oriented helpers used instead of Foundation's `CharacterSet`-based trimming
/// and `range(of:)`, which dominate profiles when parsing millions of headers.
enum StringScanning {
    /// `bytes` without leading and trailing spaces, tabs, CRs and LFs, as a String.
    static func trimmed<C: BidirectionalCollection<UInt8>>(_ bytes: C) -> String {
        let isSpace = { (b: UInt8) in b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
              let last = bytes.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    /// UTF-8 offset of the first occurrence of `needle` in `hay`, or nil.
    static func firstOffset(of needle: String, in hay: some Sequence<UInt8>) -> Int? {
        let n = Array(needle.utf8)
        guard let head = n.first else { return 0 }
        let h = Array(hay)
        guard h.count >= n.count else { return nil }
        var i = 0
        while i <= h.count - n.count {
            if h[i] == head {
                var j = 1
                while j < n.count, h[i + j] == n[j] { j += 1 }
                if j == n.count { return i }
            }
            i += 1
        }
        return nil
    }
}

extension String {
    /// Lower-cases A–Z only: header names, MIME types and parameter names are ASCII tokens, and Unicode case
    /// mapping showed up in import profiles.
    func asciiLowercased() -> String {
        guard utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return self }
        return String(decoding: utf8.map(ByteText.lower), as: UTF8.self)
    }
    /// The string without leading and trailing spaces, tabs, CRs and LFs.
    func trimmingASCIIWhitespace() -> String { StringScanning.trimmed(utf8) }
    /// True when the UTF-8 form contains `needle`'s UTF-8 bytes.
    func containsBytes(_ needle: String) -> Bool { StringScanning.firstOffset(of: needle, in: utf8) != nil }
    /// UTF-8 offset of the first occurrence of `needle`, or nil.
    func firstByteOffset(of needle: String) -> Int? { StringScanning.firstOffset(of: needle, in: utf8) }
}

extension Substring {
    /// The text without leading and trailing spaces, tabs, CRs and LFs.
    func trimmingASCIIWhitespace() -> String { StringScanning.trimmed(utf8) }
}
