import Foundation

/// A deterministic synthetic Microsoft 365 organization, `demo.onmicrosoft.com`,
/// whose mailboxes change a little between daily restore points.
///
/// Nothing is stored: each message is computed from a seeded hash of
/// (seed, mailbox, index), so a million-message organization costs no more
/// memory than a twenty-message one, and equal seeds give identical bytes.
public struct DemoOrganization: Sendable {
    /// The tenant name.
    public static let tenant = DemoPeople.domain

    /// The tenant name, `demo.onmicrosoft.com`.
    public let name: String
    /// Seed of every random choice.
    public let seed: UInt64
    /// Approximate number of messages at the latest restore point, all mailboxes together.
    public let scale: Int
    /// The user mailboxes (4 at small scale, growing to about 50 near a million messages).
    public let mailboxes: [DemoMailbox]
    /// Restore point times, one day apart from 2026-01-05T22:00:00Z; oldest first.
    public let restorePoints: [Date]

    let plan: DemoPlan

    /// Creates the organization for `seed`, sized to about `scale` messages at the latest of `restorePointCount` points.
    ///
    /// From a scale of 10,000 on, the first mailbox holds over half of all messages directly in its Inbox.
    public init(seed: UInt64 = 1, scale: Int = 400, restorePointCount: Int = 4) {
        let plan = DemoPlan(seed: seed, scale: scale, pointCount: restorePointCount)
        self.plan = plan
        self.name = Self.tenant
        self.seed = seed
        self.scale = plan.scale
        self.restorePoints = plan.pointTimes.map { Date(timeIntervalSince1970: TimeInterval($0)) }
        self.mailboxes = (0..<plan.mailboxCount).map { index in
            let person = DemoPeople.staff[index]
            return DemoMailbox(index: index, address: person.address, displayName: person.displayName)
        }
    }

    /// The folder tree every mailbox has, parents before children (some folders may be empty).
    public var folders: [[String]] {
        DemoFolders.all
    }

    /// The content of `mailbox` at `restorePoint`, optionally limited to one folder.
    /// Out-of-range indices and unknown folders give an empty sequence.
    public func messages(mailbox: Int, restorePoint: Int, folder: [String]? = nil) -> DemoMessageSequence {
        DemoMessageSequence(
            plan: plan, mailbox: mailbox, point: restorePoint,
            folder: folder.map { DemoFolders.index(of: $0) ?? -1 }
        )
    }

    /// Number of messages of `mailbox` at `restorePoint` (optionally in one folder), without building bytes.
    public func messageCount(mailbox: Int, restorePoint: Int, folder: [String]? = nil) -> Int {
        messages(mailbox: mailbox, restorePoint: restorePoint, folder: folder).count
    }

    /// Writes the messages of `mailbox` at `restorePoint` (optionally one folder) to an mboxrd file at `url`.
    ///
    /// Each message is preceded by `From MAILER-DAEMON <asctime>\n`, keeps its CRLF bytes with
    /// `^>*From ` lines escaped by one more `>`, and is followed by one `\n`.
    public func writeMbox(mailbox: Int, restorePoint: Int, folder: [String]?, to url: URL) throws {
        guard mailboxes.indices.contains(mailbox) else { throw DemoError.invalidMailbox(mailbox) }
        guard restorePoints.indices.contains(restorePoint) else { throw DemoError.invalidRestorePoint(restorePoint) }
        if let folder, DemoFolders.index(of: folder) == nil { throw DemoError.unknownFolder(folder) }
        try DemoMboxWriter.write(messages(mailbox: mailbox, restorePoint: restorePoint, folder: folder), to: url)
    }
}
