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

    // The helpers below work on UTF-8 bytes: every delimiter is ASCII, and a multi-byte sequence never contains
    // an ASCII byte, so this is exact and avoids Character iteration, which dominated import profiles.

    private static func parseItem(_ item: String, _ warnings: inout [String]) -> MailAddress? {
        let trimmed = Array(item.trimmingASCIIWhitespace().utf8)
        guard !trimmed.isEmpty else { return nil }
        if let angle = topLevelAngle(trimmed) {
            var address = StringScanning.trimmed(trimmed[(angle + 1)...].prefix { $0 != 0x3E })
            if hasRoutePrefix(address), let colon = address.lastIndex(of: ":") {
                address = String(address[address.index(after: colon)...])  // source route / mailto:
            }
            let name = phrase(trimmed[..<angle], &warnings)
            if name == nil && address.isEmpty { return nil }
            return MailAddress(displayName: name, address: address)
        }
        let (bare, comment) = separateComment(trimmed)
        let address = StringScanning.trimmed(bare)
        if !address.containsBytes("@"), address.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 }) || address.containsBytes("=?") {
            return phrase(trimmed[...], &warnings).map { MailAddress(displayName: $0, address: "") }
        }
        let name = comment.flatMap { phrase($0[...], &warnings) }
        if address.isEmpty { return name.map { MailAddress(displayName: $0, address: "") } }
        return MailAddress(displayName: name, address: address)
    }

    /// `@route,…:` or `mailto:` (any case) before the real address.
    private static func hasRoutePrefix(_ address: String) -> Bool {
        if address.utf8.first == 0x40 { return true }
        return address.utf8.prefix(7).map { $0 | 0x20 } == Array("mailto:".utf8)
    }

    /// Offset of the `<` that starts the angle address (outside quotes and comments).
    private static func topLevelAngle(_ s: [UInt8]) -> Int? {
        var inQuote = false, escaped = false
        var depth = 0
        for (i, c) in s.enumerated() {
            if escaped { escaped = false; continue }
            if c == 0x5C && (inQuote || depth > 0) { escaped = true; continue }
            if inQuote { if c == 0x22 { inQuote = false }; continue }
            if c == 0x28 { depth += 1; continue }
            if c == 0x29 && depth > 0 { depth -= 1; continue }
            if depth > 0 { continue }
            if c == 0x22 { inQuote = true; continue }
            if c == 0x3C { return i }
        }
        return nil
    }

    /// Splits `addr (comment)` into the address bytes and the first comment's content.
    private static func separateComment(_ s: [UInt8]) -> ([UInt8], [UInt8]?) {
        var bare: [UInt8] = []
        var comment: [UInt8]?
        var current: [UInt8] = []
        var depth = 0
        for c in s {
            if c == 0x28 {
                if depth > 0 { current.append(c) }
                depth += 1
                continue
            }
            if c == 0x29 && depth > 0 {
                depth -= 1
                if depth == 0 { if comment == nil { comment = current }; current = [] } else { current.append(c) }
                continue
            }
            if depth > 0 { current.append(c) } else { bare.append(c) }
        }
        return (bare, comment)
    }

    /// Cleans a display-name phrase: unquotes, removes comments, decodes RFC 2047, collapses white space.
    private static func phrase(_ s: ArraySlice<UInt8>, _ warnings: inout [String]) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var inQuote = false, escaped = false
        var depth = 0
        for c in s {
            if escaped { if depth == 0 { out.append(c) }; escaped = false; continue }
            if c == 0x5C && (inQuote || depth > 0) { escaped = true; continue }
            if inQuote { if c == 0x22 { inQuote = false } else { out.append(c) }; continue }
            if c == 0x28 { depth += 1; continue }
            if c == 0x29 && depth > 0 { depth -= 1; continue }
            if depth > 0 { continue }
            if c == 0x22 { inQuote = true; continue }
            out.append(c)
        }
        let decoded = EncodedWordDecoder.decode(String(decoding: out, as: UTF8.self))
        for w in decoded.warnings where !warnings.contains(w) { warnings.append(w) }
        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(out.count)
        var gap = false
        for c in decoded.text.utf8 {
            if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A {
                gap = !collapsed.isEmpty
            } else {
                if gap { collapsed.append(0x20); gap = false }
                collapsed.append(c)
            }
        }
        return collapsed.isEmpty ? nil : String(decoding: collapsed, as: UTF8.self)
    }
}
