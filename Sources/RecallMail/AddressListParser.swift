import Foundation

/// Parses RFC 5322 address lists (`To`, `Cc`, `From`, …) leniently.
///
/// Splits on commas outside quotes, angle brackets and comments; group syntax
/// (`Team: a@x, b@y;`) yields the members and `undisclosed-recipients:;` yields nothing.
/// Display names are unquoted and RFC 2047-decoded; a comment after a bare address
/// (`alice@example.com (Alice)`) becomes the display name.
public enum AddressListParser {
    /// Parses `raw` (an unfolded header value) into addresses, plus decoding warnings.
    public static func parse(_ raw: String) -> (addresses: [MailAddress], warnings: [String]) {
        var addresses: [MailAddress] = []
        var warnings: [String] = []
        for item in splitItems(raw).prefix(10_000) {
            guard let parsed = parseItem(item, &warnings) else { continue }
            addresses.append(parsed)
        }
        return (addresses, warnings)
    }

    /// Splits into mailbox strings; group names (text before a top-level `:`) are dropped.
    private static func splitItems(_ raw: String) -> [String] {
        let bytes = Array(raw.utf8)
        var items: [String] = []
        var start = 0
        var inQuote = false, inAngle = false
        var depth = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if inQuote || depth > 0 {
                if b == 0x5C { i += 2; continue }  // backslash escape
                if inQuote, b == 0x22 { inQuote = false }
                if depth > 0, b == 0x28 { depth += 1 }
                if depth > 0, b == 0x29 { depth -= 1 }
                i += 1
                continue
            }
            switch b {
            case 0x22: inQuote = true
            case 0x28: depth += 1
            case 0x3C: inAngle = true
            case 0x3E: inAngle = false
            case 0x2C where !inAngle, 0x3B where !inAngle:  // ',' and ';' end a mailbox
                items.append(String(decoding: bytes[start..<i], as: UTF8.self))
                start = i + 1
            case 0x3A where !inAngle:  // group display name: discard
                start = i + 1
            default: break
            }
            i += 1
        }
        if start < bytes.count { items.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return items
    }

    private static func parseItem(_ item: String, _ warnings: inout [String]) -> MailAddress? {
        let trimmed = item.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else { return nil }
        if let angle = topLevelAngle(trimmed) {
            let inner = trimmed[trimmed.index(after: angle)...].prefix { $0 != ">" }
            var address = inner.trimmingASCIIWhitespace()
            if let colon = address.lastIndex(of: ":"), address.hasPrefix("@") || address.lowercased().hasPrefix("mailto:") {
                address = String(address[address.index(after: colon)...])  // source route / mailto:
            }
            let name = phrase(String(trimmed[..<angle]), &warnings)
            if name == nil && address.isEmpty { return nil }
            return MailAddress(displayName: name, address: address)
        }
        let (bare, comment) = separateComment(trimmed)
        let address = bare.trimmingASCIIWhitespace()
        if !address.containsBytes("@"), address.contains(where: { $0 == " " || $0 == "\t" }) || address.containsBytes("=?") {
            return phrase(trimmed, &warnings).map { MailAddress(displayName: $0, address: "") }
        }
        let name = comment.flatMap { phrase($0, &warnings) }
        if address.isEmpty { return name.map { MailAddress(displayName: $0, address: "") } }
        return MailAddress(displayName: name, address: address)
    }

    /// Index of the `<` that starts the angle address (outside quotes and comments).
    private static func topLevelAngle(_ s: String) -> String.Index? {
        var inQuote = false, escaped = false
        var depth = 0
        for i in s.indices {
            let c = s[i]
            if escaped { escaped = false; continue }
            if c == "\\" && (inQuote || depth > 0) { escaped = true; continue }
            if inQuote { if c == "\"" { inQuote = false }; continue }
            if c == "(" { depth += 1; continue }
            if c == ")" && depth > 0 { depth -= 1; continue }
            if depth > 0 { continue }
            if c == "\"" { inQuote = true; continue }
            if c == "<" { return i }
        }
        return nil
    }

    /// Splits `addr (comment)` into the address text and the first comment's content.
    private static func separateComment(_ s: String) -> (String, String?) {
        var bare = ""
        var comment: String?
        var current = ""
        var depth = 0
        for c in s {
            if c == "(" {
                if depth > 0 { current.append(c) }
                depth += 1
                continue
            }
            if c == ")" && depth > 0 {
                depth -= 1
                if depth == 0 { if comment == nil { comment = current }; current = "" } else { current.append(c) }
                continue
            }
            if depth > 0 { current.append(c) } else { bare.append(c) }
        }
        return (bare, comment)
    }

    /// Cleans a display-name phrase: unquotes, removes comments, decodes RFC 2047, collapses spaces.
    private static func phrase(_ s: String, _ warnings: inout [String]) -> String? {
        var out = ""
        var inQuote = false, escaped = false
        var depth = 0
        for c in s {
            if escaped { if depth == 0 { out.append(c) }; escaped = false; continue }
            if c == "\\" && (inQuote || depth > 0) { escaped = true; continue }
            if inQuote { if c == "\"" { inQuote = false } else { out.append(c) }; continue }
            if c == "(" { depth += 1; continue }
            if c == ")" && depth > 0 { depth -= 1; continue }
            if depth > 0 { continue }
            if c == "\"" { inQuote = true; continue }
            out.append(c)
        }
        let decoded = EncodedWordDecoder.decode(out)
        for w in decoded.warnings where !warnings.contains(w) { warnings.append(w) }
        let collapsed = decoded.text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" })
            .joined(separator: " ")
        return collapsed.isEmpty ? nil : collapsed
    }
}
