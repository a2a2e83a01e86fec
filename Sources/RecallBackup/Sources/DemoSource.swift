import Foundation
import RecallCore
import RecallDemo

/// One demo mailbox as it is at one of the demo organization's restore points.
public struct DemoSource: MessageSource {
    private var iterator: DemoMessageSequence.Iterator
    private let total: Int
    private var done = 0
    public let folders: [[String]]

    public init(organization: DemoOrganization, mailbox: Int, restorePoint: Int) {
        let sequence = organization.messages(mailbox: mailbox, restorePoint: restorePoint)
        iterator = sequence.makeIterator()
        total = sequence.count
        folders = organization.folders
    }

    public var scope: Set<String>? { nil }
    public var progress: (done: UInt64, total: UInt64) { (UInt64(done), UInt64(total)) }

    public mutating func next() throws -> IncomingMessage? {
        guard let message = iterator.next() else { return nil }
        done += 1
        var flags: MessageFlags = []
        if message.flags.contains(.seen) { flags.insert(.seen) }
        if message.flags.contains(.flagged) { flags.insert(.flagged) }
        if message.flags.contains(.replied) { flags.insert(.replied) }
        return IncomingMessage(folderPath: message.folderPath, bytes: message.bytes, flags: flags, sourceName: message.key, fallbackReceived: Timestamp(date: message.date))
    }
}
