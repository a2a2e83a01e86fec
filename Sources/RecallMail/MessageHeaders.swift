import Foundation

/// The header section of a message or MIME part.
///
/// Parsing never fails: continuation lines are unfolded, names are matched
/// case-insensitively, 8-bit bytes are decoded as UTF-8 or else ISO-8859-1 (with a
/// warning), and a missing blank line after the headers is reported as a warning.
public struct MessageHeaders: Sendable, Equatable {
    /// Header fields in message order.
    public let fields: [HeaderField]
    /// Index in the parsed bytes where the body starts.
    public let bodyOffset: Int
    /// Whether a blank line separated the headers from the body.
    public let hasSeparator: Bool
    /// Problems found while parsing (human-readable, stable strings).
    public let warnings: [String]
    /// Lowercased field names, parallel to `fields`, for fast lookups.
    private let keys: [String]

    /// Creates headers from already-parsed fields.
    public init(fields: [HeaderField], bodyOffset: Int, hasSeparator: Bool, warnings: [String]) {
        self.fields = fields
        self.bodyOffset = bodyOffset
        self.hasSeparator = hasSeparator
        self.warnings = warnings
        keys = fields.map { $0.name.asciiLowercased() }
    }

    static let warningNoSeparator = "no header/body separator"
    static let warningLatin1 = "header contains invalid UTF-8, decoded as ISO-8859-1"

    /// Parses the header section at the start of `bytes`. A leading mbox `From ` line is skipped.
    public static func parse(_ bytes: [UInt8]) -> MessageHeaders {
        parse(bytes, in: 0..<bytes.count, skipEnvelopeLine: true)
    }

    /// First value of the field `name` (case-insensitive), or nil.
    public func first(_ name: String) -> String? {
        let lower = name.asciiLowercased()
        return keys.firstIndex(of: lower).map { fields[$0].value }
    }

    /// All values of the field `name` (case-insensitive), in message order.
    public func all(_ name: String) -> [String] {
        let lower = name.asciiLowercased()
        return keys.indices.filter { keys[$0] == lower }.map { fields[$0].value }
    }

    /// Parses the header section found in `bytes[range]`; offsets stay absolute.
    static func parse(_ bytes: [UInt8], in range: Range<Int>, skipEnvelopeLine: Bool) -> MessageHeaders {
        let end = min(range.upperBound, bytes.count)
        var i = max(0, range.lowerBound)
        var fields: [HeaderField] = []
        var name: [UInt8]?
        var value: [UInt8] = []
        var latin1 = false
        var separator = false
        var bodyOffset = end

        func flush() {
            guard let n = name else { return }
            let decodedName = ByteText.utf8OrLatin1(n)
            var lo = 0, hi = value.count
            while lo < hi, value[lo] == ByteText.space || value[lo] == ByteText.tab { lo += 1 }
            while hi > lo, value[hi - 1] == ByteText.space || value[hi - 1] == ByteText.tab { hi -= 1 }
            let decodedValue = ByteText.utf8OrLatin1(value[lo..<hi])
            if decodedName.usedFallback || decodedValue.usedFallback { latin1 = true }
            fields.append(HeaderField(name: decodedName.text,
                                      value: decodedValue.text))
            name = nil
            value = []
        }

        if skipEnvelopeLine, MboxSeparator.startsWithFrom(bytes, i, end) {
            i = ByteText.indexOfLF(in: bytes, from: i, end: end).map { $0 + 1 } ?? end
        }
        while i < end {
            let lineEnd = ByteText.indexOfLF(in: bytes, from: i, end: end).map { $0 + 1 } ?? end
            let contentEnd = ByteText.contentEnd(bytes, i, lineEnd)
            if contentEnd == i {
                separator = true
                bodyOffset = lineEnd
                break
            }
            let first = bytes[i]
            if first == ByteText.space || first == ByteText.tab {
                if name != nil { value.append(contentsOf: bytes[i..<contentEnd]) }
                i = lineEnd
                continue
            }
            guard let colon = fieldNameEnd(bytes, i, contentEnd) else {
                bodyOffset = i
                break
            }
            flush()
            var nameEnd = colon
            while nameEnd > i, bytes[nameEnd - 1] == ByteText.space || bytes[nameEnd - 1] == ByteText.tab {
                nameEnd -= 1
            }
            name = Array(bytes[i..<nameEnd])
            value = Array(bytes[(colon + 1)..<contentEnd])
            i = lineEnd
        }
        flush()
        var warnings: [String] = []
        if !separator, range.lowerBound < end { warnings.append(warningNoSeparator) }
        if latin1 { warnings.append(warningLatin1) }
        return MessageHeaders(fields: fields, bodyOffset: bodyOffset, hasSeparator: separator, warnings: warnings)
    }

    /// Index of the colon ending a valid field name on this line, or nil if the line is not a field.
    private static func fieldNameEnd(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int? {
        var i = start
        var sawSpace = false
        while i < end {
            let b = bytes[i]
            if b == 0x3A { return i > start ? i : nil }
            if b == ByteText.space || b == ByteText.tab {
                sawSpace = true  // obsolete syntax allows WSP before the colon only
            } else if b < 33 || b > 126 || sawSpace {
                return nil
            }
            i += 1
        }
        return nil
    }
}
