import Hummingbird
import RecallCore

/// `POST /v3/Token`: the OAuth 2 password and refresh-token grants.
struct V3TokenController: Sendable {
    let auth: AuthService

    func token(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let issued = try await TokenGrant.issue(request, context: context, auth: auth)
        return JSONResponse.make(.ok, V3TokenJSON.make(issued, lifetime: auth.accessLifetime), headers: TokenGrant.headers)
    }
}
