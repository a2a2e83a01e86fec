import RecallCore

/// One message of an import run, as the importer hands it to the store.
public struct StagedMessage: Sendable {
    public enum Outcome: Sendable {
        /// A new item (no earlier version).
        case new(Identifier<MailItem>)
        /// A new version of the item whose current version has this row id.
        case changed(previousVersion: Int64)
    }

    public var folderKey: String
    public var outcome: Outcome
    public var hash: ContentHash
    public var size: Int64
    public var flags: MessageFlags
    public var sourceName: String?
    public var metadata: MessageMetadata

    public init(folderKey: String, outcome: Outcome, hash: ContentHash, size: Int64, flags: MessageFlags, sourceName: String?, metadata: MessageMetadata) {
        self.folderKey = folderKey
        self.outcome = outcome
        self.hash = hash
        self.size = size
        self.flags = flags
        self.sourceName = sourceName
        self.metadata = metadata
    }
}

/// New bytes of an import run: their name, their XXH64 and where the pack writer put them.
public struct StagedBlob: Sendable {
    public var hash: ContentHash
    public var checksum: UInt64
    public var location: BlobPackWriter.Location

    public init(hash: ContentHash, checksum: UInt64, location: BlobPackWriter.Location) {
        self.hash = hash
        self.checksum = checksum
        self.location = location
    }
}

/// What a committed import run did.
public struct ImportCounts: Hashable, Sendable {
    public var new = 0
    public var changed = 0
    public var unchanged = 0
    public var deleted = 0
    public var storedBytes: Int64 = 0
    public var restorePointID: Int64 = 0

    public init() {}
}
