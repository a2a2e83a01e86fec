import Hummingbird
import RecallCore
import RecallRestore
import RecallStore

/// `/v8/RestoreSessions` (and v6/v7): a filtered page, one session, stop, statistics, events, the organization.
struct V8RestoreSessionsController: Sendable {
    let env: APIEnvironment
    let version: APIVersion

    private var links: V8Links { V8Links(version: version) }

    private func json(_ session: RestoreSession, user: User, organizations: [Identifier<Organization>: Organization]) -> JSONValue {
        V8RestoreSessionJSON.make(
            session, organization: organizations[session.organizationID]?.name ?? "", initiatedBy: user.name,
            hostName: env.hostName, links: links
        )
    }

    private func organizationsByID() async throws -> [Identifier<Organization>: Organization] {
        Dictionary(try await env.organizations.organizations().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func list(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let paging = try V3Paging(request: request)
        var query = SessionQuery(ownerID: user.id)
        var echo = ""
        func time(_ name: String) throws -> Timestamp? {
            guard let raw = QueryParameter.value(name, in: request) else { return nil }
            guard let time = TimestampParser.parse(raw) else {
                throw APIError.badRequest("The value '\(raw)' is not valid for \(name): use a date and time such as 2026-11-30T08:00:00Z.")
            }
            echo += "\(name)=\(raw)&"
            return time
        }
        query.createdFrom = try time("startTimeFrom")
        query.createdTo = try time("startTimeTo")
        if version == .v8 {
            query.endedFrom = try time("endTimeFrom")
            query.endedTo = try time("endTimeTo")
            if let raw = QueryParameter.value("orderBy", in: request) {
                switch raw.lowercased() {
                case "creationtime": query.order = .creationTime
                case "endtime": query.order = .endTime
                default: throw APIError.badRequest("The value '\(raw)' is not valid for orderBy: use CreationTime or EndTime.")
                }
                echo += "orderBy=\(raw)&"
            }
            if let raw = QueryParameter.value("orderAsc", in: request) {
                guard let ascending = Bool(raw.lowercased()) else {
                    throw APIError.badRequest("The value '\(raw)' is not valid for orderAsc: use true or false.")
                }
                query.ascending = ascending
                echo += "orderAsc=\(raw)&"
            }
        }
        query.offset = paging.offset
        query.limit = paging.limit + 1
        let found = try await env.sessions.sessions(matching: query, for: user)
        let organizations = try await organizationsByID()
        let body = paging.page(
            results: found.prefix(paging.limit).map { json($0, user: user, organizations: organizations) },
            hasNext: found.count > paging.limit, path: "RestoreSessions", query: echo, links: links
        )
        return JSONResponse.make(.ok, body)
    }

    func get(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let session = try await env.sessions.session(id: try context.pathID("restoreSessionId"), for: user)
        return JSONResponse.make(.ok, json(session, user: user, organizations: try await organizationsByID()))
    }

    /// 204 on v8, 200 with no body on v6/v7; stopping a stopped session changes nothing.
    func stop(_ request: Request, context: RecallRequestContext) async throws -> Response {
        try await env.sessions.stop(id: try context.pathID("restoreSessionId"), for: try context.requireUser())
        return version == .v8 ? Response(status: .noContent) : JSONResponse.empty()
    }

    func statistics(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let statistics = try await env.sessions.session(id: try context.pathID("restoreSessionId"), for: try context.requireUser()).restoreTally
        return JSONResponse.make(.ok, .object([
            ("totalItemsCount", .int(Int64(statistics.total))),
            ("restoredItemsCount", .int(Int64(statistics.restored))),
            ("failedItemsCount", .int(Int64(statistics.failed))),
            ("skippedItemsCount", .int(Int64(statistics.skipped))),
            ("items", .array([])),
            ("warnings", .array([])),
            ("errors", .array([])),
        ]))
    }

    func events(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let id: Identifier<RestoreSession> = try context.pathID("restoreSessionId")
        let paging = try V3Paging(request: request)
        let page = try await env.sessions.events(sessionID: id, for: try context.requireUser(), offset: paging.offset, limit: paging.limit)
        var body = paging.page(
            results: page.events.map { V8EventJSON.make($0, links: links) }, hasNext: paging.offset + paging.limit < page.total,
            path: "RestoreSessions/\(id)/Events", links: links
        )
        if version != .v8, case .object(var pairs) = body {
            pairs.insert(("totalCount", .int(Int64(page.total))), at: 2)
            body = .object(pairs)
        }
        return JSONResponse.make(.ok, body)
    }

    func event(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let event = try await env.sessions.event(
            id: try context.pathID("eventId"), sessionID: try context.pathID("restoreSessionId"), for: try context.requireUser()
        )
        return JSONResponse.make(.ok, V8EventJSON.make(event, links: links))
    }

    func organization(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let session = try await env.sessions.workingSession(id: try context.pathID("restoreSessionId"), for: try context.requireUser())
        let organization = try await env.sessions.organization(of: session)
        let path = "RestoreSessions/\(session.id)/organization"
        return JSONResponse.make(.ok, .object([
            ("id", .string(organization.id.description)),
            ("name", .string("\(organization.name) (\(WireTime.usDateTime(session.options.pointInTime)))")),
            ("type", .string("Office365")),
            ("_links", .object([("self", links.href(path)), ("mailboxes", links.href("\(path)/mailboxes"))])),
        ]))
    }
}
