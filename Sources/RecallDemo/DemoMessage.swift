import Foundation

/// One message of a mailbox as it is at one restore point.
public struct DemoMessage: Sendable, Hashable {
    /// Folder path from the mailbox root, e.g. `["Inbox", "Projects", "Contoso"]`.
    public let folderPath: [String]
    /// The complete RFC 5322 message, CRLF line endings.
    public let bytes: [UInt8]
    /// The Message-ID header value including angle brackets; empty when the message has none.
    /// Not unique: resent copies share their original's Message-ID.
    public let messageID: String
    /// Identity of the message within its mailbox, stable across restore points
    /// (`"<mailbox>-<slot>"`, or `"shared-<n>"` for mail between two demo mailboxes).
    public let key: String
    /// Client-side state at this restore point (may change while the bytes stay identical).
    public let flags: Set<DemoFlag>
    /// The instant in the Date header (always before the restore point that first holds the message).
    public let date: Date

    /// Creates a message value.
    public init(folderPath: [String], bytes: [UInt8], messageID: String, key: String, flags: Set<DemoFlag>, date: Date) {
        self.folderPath = folderPath
        self.bytes = bytes
        self.messageID = messageID
        self.key = key
        self.flags = flags
        self.date = date
    }
}
