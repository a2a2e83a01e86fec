import Foundation
import Hummingbird
import RecallCore

/// Lets a request through only with a valid `Authorization: Bearer <token>`; 401 with `WWW-Authenticate` otherwise.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = RecallRequestContext

    let auth: AuthService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { throw APIError.unauthorized }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer", parts[1].utf8.count <= 512 else { throw APIError.unauthorized }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        guard let user = try await auth.user(forBearer: token) else { throw APIError.unauthorized }
        var context = context
        context.user = user
        context.bearerToken = token
        return try await next(request, context)
    }
}
