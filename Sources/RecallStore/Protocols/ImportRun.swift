import RecallCore

/// One import run being staged: new blobs and messages collect outside the repository until the run commits, so a
/// long import never holds the repository's write lock and an abandoned one leaves nothing behind. One thread at a
/// time uses a run.
public protocol ImportRun: AnyObject {
    /// Names this run's files; its pack is `packs/<id>.pack`.
    var id: String { get }
    /// The hashes among `hashes` that neither the repository nor this run holds yet.
    func unknownBlobs(_ hashes: some Sequence<ContentHash>) throws -> Set<ContentHash>
    /// Adds new blobs (already in this run's pack) and messages to the run.
    func stage(blobs: [StagedBlob], messages: [StagedMessage]) throws
    /// Ends a previous version in this run's restore point: changed (a new version follows) or deleted.
    func end(version: Int64, as kind: VersionEnd) throws
    /// Moves the run into the repository as one restore point of `mailbox` at `time`, in one transaction.
    func commit(
        mailbox: Mailbox, organizationName: String, folders: [String], time: Timestamp, importedAt: Timestamp, source: String,
        ids: any IDGenerator
    ) throws -> ImportCounts
    /// Abandons the run: nothing reaches the repository.
    func discard()
}
