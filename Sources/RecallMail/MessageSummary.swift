import Foundation

/// The searchable metadata of one RFC 5322 message, extracted without ever failing.
public struct MessageSummary: Sendable, Equatable {
    /// Decoded `Subject`, or nil when the header is absent.
    public var subject: String?
    /// Display form of the first `From` mailbox, e.g. `Alice Example <alice@example.com>`.
    public var from: String?
    /// Address of the first `From` mailbox, e.g. `alice@example.com`.
    public var fromAddress: String?
    /// Display forms of all `To` mailboxes (all `To` headers, groups flattened).
    public var to: [String]
    /// Display forms of all `Cc` mailboxes.
    public var cc: [String]
    /// The `Date` header.
    public var sentDate: Date?
    /// The date after the last `;` of the topmost `Received` header.
    public var receivedDate: Date?
    /// `Message-ID` without angle brackets.
    public var messageID: String?
    /// True when the MIME tree contains at least one attachment.
    public var hasAttachments: Bool
    /// File names of the attachments that have one, in MIME order.
    public var attachmentNames: [String]
    /// Lowercased top-level `type/subtype` (default `text/plain`).
    public var contentType: String
    /// Parsing problems, each listed once (e.g. `missing Message-ID`).
    public var warnings: [String]

    /// Creates a summary directly (e.g. for tests of code that consumes summaries).
    public init(subject: String? = nil, from: String? = nil, fromAddress: String? = nil,
                to: [String] = [], cc: [String] = [], sentDate: Date? = nil, receivedDate: Date? = nil,
                messageID: String? = nil, hasAttachments: Bool = false, attachmentNames: [String] = [],
                contentType: String = "text/plain", warnings: [String] = []) {
        self.subject = subject
        self.from = from
        self.fromAddress = fromAddress
        self.to = to
        self.cc = cc
        self.sentDate = sentDate
        self.receivedDate = receivedDate
        self.messageID = messageID
        self.hasAttachments = hasAttachments
        self.attachmentNames = attachmentNames
        self.contentType = contentType
        self.warnings = warnings
    }

    /// Warning text for a message without a usable `Message-ID`.
    public static let warningMissingMessageID = "missing Message-ID"
    /// Warning text for a `Date` header that could not be parsed.
    public static let warningBadDate = "unparsable Date header"

    /// Summarises the raw message `bytes`. Never throws and never traps.
    public static func parse(_ bytes: [UInt8]) -> MessageSummary {
        let headers = MessageHeaders.parse(bytes)
        var warnings = headers.warnings
        func note(_ list: [String]) {
            for w in list where !warnings.contains(w) { warnings.append(w) }
        }

        let subject = headers.first("subject").map { raw -> String in
            let decoded = EncodedWordDecoder.decode(raw)
            note(decoded.warnings)
            return decoded.text.trimmingASCIIWhitespace()
        }

        var from: String?
        var fromAddress: String?
        if let raw = headers.first("from") {
            let parsed = AddressListParser.parse(raw)
            note(parsed.warnings)
            if let first = parsed.addresses.first {
                from = first.displayForm
                fromAddress = first.address.isEmpty ? nil : first.address
            } else if !raw.isEmpty {
                from = EncodedWordDecoder.decode(raw).text
            }
        }

        func addresses(_ name: String) -> [String] {
            headers.all(name).flatMap { raw -> [String] in
                let parsed = AddressListParser.parse(raw)
                note(parsed.warnings)
                return parsed.addresses.map(\.displayForm)
            }
        }
        let to = addresses("to")
        let cc = addresses("cc")

        var sentDate: Date?
        if let raw = headers.first("date") {
            sentDate = RFC5322DateParser.parse(raw)
            if sentDate == nil { note([warningBadDate]) }
        }
        let receivedDate = headers.first("received").flatMap { raw -> Date? in
            guard let semicolon = raw.utf8.lastIndex(of: 0x3B) else { return nil }
            return RFC5322DateParser.parse(String(raw[raw.utf8.index(after: semicolon)...]))
        }

        let messageID = headers.first("message-id").flatMap(Self.cleanMessageID)
        if messageID == nil { note([warningMissingMessageID]) }

        var scanner = MIMEAttachmentScanner()
        let body = min(headers.bodyOffset, bytes.count)..<bytes.count
        scanner.scan(bytes, headers: headers, body: body)
        note(scanner.warnings)

        return MessageSummary(
            subject: subject, from: from, fromAddress: fromAddress, to: to, cc: cc,
            sentDate: sentDate, receivedDate: receivedDate, messageID: messageID,
            hasAttachments: scanner.hasAttachments, attachmentNames: scanner.attachmentNames,
            contentType: scanner.rootContentType, warnings: warnings)
    }

    /// `<abc@host>` → `abc@host`; nil when empty.
    static func cleanMessageID(_ raw: String) -> String? {
        var id = Substring(raw)
        if let open = raw.firstIndex(of: "<") {
            let after = raw[raw.index(after: open)...]
            id = after.prefix { $0 != ">" }
        }
        let trimmed = id.trimmingASCIIWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }
}
