import Hummingbird
import RecallCore

/// `/v3/RestoreSessions`: list, read, stop, events, and the explored organization.
struct V3RestoreSessionsController: Sendable {
    let env: APIEnvironment

    private func links(_ request: Request) -> V3Links {
        V3Links(request: request, env: env)
    }

    func list(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let sessions = try await env.sessions.sessions(for: try context.requireUser())
        let links = links(request)
        return JSONResponse.make(.ok, writing: JSONList(elements: sessions.map { V3RestoreSessionJSON.make($0, links: links) }))
    }

    func get(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let session = try await env.sessions.session(id: try context.pathID("restoreSessionId"), for: try context.requireUser())
        return JSONResponse.make(.ok, writing: V3RestoreSessionJSON.make(session, links: links(request)))
    }

    func action(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let id: Identifier<RestoreSession> = try context.pathID("restoreSessionId")
        _ = try await env.sessions.session(id: id, for: user)
        let (name, _) = try RequestBody.action(try await RequestBody.read(request, context: context))
        guard name == "stop" else { throw APIError.badRequest("Unknown action '\(name)': this resource supports 'stop'.") }
        try await env.sessions.stop(id: id, for: user)
        return JSONResponse.empty()
    }

    func events(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let id: Identifier<RestoreSession> = try context.pathID("restoreSessionId")
        let paging = try V3Paging(request: request)
        let page = try await env.sessions.events(sessionID: id, for: try context.requireUser(), offset: paging.offset, limit: paging.limit)
        let links = links(request)
        let body = paging.page(
            results: page.events.map { V3EventJSON.make($0, links: links) }, hasNext: paging.offset + paging.limit < page.total,
            path: "RestoreSessions/\(id)/Events", links: links
        )
        return JSONResponse.make(.ok, body)
    }

    func event(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let event = try await env.sessions.event(
            id: try context.pathID("eventId"), sessionID: try context.pathID("restoreSessionId"), for: try context.requireUser()
        )
        return JSONResponse.make(.ok, V3EventJSON.make(event, links: links(request)))
    }

    func organization(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let session = try await env.sessions.workingSession(id: try context.pathID("restoreSessionId"), for: try context.requireUser())
        let organization = try await env.sessions.organization(of: session)
        return JSONResponse.make(.ok, V3SessionOrganizationJSON.make(organization, session: session, links: links(request)))
    }
}
