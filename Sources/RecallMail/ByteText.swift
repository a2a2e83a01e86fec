import Foundation

/// Small byte-level helpers shared by the parsers (ASCII only, never traps).
enum ByteText {
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09

    /// Index of the first LF at or after `from` and before `end`, or nil.
    static func indexOfLF(in bytes: [UInt8], from: Int, end: Int) -> Int? {
        guard from < end else { return nil }
        return bytes.withUnsafeBufferPointer { buf -> Int? in
            let start = max(from, 0)
            let stop = min(end, buf.count)
            guard start < stop, let base = buf.baseAddress,
                  let hit = memchr(base + start, 0x0A, stop - start) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// True when `bytes[start..<end]` is an empty line: "", "\n", "\r\n" or "\r".
    static func isBlankLine(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        let length = end - start
        if length <= 0 { return true }
        if length == 1 { return bytes[start] == lf || bytes[start] == cr }
        if length == 2 { return bytes[start] == cr && bytes[start + 1] == lf }
        return false
    }

    /// True when `bytes` has `prefix` at `start` (bounds-checked against `end`).
    static func hasPrefix(_ bytes: [UInt8], at start: Int, end: Int, _ prefix: [UInt8]) -> Bool {
        guard start >= 0, end <= bytes.count, end - start >= prefix.count else { return false }
        var i = 0
        while i < prefix.count {
            if bytes[start + i] != prefix[i] { return false }
            i += 1
        }
        return true
    }

    /// End of line content (excluding a trailing LF or CRLF) for the line `start..<end`.
    static func contentEnd(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int {
        var e = end
        if e > start, bytes[e - 1] == lf { e -= 1 }
        if e > start, bytes[e - 1] == cr { e -= 1 }
        return e
    }

    /// Decodes bytes as UTF-8, or nil if they are not valid UTF-8.
    /// (`String(validating:as:)` would need macOS 15, the package targets macOS 14.)
    static func utf8(_ bytes: some Collection<UInt8>) -> String? {
        let valid = bytes.withContiguousStorageIfAvailable(isValidUTF8)
            ?? Array(bytes).withUnsafeBufferPointer(isValidUTF8)
        return valid ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// Strict UTF-8 validation (RFC 3629: no overlongs, surrogates or values above U+10FFFF).
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b0 = bytes[i]
            if b0 < 0x80 { i += 1; continue }
            var need = 0
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return false
            }
            guard i + need < n, bytes[i + 1] >= lo, bytes[i + 1] <= hi else { return false }
            var k = 2
            while k <= need {
                guard bytes[i + k] & 0xC0 == 0x80 else { return false }
                k += 1
            }
            i += need + 1
        }
        return true
    }

    /// Decodes bytes as ISO-8859-1 (every byte maps to the same code point; cannot fail).
    static func latin1(_ bytes: some Sequence<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for b in bytes { scalars.append(Unicode.Scalar(b)) }
        return String(scalars)
    }

    /// Decodes as UTF-8, falling back to ISO-8859-1; `lossy` reports the fallback.
    static func utf8OrLatin1(_ bytes: some Collection<UInt8>) -> (text: String, usedFallback: Bool) {
        if let s = utf8(bytes) { return (s, false) }
        return (latin1(bytes), true)
    }

    /// ASCII lowercasing of a byte.
    static func lower(_ b: UInt8) -> UInt8 {
        (b >= 0x41 && b <= 0x5A) ? b + 0x20 : b
    }

    /// Value of a hexadecimal digit, or nil.
    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }
}
