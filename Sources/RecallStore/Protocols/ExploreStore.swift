import RecallCore

/// Read access to the backup repository at a point in time, for restore sessions. Pages are fetched with one
/// extra row so callers know whether a next page exists without counting the whole collection.
public protocol ExploreStore: Sendable {
    /// Mailboxes of an organization that had a restore point at or before `time`, by address.
    func mailboxes(organizationID: Identifier<Organization>, at time: Timestamp, offset: Int, limit: Int) async throws -> [Mailbox]
    func mailbox(id: Identifier<Mailbox>, organizationID: Identifier<Organization>, at time: Timestamp) async throws -> Mailbox?
    /// Folders that existed at `time`, by path.
    func folders(mailboxID: Identifier<Mailbox>, at time: Timestamp, filter: FolderFilter, offset: Int, limit: Int) async throws -> [MailFolder]
    func folder(id: Identifier<MailFolder>, mailboxID: Identifier<Mailbox>, at time: Timestamp) async throws -> MailFolder?
    /// Item versions in the view, in a mailbox or one of its folders, in a stable order.
    func items(mailboxID: Identifier<Mailbox>, folderID: Identifier<MailFolder>?, view: PointInTimeView, offset: Int, limit: Int) async throws -> [ItemVersion]
    func item(versionID: Int64, mailboxID: Identifier<Mailbox>, view: PointInTimeView) async throws -> ItemVersion?
}
