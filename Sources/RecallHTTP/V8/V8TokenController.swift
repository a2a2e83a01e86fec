import Hummingbird
import RecallCore

/// `POST /v8/token` (form or JSON, password and refresh-token grants) and `POST /v8/token/logout`; the same on v6/v7.
struct V8TokenController: Sendable {
    let auth: AuthService
    let version: APIVersion

    func token(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let issued = try await TokenGrant.issue(request, context: context, auth: auth)
        // As v3, but ISO 8601 dates: clients of these versions parse `.issued`/`.expires` as date-times.
        let body: JSONValue = .object([
            ("access_token", .string(issued.accessToken)),
            ("token_type", .string("bearer")),
            ("expires_in", .int(max(0, auth.accessLifetime - 1))),
            ("refresh_token", .string(issued.refreshToken)),
            ("userName", .string(issued.userName)),
            (".issued", .string(WireTime.iso(issued.issuedAt))),
            (".expires", .string(WireTime.iso(issued.expiresAt))),
        ])
        return JSONResponse.make(.ok, body, headers: TokenGrant.headers)
    }

    /// The access token and its refresh token stop working at once: 204 on v8, 200 on v7.
    func logout(_ request: Request, context: RecallRequestContext) async throws -> Response {
        guard let token = context.bearerToken else { throw APIError.unauthorized }
        try await auth.logout(bearer: token)
        return version == .v8 ? Response(status: .noContent) : JSONResponse.empty()
    }
}
