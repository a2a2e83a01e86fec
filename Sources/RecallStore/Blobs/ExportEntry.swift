import RecallCore

/// One message of an export: what its mbox separator needs and where its bytes are.
public struct ExportEntry: Sendable {
    public let versionID: Int64
    public let hash: ContentHash
    /// When the message was received, or first seen when it carries no date.
    public let date: Timestamp
    /// Nil when the repository has no bytes for the hash.
    public let location: BlobPackWriter.Location?
    /// XXH64 of the bytes; nil for a blob stored before checksums were kept, which is checked against `hash`.
    public let checksum: UInt64?

    public init(versionID: Int64, hash: ContentHash, date: Timestamp, location: BlobPackWriter.Location?, checksum: UInt64?) {
        self.versionID = versionID
        self.hash = hash
        self.date = date
        self.location = location
        self.checksum = checksum
    }
}
