import Hummingbird
import RecallCore

/// `/v3/Organizations`: list, read, and the `explore` action that starts a restore session.
struct V3OrganizationsController: Sendable {
    let env: APIEnvironment

    func list(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let links = V3Links(request: request, env: env)
        let organizations = try await env.organizations.organizations()
        return JSONResponse.make(.ok, .array(organizations.map { V3OrganizationJSON.make($0, links: links) }))
    }

    func get(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let id: Identifier<Organization> = try context.pathID("organizationId")
        guard let organization = try await env.organizations.organization(id: id) else {
            throw APIError.notFound("Organization with ID '\(id)' was not found.")
        }
        let links = V3Links(request: request, env: env)
        return JSONResponse.make(.ok, V3OrganizationJSON.make(organization, links: links))
    }

    func action(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let id: Identifier<Organization> = try context.pathID("organizationId")
        let (name, value) = try RequestBody.action(try await RequestBody.read(request, context: context))
        guard name == "explore" else { throw APIError.badRequest("Unknown action '\(name)': this resource supports 'explore'.") }
        let options = try V3ExploreRequest.options(from: value, now: env.clock.now())
        let session = try await env.sessions.explore(organizationID: id, options: options, owner: user)
        let links = V3Links(request: request, env: env)
        return JSONResponse.make(.created, writing: V3RestoreSessionJSON.make(session, links: links))
    }
}
