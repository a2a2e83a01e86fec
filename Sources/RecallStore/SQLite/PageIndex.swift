import GRDB
import RecallCore
import Synchronization

/// Makes deep `offset` pages cheap: for each listing (a folder or mailbox at one point-in-time view) it remembers
/// the version id at every 64th position, so page 10 000 starts from a remembered id and skips at most 63 rows
/// instead of 300 000. Keyed by the repository's latest restore point, so any new import starts afresh.
///
/// Every 256th position made a deep page skip up to 255 rows, which cost page 10 000 of a million-item folder a
/// tenth more CPU than page 1. A listing of a million items keeps 125 KB of checkpoints; 128 listings at most.
final class PageIndex: Sendable {
    struct Key: Hashable {
        let folderID: Identifier<MailFolder>?
        let mailboxID: Identifier<Mailbox>
        let view: PointInTimeView
        let latestRestorePoint: Int64
    }

    static let stride = 64
    private static let maxListings = 128
    private let checkpoints = Mutex<[Key: [Int64]]>([:])

    /// The smallest version id at or after position `offset` that a checkpoint gives, and how many rows remain to
    /// skip from there; nil start means "from the beginning".
    func start(for offset: Int, key: Key, db: Database, listing: (_ afterID: Int64, _ skip: Int) throws -> Int64?) rethrows -> (Int64?, Int) {
        let wanted = offset / Self.stride
        guard wanted > 0 else { return (nil, offset) }
        var known = checkpoints.withLock { $0[key] ?? [] }
        while known.count < wanted {
            // Checkpoint k is the id at position k * stride: skip stride - 1 rows after the previous one.
            let previous = known.last
            guard let next = try listing(previous ?? 0, previous == nil ? Self.stride : Self.stride - 1) else { break }
            known.append(next)
        }
        checkpoints.withLock { all in
            if all.count >= Self.maxListings { all.removeAll() }
            if (all[key]?.count ?? 0) < known.count { all[key] = known }
        }
        guard !known.isEmpty else { return (nil, offset) }
        let index = min(wanted, known.count)
        return (known[index - 1], offset - index * Self.stride)
    }
}
