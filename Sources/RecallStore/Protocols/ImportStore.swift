import Foundation
import RecallCore

/// What an import needs from the repository: the mailbox it goes into, that mailbox's current versions to match the
/// run against, and a staging run that becomes one restore point in one step.
public protocol ImportStore: Sendable {
    /// The mailbox an import goes into: the stored one, or a new value (with new ids) that the import's commit
    /// creates together with its organization, so an interrupted first import leaves nothing behind.
    func mailboxForImport(organizationName: String, address: String, ids: any IDGenerator) throws -> Mailbox
    /// Current versions of a mailbox, in every folder or in the given folders.
    func currentVersions(mailboxID: Identifier<Mailbox>, folderKeys: Set<String>?) throws -> [CurrentVersion]
    /// Holds imports of one mailbox one at a time; `onWait` runs when another import holds it, and the call then
    /// waits until that import ends.
    func lockMailboxForImport(organizationName: String, address: String, dataDirectory: URL, onWait: () -> Void) throws -> ImportLock
    /// Starts staging an import run.
    func beginImport(dataDirectory: URL) throws -> any ImportRun
    /// Commits a staged run as one restore point of `mailbox` at `time`.
    func commitImport(
        _ staging: any ImportRun, mailbox: Mailbox, organizationName: String, folders: [String], time: Timestamp,
        importedAt: Timestamp, source: String, ids: any IDGenerator
    ) throws -> ImportCounts
}
