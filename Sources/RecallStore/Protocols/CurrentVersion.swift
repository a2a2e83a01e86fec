import RecallCore

/// The current version of an item, as the importer needs it to match a new run against.
public struct CurrentVersion: Sendable {
    public let versionID: Int64
    public let folderKey: String
    public let hash: ContentHash
    public let flags: MessageFlags
    public let sourceName: String?
    public let messageID: String?

    public init(versionID: Int64, folderKey: String, hash: ContentHash, flags: MessageFlags, sourceName: String?, messageID: String?) {
        self.versionID = versionID
        self.folderKey = folderKey
        self.hash = hash
        self.flags = flags
        self.sourceName = sourceName
        self.messageID = messageID
    }
}
