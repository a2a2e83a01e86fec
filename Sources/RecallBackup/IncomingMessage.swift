import RecallCore

/// A message read from a mailbox file, before it is stored.
public struct IncomingMessage: Sendable {
    public var folderPath: [String]
    public var bytes: [UInt8]
    public var flags: MessageFlags
    /// Maildir unique name, when the source has stable per-message names.
    public var sourceName: String?
    /// Used when the message itself carries no received date (mbox `From ` line date, file time).
    public var fallbackReceived: Timestamp?
    /// Set by sources that could only read part of the message (truncated mbox).
    public var sourceWarnings: [String]

    public init(folderPath: [String], bytes: [UInt8], flags: MessageFlags = [], sourceName: String? = nil, fallbackReceived: Timestamp? = nil, sourceWarnings: [String] = []) {
        self.folderPath = folderPath
        self.bytes = bytes
        self.flags = flags
        self.sourceName = sourceName
        self.fallbackReceived = fallbackReceived
        self.sourceWarnings = sourceWarnings
    }
}

/// Something that yields the messages of one backup run, one at a time.
public protocol MessageSource: SendableMetatype {
    /// Folders this run covers: messages of current versions in these folders that the run lacks are deleted.
    /// nil: the whole mailbox.
    var scope: Set<String>? { get }
    /// Folders to create even when empty.
    var folders: [[String]] { get }
    /// Bytes read so far and in all, for progress.
    var progress: (done: UInt64, total: UInt64) { get }
    mutating func next() throws -> IncomingMessage?
    /// Files or folders the source left out (links, special files, names it cannot keep), each with why.
    var skipped: [String] { get }
}

extension MessageSource {
    public var skipped: [String] { [] }
}
