import Foundation

/// Decodes RFC 2047 encoded words (`=?charset?B|Q?text?=`) in header text.
///
/// Whitespace between adjacent encoded words is removed, and adjacent words in the
/// same charset are joined before charset decoding (so a multi-byte character split
/// across two words survives). Encoded words glued to other text are decoded too
/// (lenient). Malformed words are left as-is with the warning
/// "undecodable encoded word"; unknown charsets fall back to ISO-8859-1 with a warning.
public enum EncodedWordDecoder {
    /// Warning added when something looks like an encoded word but cannot be decoded.
    public static let warningUndecodable = "undecodable encoded word"

    private enum Segment {
        case text([UInt8])
        case word(charset: String, bytes: [UInt8])
    }

    /// Decodes all encoded words in `s`; returns the text and any warnings.
    public static func decode(_ s: String) -> (text: String, warnings: [String]) {
        guard s.containsBytes("=?") else { return (s, []) }
        let input = Array(s.utf8)
        let terminators = nextTerminator(input)
        var segments: [Segment] = []
        var literal: [UInt8] = []
        var warnings: [String] = []
        var i = 0
        while i < input.count {
            if input[i] == 0x3D, i + 1 < input.count, input[i + 1] == 0x3F {
                switch parseWord(input, at: i, terminators) {
                case .word(let charset, let bytes, let next):
                    if !literal.isEmpty {
                        // Whitespace-only text between two encoded words is dropped.
                        let isGap = literal.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
                        if !(isGap && isWord(segments.last)) { segments.append(.text(literal)) }
                        literal = []
                    }
                    segments.append(.word(charset: charset, bytes: bytes))
                    i = next
                    continue
                case .malformed:
                    append(warningUndecodable, to: &warnings)
                case .notAWord:
                    break
                }
            }
            literal.append(input[i])
            i += 1
        }
        if !literal.isEmpty { segments.append(.text(literal)) }
        return (render(segments, &warnings), warnings)
    }

    private static func isWord(_ segment: Segment?) -> Bool {
        if case .word = segment { return true }
        return false
    }

    private enum ParseResult {
        case word(charset: String, bytes: [UInt8], next: Int)
        case malformed
        case notAWord
    }

    /// For each index, the index of the next `?=` at or after it (input.count if none), so
    /// finding a word's end is O(1) and decoding stays linear on hostile input.
    private static func nextTerminator(_ input: [UInt8]) -> [Int] {
        var next = [Int](repeating: input.count, count: input.count + 1)
        var i = input.count - 2
        while i >= 0 {
            next[i] = (input[i] == 0x3F && input[i + 1] == 0x3D) ? i : next[i + 1]
            i -= 1
        }
        return next
    }

    /// Parses `=?charset?X?text?=` starting at `start` (which points at `=?`).
    private static func parseWord(_ input: [UInt8], at start: Int, _ terminators: [Int]) -> ParseResult {
        var i = start + 2
        let charsetStart = i
        while i < input.count, input[i] != 0x3F {
            let c = input[i]
            if c <= 0x20 || c >= 0x7F || c == 0x3D || i - charsetStart > 64 { return .notAWord }
            i += 1
        }
        guard i > charsetStart, i + 2 < input.count, input[i + 2] == 0x3F else { return .notAWord }
        let mode = ByteText.lower(input[i + 1])
        let textStart = i + 3
        let j = terminators[min(textStart, input.count)]
        guard j < input.count, j - textStart <= 10_000 else { return .malformed }
        let charset = String(decoding: input[charsetStart..<i], as: UTF8.self)
        let text = Array(input[textStart..<j])
        switch mode {
        case 0x62: return .word(charset: charset, bytes: TransferDecoding.base64(text), next: j + 2)
        case 0x71: return .word(charset: charset, bytes: TransferDecoding.qEncoding(text), next: j + 2)
        default: return .malformed
        }
    }

    /// Joins adjacent same-charset words and decodes everything into a String.
    private static func render(_ segments: [Segment], _ warnings: inout [String]) -> String {
        var out = ""
        var runCharset: String?
        var runBytes: [UInt8] = []
        func flushRun() {
            guard let charset = runCharset else { return }
            let decoded = CharsetDecoder.decodeWithFallback(runBytes, charset: charset)
            if let w = decoded.warning { append(w, to: &warnings) }
            out += decoded.text
            runCharset = nil
            runBytes = []
        }
        for segment in segments {
            switch segment {
            case .text(let bytes):
                flushRun()
                out += String(decoding: bytes, as: UTF8.self)
            case .word(let charset, let bytes):
                let name = CharsetDecoder.normalize(charset)
                if runCharset != name { flushRun() }
                runCharset = name
                runBytes.append(contentsOf: bytes)
            }
        }
        flushRun()
        return out
    }

    private static func append(_ warning: String, to warnings: inout [String]) {
        if !warnings.contains(warning) { warnings.append(warning) }
    }
}
