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
        // Trimmed by bytes: Foundation's `trimmingCharacters(in:)` was 5 % of a `GET /v3/RestoreSessions/{id}`.
        let token = Self.trimmed(parts[1])
        guard let user = try await auth.user(forBearer: token) else { throw APIError.unauthorized }
        var context = context
        context.user = user
        context.bearerToken = token
        return try await next(request, context)
    }

    /// `value` without the white space around it, as .NET's `String.Trim()` in OWIN's bearer parsing: ASCII white
    /// space by bytes, and Foundation's Unicode white space only when a token starts or ends with a non-ASCII byte.
    static func trimmed(_ value: Substring) -> String {
        let bytes = value.utf8
        if let first = bytes.first, let last = bytes.last, first >= 0x80 || last >= 0x80 {
            return value.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || (0x09...0x0D).contains($0) }
        guard let start = bytes.firstIndex(where: { !blank($0) }), let end = bytes.lastIndex(where: { !blank($0) }) else { return "" }
        return String(Substring(bytes[start...end]))
    }
}
