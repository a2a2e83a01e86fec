import Foundation

/// Recognises mbox `From ` separator lines and mboxrd-escaped body lines.
enum MboxSeparator {
    static let fromSpace: [UInt8] = Array("From ".utf8)

    /// True when the line starts with exactly `From `.
    static func startsWithFrom(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        ByteText.hasPrefix(bytes, at: start, end: end, fromSpace)
    }

    /// True when the line is a separator: it starts with `From ` and either follows a
    /// blank line (or the start of the file) or looks like `From <token> <weekday> <month> …`.
    static func isSeparator(_ bytes: [UInt8], _ start: Int, _ end: Int, afterBlank: Bool) -> Bool {
        guard startsWithFrom(bytes, start, end) else { return false }
        if afterBlank { return true }
        let (_, rest) = split(bytes, start, min(end, start + 256))
        return AsctimeDateParser.looksLikeAsctime(Substring(rest))
    }

    /// Number of bytes to drop for mboxrd un-escaping: 1 if the line matches `^>+From `, else 0.
    static func escapeLength(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int {
        var i = start
        while i < end, bytes[i] == 0x3E { i += 1 }  // '>'
        guard i > start else { return 0 }
        return ByteText.hasPrefix(bytes, at: i, end: end, fromSpace) ? 1 : 0
    }

    /// Parses the envelope sender and date from a separator line.
    static func envelope(_ line: [UInt8]) -> (sender: String?, date: Date?) {
        let (sender, rest) = split(line, 0, line.count)
        let trimmed = rest.trimmingASCIIWhitespace()
        return (sender.isEmpty ? nil : sender, trimmed.isEmpty ? nil : AsctimeDateParser.parse(trimmed))
    }

    /// Splits the text after `From ` into the sender token and the remainder.
    private static func split(_ bytes: [UInt8], _ start: Int, _ end: Int) -> (String, String) {
        let contentEnd = ByteText.contentEnd(bytes, start, end)
        let from = min(start + fromSpace.count, contentEnd)
        let text = ByteText.utf8OrLatin1(bytes[from..<contentEnd]).text
        let trimmed = text.drop(while: { $0 == " " || $0 == "\t" })
        guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
            return (String(trimmed), "")
        }
        let rest = trimmed[space...].drop(while: { $0 == " " || $0 == "\t" })
        return (String(trimmed[..<space]), String(rest))
    }
}
