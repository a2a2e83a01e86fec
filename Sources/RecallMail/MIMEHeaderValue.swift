import Foundation

/// A parsed `Content-Type` / `Content-Disposition` style value: `main; name=value; …`.
///
/// Parameter names are lowercased. RFC 2231 extended parameters (`name*=utf-8''%E2%82%AC`)
/// and continuations (`name*0*=…; name*1*=…`) are reassembled and charset-decoded and take
/// precedence over a plain parameter of the same name. For `name` and `filename`, RFC 2047
/// encoded words inside the value (non-standard but common) are decoded as well.
public struct MIMEHeaderValue: Sendable, Equatable {
    /// The main value, lowercased and trimmed (e.g. `multipart/mixed`, `attachment`).
    public var value: String
    /// Decoded parameters keyed by lowercased name.
    public var parameters: [String: String]
    /// Problems met while decoding parameters.
    public var warnings: [String]

    /// Creates a value directly.
    public init(value: String, parameters: [String: String] = [:], warnings: [String] = []) {
        self.value = value
        self.parameters = parameters
        self.warnings = warnings
    }

    /// Decoded parameter `name` (case-insensitive), or nil.
    public func parameter(_ name: String) -> String? {
        parameters[name.asciiLowercased()]
    }

    /// Parses a raw (unfolded) header value.
    public static func parse(_ raw: String) -> MIMEHeaderValue {
        let bytes = Array(raw.utf8)
        let pieces = splitOutsideQuotes(bytes)
        let main = StringScanning.trimmed(stripComments(pieces.first ?? [])).asciiLowercased()
        var plain: [String: String] = [:]
        var extended: [String: [Int: (value: String, encoded: Bool)]] = [:]
        var warnings: [String] = []
        for piece in pieces.dropFirst().prefix(1_000) {
            guard let eq = piece.firstIndex(of: 0x3D) else { continue }
            let name = StringScanning.trimmed(piece[..<eq]).asciiLowercased()
            let value = unquote(piece[(eq + 1)...])
            guard !name.isEmpty else { continue }
            if let star = name.firstIndex(of: "*") {
                let base = String(name[..<star])
                var rest = name[name.index(after: star)...]
                let encoded = rest.hasSuffix("*") || rest.isEmpty
                if rest.hasSuffix("*") { rest = rest.dropLast() }
                guard let section = rest.isEmpty ? 0 : Int(rest), (0..<1_000).contains(section) else { continue }
                extended[base, default: [:]][section] = (value, encoded)
            } else if plain[name] == nil {
                plain[name] = value
            }
        }
        var parameters = plain
        for base in extended.keys.sorted() {
            let decoded = assemble(extended[base] ?? [:])
            if let w = decoded.warning, !warnings.contains(w) { warnings.append(w) }
            parameters[base] = decoded.text
        }
        for key in ["name", "filename"] {
            guard let v = plain[key], extended[key] == nil, v.containsBytes("=?") else { continue }
            let decoded = EncodedWordDecoder.decode(v)
            parameters[key] = decoded.text
            for w in decoded.warnings where !warnings.contains(w) { warnings.append(w) }
        }
        return MIMEHeaderValue(value: main, parameters: parameters, warnings: warnings)
    }

    /// Joins RFC 2231 sections in order and decodes them with the charset of section 0.
    private static func assemble(_ sections: [Int: (value: String, encoded: Bool)]) -> (text: String, warning: String?) {
        var charset = "utf-8"
        var bytes: [UInt8] = []
        for index in sections.keys.sorted() {
            guard let section = sections[index] else { continue }
            var text = section.value
            if section.encoded {
                if index == 0 {
                    let parts = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                    if parts.count == 3 {
                        if !parts[0].isEmpty { charset = String(parts[0]) }
                        text = String(parts[2])
                    }
                }
                bytes.append(contentsOf: TransferDecoding.percent(Array(text.utf8)))
            } else {
                bytes.append(contentsOf: Array(text.utf8))
            }
        }
        return CharsetDecoder.decodeWithFallback(bytes, charset: charset)
    }

    /// Splits on `;` outside double quotes.
    private static func splitOutsideQuotes(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var pieces: [ArraySlice<UInt8>] = []
        var start = 0
        var inQuote = false
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case 0x5C where inQuote: i += 1  // skip the escaped byte
            case 0x22: inQuote.toggle()
            case 0x3B where !inQuote:
                pieces.append(bytes[start..<i])
                start = i + 1
            default: break
            }
            i += 1
        }
        pieces.append(bytes[min(start, bytes.count)...])
        return pieces
    }

    /// Removes surrounding quotes and backslash escapes; an unquoted value loses a trailing
    /// ` (comment)` (but `report(1).pdf` is kept intact).
    private static func unquote(_ raw: ArraySlice<UInt8>) -> String {
        let trimmed = raw.drop { $0 == 0x20 || $0 == 0x09 }
        guard trimmed.first == 0x22 else {
            var end = trimmed.endIndex
            var i = trimmed.startIndex
            while i + 1 < trimmed.endIndex {
                if trimmed[i] == 0x20, trimmed[i + 1] == 0x28 { end = i; break }
                i += 1
            }
            return StringScanning.trimmed(trimmed[..<end])
        }
        var out: [UInt8] = []
        var escaped = false
        for b in trimmed.dropFirst() {
            if escaped { out.append(b); escaped = false; continue }
            if b == 0x5C { escaped = true; continue }
            if b == 0x22 { break }
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Removes `(comments)` outside quotes.
    static func stripComments(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var depth = 0
        var inQuote = false
        for b in bytes {
            if depth == 0 && b == 0x22 { inQuote.toggle() }
            if !inQuote {
                if b == 0x28 { depth += 1; continue }
                if b == 0x29 && depth > 0 { depth -= 1; continue }
            }
            if depth == 0 { out.append(b) }
        }
        return out
    }
}
