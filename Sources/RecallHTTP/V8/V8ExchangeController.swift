import Hummingbird
import RecallCore
import RecallRestore

/// `/v8/RestoreSessions/{id}/organization/mailboxes…`: browsing a session's Exchange data with v6–v8 shapes
/// (relative links, `parentId` with `root`, v8's `mailboxId` on folders and items).
struct V8ExchangeController: Sendable {
    let env: APIEnvironment
    let version: APIVersion

    private var links: V8Links { V8Links(version: version) }

    private func open(_ context: RecallRequestContext) async throws -> RestoreSession {
        try await env.explorer.context(sessionID: try context.pathID("restoreSessionId"), user: try context.requireUser()).0
    }

    private func mailbox(_ context: RecallRequestContext, _ session: RestoreSession) async throws -> Mailbox {
        try await env.explorer.mailbox(try context.pathID("mailboxId"), in: session)
    }

    private func base(_ session: RestoreSession, _ mailbox: Mailbox) -> String {
        "RestoreSessions/\(session.id)/organization/mailboxes/\(mailbox.id)"
    }

    /// A page from rows fetched with one extra (which tells whether a next page exists).
    private func page<Row>(_ found: [Row], _ paging: V3Paging, path: String, query: String = "", _ json: (Row) -> JSONValue) -> Response {
        let body = paging.page(
            results: found.prefix(paging.limit).map(json), hasNext: found.count > paging.limit, path: path, query: query, links: links
        )
        return JSONResponse.make(.ok, body)
    }

    private func mailboxJSON(_ mailbox: Mailbox, _ session: RestoreSession) -> JSONValue {
        let path = base(session, mailbox)
        return .object([
            ("id", .string(mailbox.id.description)),
            ("name", .string(mailbox.displayName)),
            ("email", .string(mailbox.address)),
            ("isArchive", .bool(false)),
            ("isPublic", .bool(false)),
            ("_links", .object([("self", links.href(path)), ("folders", links.href("\(path)/folders?parentId=root"))])),
        ])
    }

    private func folderJSON(_ folder: MailFolder, _ mailbox: Mailbox, _ session: RestoreSession) -> JSONValue {
        let path = base(session, mailbox)
        let id = V3ExchangeIDs.folder(folder.id)
        var pairs: [(String, JSONValue)] = [
            ("id", .string(id)),
            ("name", .string(folder.name)),
            ("type", .string("None")),
            ("category", .string(folder.parentID == nil ? Self.category(folder.name) : "None")),
            ("description", .string("")),
        ]
        if version == .v8 { pairs.append(("mailboxId", .string(mailbox.id.description))) }
        pairs.append(("_links", .object([
            ("self", links.href("\(path)/folders/\(id)")),
            ("mailbox", links.href(path)),
            ("folders", links.href("\(path)/folders?parentId=\(id)")),
            ("items", links.href("\(path)/items?\(version == .v6 ? "folderId" : "parentId")=\(id)")),
        ])))
        return .object(pairs)
    }

    /// The well-known folder a root folder's name stands for; user folders are `None`.
    static func category(_ name: String) -> String {
        switch name.lowercased() {
        case "inbox": "Inbox"
        case "outbox": "Outbox"
        case "sent items", "sent": "Sent"
        case "deleted items", "deleted", "trash": "Deleted"
        case "drafts": "Drafts"
        case "junk email", "junk", "spam": "Junk"
        default: "None"
        }
    }

    private func itemJSON(_ item: ItemVersion, _ mailbox: Mailbox, _ session: RestoreSession) -> JSONValue {
        let path = base(session, mailbox)
        let m = item.metadata
        var pairs: [(String, JSONValue)] = [
            ("id", .string(V3ExchangeIDs.item(item.versionID))),
            ("itemClass", .string(m.itemClass)),
        ]
        if version == .v8 { pairs.append(("mailboxId", .string(mailbox.id.description))) }
        pairs += [
            ("subject", .string(m.subject)),
            ("from", .string(m.from)),
            ("to", .string(m.to.joined(separator: "; "))),
            ("cc", .string(m.cc.joined(separator: "; "))),
            ("bcc", .string("")),
        ]
        if let sent = m.sent { pairs.append(("sent", .string(WireTime.iso(sent)))) }
        if let received = m.received { pairs.append(("received", .string(WireTime.iso(received)))) }
        pairs += [
            ("importance", .string("Normal")),
            ("reminder", .bool(false)),
            ("_links", .object([
                ("self", links.href("\(path)/items/\(V3ExchangeIDs.item(item.versionID))")),
                ("parent", links.href("\(path)/folders/\(V3ExchangeIDs.folder(item.folderID))")),
                ("mailbox", links.href(path)),
            ])),
        ]
        return .object(pairs)
    }

    func mailboxes(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let session = try await open(context)
        let paging = try V3Paging(request: request)
        let found = try await env.explorer.mailboxes(in: session, offset: paging.offset, limit: paging.limit + 1)
        return page(found, paging, path: "RestoreSessions/\(session.id)/organization/mailboxes") { mailboxJSON($0, session) }
    }

    func mailboxByID(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let session = try await open(context)
        return JSONResponse.make(.ok, mailboxJSON(try await mailbox(context, session), session))
    }

    /// `parentId`: a folder's id lists its sub-folders, `root` (or `null`, as older versions said) the top folders,
    /// none every folder.
    func folders(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let session = try await open(context)
        let mailbox = try await mailbox(context, session)
        let paging = try V3Paging(request: request)
        var filter = FolderFilter.all
        var query = ""
        if let parent = QueryParameter.value("parentId", in: request) {
            query = "parentId=\(parent)&"
            filter = ["root", "null", ""].contains(parent.lowercased()) ? .roots : .children(of: try V3ExchangeIDs.folder(from: parent))
        }
        let found = try await env.explorer.folders(of: mailbox, in: session, filter: filter, offset: paging.offset, limit: paging.limit + 1)
        return page(found, paging, path: "\(base(session, mailbox))/folders", query: query) { folderJSON($0, mailbox, session) }
    }

    func folderByID(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let session = try await open(context)
        let mailbox = try await mailbox(context, session)
        let folder = try await env.explorer.folder(try V3ExchangeIDs.folder(from: ExchangeActionTargets.decoded(context.pathParameters.get("folderId"))), of: mailbox, in: session)
        return JSONResponse.make(.ok, folderJSON(folder, mailbox, session))
    }

    /// The folder to list is `parentId` (`folderId` on v6); without one, or with `root`, the whole mailbox.
    func items(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let session = try await open(context)
        let mailbox = try await mailbox(context, session)
        let paging = try V3Paging(request: request)
        let name = version == .v6 ? "folderId" : "parentId"
        var folder: MailFolder?
        var query = ""
        if let raw = QueryParameter.value(name, in: request), !["root", "null", ""].contains(raw.lowercased()) {
            folder = try await env.explorer.folder(try V3ExchangeIDs.folder(from: raw), of: mailbox, in: session)
            query = "\(name)=\(raw)&"
        }
        let found = try await env.explorer.items(of: mailbox, folder: folder, in: session, offset: paging.offset, limit: paging.limit + 1)
        return page(found, paging, path: "\(base(session, mailbox))/items", query: query) { itemJSON($0, mailbox, session) }
    }

    func itemByID(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let session = try await open(context)
        let mailbox = try await mailbox(context, session)
        let item = try await env.explorer.item(try V3ExchangeIDs.item(from: ExchangeActionTargets.decoded(context.pathParameters.get("itemId"))), of: mailbox, in: session)
        return JSONResponse.make(.ok, itemJSON(item, mailbox, session))
    }
}
