import Hummingbird
import RecallCore

/// `/v8/Organizations` (a page; a bare array on v6/v7), one organization, and `explore`, which starts a session.
struct V8OrganizationsController: Sendable {
    let env: APIEnvironment
    let version: APIVersion

    private var links: V8Links { V8Links(version: version) }

    /// `extendedView` decides whether the backup fields appear (v6 defaults to true, v7/v8 to false).
    private func extendedView(_ request: Request) throws -> Bool {
        guard let raw = QueryParameter.value("extendedView", in: request) else { return version == .v6 }
        guard let value = Bool(raw.lowercased()) else {
            throw APIError.badRequest("The value '\(raw)' is not valid for extendedView: use true or false.")
        }
        return value
    }

    private func json(_ organization: Organization, extended: Bool) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("type", .string("Office365")),
            ("region", .string("Worldwide")),
            ("isExchangeOnline", .bool(true)),
            ("isSharePointOnline", .bool(false)),
            ("isTeamsOnline", .bool(false)),
            ("isTeamsChatsOnline", .bool(false)),
            ("id", .string(organization.id.description)),
            ("name", .string(organization.name)),
            ("officeName", .string(organization.name)),
        ]
        if version != .v6 { pairs.append(("description", .string(""))) }
        if extended {
            pairs.append(("isBackedup", .bool(organization.backupRange != nil)))
            if let range = organization.backupRange {
                pairs.append(("firstBackuptime", .string(WireTime.iso(range.lowerBound))))
                pairs.append(("lastBackuptime", .string(WireTime.iso(range.upperBound))))
            }
        }
        pairs.append(("_links", .object([("self", links.href("Organizations/\(organization.id)"))])))
        return .object(pairs)
    }

    func list(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let extended = try extendedView(request)
        let organizations = try await env.organizations.organizations()
        guard version == .v8 else { return JSONResponse.make(.ok, .array(organizations.map { json($0, extended: extended) })) }
        let paging = try V3Paging(request: request)
        let page = organizations.dropFirst(paging.offset).prefix(paging.limit)
        let body = paging.page(
            results: page.map { json($0, extended: extended) }, hasNext: paging.offset + paging.limit < organizations.count,
            path: "Organizations", links: links
        )
        return JSONResponse.make(.ok, body)
    }

    func get(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let id: Identifier<Organization> = try context.pathID("organizationId")
        guard let organization = try await env.organizations.organization(id: id) else {
            throw APIError.notFound("Organization with ID '\(id)' was not found.")
        }
        return JSONResponse.make(.ok, json(organization, extended: try extendedView(request)))
    }

    /// Body `{"dateTime", "type", "showDeleted", "showAllVersions"}` (all optional); 201 on v8, 200 on v6/v7 as
    /// their published specs say.
    func explore(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let id: Identifier<Organization> = try context.pathID("organizationId")
        let body = try await RequestBody.read(request, context: context)
        let options = try V3ExploreRequest.options(from: body, now: env.clock.now())
        let session = try await env.sessions.explore(organizationID: id, options: options, owner: user)
        let organization = try await env.organizations.organization(id: id)
        let json = V8RestoreSessionJSON.make(
            session, organization: organization?.name ?? "", initiatedBy: user.name, hostName: env.hostName, links: links
        )
        return JSONResponse.make(version == .v8 ? .created : .ok, json)
    }
}
