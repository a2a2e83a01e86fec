/// What the explore API shows of a message, read once at import so browsing never re-reads blobs.
public struct MessageMetadata: Hashable, Sendable {
    public var subject: String
    public var from: String
    public var to: [String]
    public var cc: [String]
    public var received: Timestamp?
    public var sent: Timestamp?
    public var messageID: String?
    public var hasAttachments: Bool
    public var itemClass: String
    public var warnings: [String]

    public init(
        subject: String = "", from: String = "", to: [String] = [], cc: [String] = [], received: Timestamp? = nil,
        sent: Timestamp? = nil, messageID: String? = nil, hasAttachments: Bool = false, itemClass: String = "IPM.Note",
        warnings: [String] = []
    ) {
        self.subject = subject
        self.from = from
        self.to = to
        self.cc = cc
        self.received = received
        self.sent = sent
        self.messageID = messageID
        self.hasAttachments = hasAttachments
        self.itemClass = itemClass
        self.warnings = warnings
    }
}

/// Maildir-style message flags kept with each version.
public struct MessageFlags: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let seen = MessageFlags(rawValue: 1)
    public static let flagged = MessageFlags(rawValue: 2)
    public static let replied = MessageFlags(rawValue: 4)
}

/// How a version stopped being current.
public enum VersionEnd: String, Sendable {
    /// The message was gone at the next backup run.
    case deleted
    /// The message's bytes or flags changed; a newer version follows.
    case changed
}
