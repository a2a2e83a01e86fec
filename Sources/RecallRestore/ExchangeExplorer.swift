import RecallCore
import RecallStore

/// Browses the Exchange data of a working restore session at its point in time; every call counts as activity.
public struct ExchangeExplorer: Sendable {
    let sessions: RestoreSessionService
    let store: any ExploreStore

    public init(sessions: RestoreSessionService, store: any ExploreStore) {
        self.sessions = sessions
        self.store = store
    }

    /// The working session, touched, with its view.
    public func context(sessionID: Identifier<RestoreSession>, user: User) async throws -> (RestoreSession, PointInTimeView) {
        let session = try await sessions.workingSession(id: sessionID, for: user)
        return (session, PointInTimeView(session.options))
    }

    public func mailboxes(in session: RestoreSession, offset: Int, limit: Int) async throws -> [Mailbox] {
        guard session.type == .vex else { return [] }
        return try await store.mailboxes(organizationID: session.organizationID, at: session.options.pointInTime, offset: offset, limit: limit)
    }

    public func mailbox(_ id: Identifier<Mailbox>, in session: RestoreSession) async throws -> Mailbox {
        guard session.type == .vex,
              let mailbox = try await store.mailbox(id: id, organizationID: session.organizationID, at: session.options.pointInTime)
        else { throw RecallError.notFound("Mailbox with ID '\(id)' was not found in this restore session.") }
        return mailbox
    }

    public func folders(of mailbox: Mailbox, in session: RestoreSession, filter: FolderFilter, offset: Int, limit: Int) async throws -> [MailFolder] {
        if case .children(let parent) = filter { _ = try await folder(parent, of: mailbox, in: session) }
        return try await store.folders(mailboxID: mailbox.id, at: session.options.pointInTime, filter: filter, offset: offset, limit: limit)
    }

    public func folder(_ id: Identifier<MailFolder>, of mailbox: Mailbox, in session: RestoreSession) async throws -> MailFolder {
        guard let folder = try await store.folder(id: id, mailboxID: mailbox.id, at: session.options.pointInTime) else {
            throw RecallError.notFound("Folder with ID '\(id)' was not found in this mailbox.")
        }
        return folder
    }

    public func items(of mailbox: Mailbox, folder: MailFolder?, in session: RestoreSession, offset: Int, limit: Int) async throws -> [ItemVersion] {
        try await store.items(mailboxID: mailbox.id, folderID: folder?.id, view: PointInTimeView(session.options), offset: offset, limit: limit)
    }

    public func item(_ versionID: Int64, of mailbox: Mailbox, in session: RestoreSession) async throws -> ItemVersion {
        guard let item = try await store.item(versionID: versionID, mailboxID: mailbox.id, view: PointInTimeView(session.options)) else {
            throw RecallError.notFound("Item was not found in this mailbox at the restore session's point in time.")
        }
        return item
    }
}
