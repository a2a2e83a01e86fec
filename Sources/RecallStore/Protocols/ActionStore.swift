import Foundation
import RecallCore

/// What export, save and restore read from the repository: the versions of a scope with their bytes, and where an
/// organization's restores go.
public protocol ActionStore: RestoreTargetStore {
    /// The data dir; restore targets must lie outside it.
    var directory: URL { get }
    /// Pack files kept open across the reads of one action (see `OpenPacks`).
    func openPacks() -> OpenPacks
    /// The next `limit` versions of `scope` in the view after `afterVersion`, in version order (keyset paging, so a
    /// 10 GB mailbox streams in constant memory).
    func scopedItems(
        organizationID: Identifier<Organization>, scope: ItemScope, view: PointInTimeView, afterVersion: Int64, limit: Int
    ) async throws -> [ScopedItem]
    /// The next messages of `scope` in the view after `afterVersion`, in version order, with their bytes read and
    /// checked; at most `maxBytes` of messages (or one message, however large), so an export runs in constant memory.
    func exportBatch(
        organizationID: Identifier<Organization>, scope: ItemScope, view: PointInTimeView, afterVersion: Int64, maxBytes: Int,
        packs: OpenPacks, buffers: ExportBuffers
    ) async throws -> MessageBatch
    /// Where the bytes of these messages are, in one read for a whole batch; missing hashes are left out.
    func blobLocations(_ hashes: [ContentHash]) async throws -> [ContentHash: BlobPackWriter.Location]
    /// The stored bytes of one message, checked against its hash.
    func messageBytes(_ hash: ContentHash) async throws -> [UInt8]
    /// The stored bytes of a message at `location`, checked against its hash; `packs` keeps the pack files open
    /// between calls.
    func messageBytes(_ hash: ContentHash, at location: BlobPackWriter.Location?, packs: OpenPacks?) throws -> [UInt8]
    /// The content hashes of every stored version of an item: what a restore may take for an earlier or later copy of
    /// it, where a Message-ID alone proves nothing.
    func versionHashes(itemID: Identifier<MailItem>) async throws -> Set<ContentHash>
}
