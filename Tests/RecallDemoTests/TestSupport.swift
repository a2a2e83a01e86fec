import Foundation
@testable import RecallDemo

/// Small parsing helpers shared by the RecallDemo tests.
enum TestSupport {
    /// A message together with the mailbox it came from.
    struct Located {
        let mailbox: Int
        let message: DemoMessage
    }

    /// Every message of every mailbox at `point`.
    static func all(_ org: DemoOrganization, point: Int) -> [Located] {
        org.mailboxes.indices.flatMap { m in
            org.messages(mailbox: m, restorePoint: point).map { Located(mailbox: m, message: $0) }
        }
    }

    /// Messages of one mailbox at `point`, keyed by `key`.
    static func byKey(_ org: DemoOrganization, mailbox: Int, point: Int) -> [String: DemoMessage] {
        var result: [String: DemoMessage] = [:]
        for message in org.messages(mailbox: mailbox, restorePoint: point) {
            result[message.key] = message
        }
        return result
    }

    /// Offset of the first CRLF CRLF (end of the header section), if any.
    static func headerEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 0x0D && bytes[index + 1] == 0x0A && bytes[index + 2] == 0x0D && bytes[index + 3] == 0x0A {
            return index
        }
        return nil
    }

    /// The header section as text (ASCII expected).
    static func headerText(_ bytes: [UInt8]) -> String {
        let end = headerEnd(bytes) ?? bytes.count
        return String(decoding: bytes[0..<end], as: UTF8.self)
    }

    /// Unfolded header fields as (name, value) pairs, in order.
    static func headers(_ bytes: [UInt8]) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = []
        for line in headerText(bytes).components(separatedBy: "\r\n") {
            if line.first == " " || line.first == "\t", let last = fields.popLast() {
                fields.append((last.name, last.value + " " + line.trimmingCharacters(in: .whitespaces)))
            } else if let colon = line.firstIndex(of: ":") {
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                fields.append((String(line[..<colon]), value))
            }
        }
        return fields
    }

    /// The first value of header `name` (case-insensitive).
    static func header(_ name: String, in bytes: [UInt8]) -> String? {
        headers(bytes).first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Decodes RFC 2047 "B" encoded words in a header value (enough for the demo's subjects).
    static func decodeEncodedWords(_ value: String) -> String {
        var result = ""
        for token in value.split(separator: " ") {
            if token.hasPrefix("=?UTF-8?B?"), token.hasSuffix("?="),
               let data = Data(base64Encoded: String(token.dropFirst(10).dropLast(2))) {
                result += String(decoding: data, as: UTF8.self)
            } else {
                result += result.isEmpty ? String(token) : " " + token
            }
        }
        return result
    }

    /// Parses an RFC 5322 Date header value.
    static func parseDate(_ value: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.date(from: value)
    }

    /// Whether `haystack` contains `needle` as a byte substring.
    static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, haystack.count >= pattern.count else { return false }
        for start in 0...(haystack.count - pattern.count) where haystack[start] == pattern[0] {
            if haystack[start..<(start + pattern.count)].elementsEqual(pattern) { return true }
        }
        return false
    }
}
