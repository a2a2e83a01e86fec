import Foundation

/// The messages of one mailbox at one restore point, generated lazily one at a time.
///
/// Iterating twice yields identical messages; memory use does not depend on the mailbox size.
public struct DemoMessageSequence: Sequence, Sendable {
    let plan: DemoPlan
    let mailbox: Int
    let point: Int
    let folder: Int?

    /// Generates messages on demand.
    public struct Iterator: IteratorProtocol {
        var cursor: DemoEntryCursor
        var builder: DemoMessageBuilder

        /// Builds and returns the next message, or `nil` when the mailbox is exhausted.
        public mutating func next() -> DemoMessage? {
            guard let entry = cursor.next() else { return nil }
            let built = builder.build(entry.content)
            return DemoMessage(
                folderPath: DemoFolders.all[entry.folder],
                bytes: built.bytes,
                messageID: built.messageID,
                key: entry.key,
                flags: DemoFlag.flags(seed: entry.flagSeed, role: entry.flagRole, age: entry.age),
                date: Date(timeIntervalSince1970: TimeInterval(entry.content.date))
            )
        }
    }

    /// Starts a fresh pass over the messages.
    public func makeIterator() -> Iterator {
        Iterator(
            cursor: DemoEntryCursor(plan: plan, mailbox: mailbox, point: point, folder: folder),
            builder: DemoMessageBuilder(seed: plan.seed)
        )
    }

    /// Counts the messages without building their bytes.
    public var count: Int {
        var cursor = DemoEntryCursor(plan: plan, mailbox: mailbox, point: point, folder: folder)
        var total = 0
        while cursor.next() != nil {
            total += 1
        }
        return total
    }
}
