import Hummingbird
import RecallCore
import RecallRestore

/// `/v3/RestoreSessions/{id}/Organization/Mailboxes…`: browsing a session's Exchange data.
struct V3ExchangeController: Sendable {
    let env: APIEnvironment

    private func open(_ request: Request, _ context: RecallRequestContext) async throws -> (RestoreSession, V3Links) {
        let (session, _) = try await env.explorer.context(sessionID: try context.pathID("restoreSessionId"), user: try context.requireUser())
        return (session, V3Links(request: request, env: env))
    }

    private func mailbox(_ context: RecallRequestContext, _ session: RestoreSession) async throws -> Mailbox {
        try await env.explorer.mailbox(try context.pathID("mailboxId"), in: session)
    }

    /// A page from rows fetched with one extra (which tells whether a next page exists).
    private func page<Row>(
        _ found: [Row], _ paging: V3Paging, path: String, query: String = "", links: V3Links, _ json: (Row) -> JSONValue
    ) -> Response {
        let body = paging.page(
            results: found.prefix(paging.limit).map(json), hasNext: found.count > paging.limit, path: path, query: query, links: links
        )
        return JSONResponse.make(.ok, body)
    }

    func mailboxes(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let (session, links) = try await open(request, context)
        let paging = try V3Paging(request: request)
        let found = try await env.explorer.mailboxes(in: session, offset: paging.offset, limit: paging.limit + 1)
        return page(found, paging, path: "RestoreSessions/\(session.id)/Organization/Mailboxes", links: links) {
            V3ExchangeJSON.mailbox($0, session: session, links: links)
        }
    }

    func mailboxByID(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let (session, links) = try await open(request, context)
        return JSONResponse.make(.ok, V3ExchangeJSON.mailbox(try await mailbox(context, session), session: session, links: links))
    }

    func folders(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let (session, links) = try await open(request, context)
        let mailbox = try await mailbox(context, session)
        let paging = try V3Paging(request: request)
        var filter = FolderFilter.all
        var query = ""
        if let parent = QueryParameter.value("parentId", in: request) {
            query = "parentId=\(parent)&"
            filter = parent.lowercased() == "null" || parent.isEmpty ? .roots : .children(of: try V3ExchangeIDs.folder(from: String(parent)))
        }
        let found = try await env.explorer.folders(of: mailbox, in: session, filter: filter, offset: paging.offset, limit: paging.limit + 1)
        return page(found, paging, path: "RestoreSessions/\(session.id)/Organization/Mailboxes/\(mailbox.id)/Folders", query: query, links: links) {
            V3ExchangeJSON.folder($0, mailbox: mailbox, session: session, links: links)
        }
    }

    func folderByID(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let (session, links) = try await open(request, context)
        let mailbox = try await mailbox(context, session)
        let folder = try await env.explorer.folder(try V3ExchangeIDs.folder(from: ExchangeActionTargets.decoded(context.pathParameters.get("folderId"))), of: mailbox, in: session)
        return JSONResponse.make(.ok, V3ExchangeJSON.folder(folder, mailbox: mailbox, session: session, links: links))
    }

    func items(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let (session, links) = try await open(request, context)
        let mailbox = try await mailbox(context, session)
        let paging = try V3Paging(request: request)
        var folder: MailFolder?
        var query = ""
        if let raw = QueryParameter.value("folderId", in: request), !raw.isEmpty {
            folder = try await env.explorer.folder(try V3ExchangeIDs.folder(from: String(raw)), of: mailbox, in: session)
            query = "folderId=\(raw)&"
        }
        let found = try await env.explorer.items(of: mailbox, folder: folder, in: session, offset: paging.offset, limit: paging.limit + 1)
        return page(found, paging, path: "RestoreSessions/\(session.id)/Organization/Mailboxes/\(mailbox.id)/Items", query: query, links: links) {
            V3ExchangeJSON.item($0, mailbox: mailbox, session: session, links: links)
        }
    }

    func itemByID(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let (session, links) = try await open(request, context)
        let mailbox = try await mailbox(context, session)
        let item = try await env.explorer.item(try V3ExchangeIDs.item(from: ExchangeActionTargets.decoded(context.pathParameters.get("itemId"))), of: mailbox, in: session)
        return JSONResponse.make(.ok, V3ExchangeJSON.item(item, mailbox: mailbox, session: session, links: links))
    }
}
