import Foundation
import Hummingbird
import RecallCore

/// Lets a request through only with a valid `Authorization: Bearer <token>`; 401 with `WWW-Authenticate` otherwise.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = RecallRequestContext

    let auth: AuthService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = Self.authorization(request.headers), let credentials = Self.bearerCredentials(header),
              credentials.utf8.count <= 512
        else { throw APIError.unauthorized }
        // Trimmed by bytes: Foundation's `trimmingCharacters(in:)` builds a CharacterSet walk for two spaces.
        let token = Self.trimmed(credentials)
        guard let user = try await auth.user(forBearer: token) else { throw APIError.unauthorized }
        var context = context
        context.user = user
        context.bearerToken = token
        return try await next(request, context)
    }

    /// The `Authorization` value. One field is read as it is; `HTTPFields`' subscript joins repeated fields with
    /// ", " and built that joined String even for the one field every request has.
    static func authorization(_ headers: HTTPFields) -> String? {
        var found: String?
        for field in headers where field.name == .authorization {
            if found != nil { return headers[.authorization] }
            found = field.value
        }
        return found
    }

    /// What follows the scheme when the scheme is `Bearer` (any case), else nil. Leading spaces are skipped and one
    /// space ends the scheme, as `split(separator: " ", maxSplits: 1)` did, without its array.
    static func bearerCredentials(_ header: String) -> Substring? {
        let bytes = header.utf8
        guard let start = bytes.firstIndex(where: { $0 != UInt8(ascii: " ") }) else { return nil }
        let end = bytes[start...].firstIndex(of: UInt8(ascii: " ")) ?? bytes.endIndex
        let scheme = bytes[start..<end]
        guard scheme.count == 6, zip(scheme, "bearer".utf8).allSatisfy({ $0 | 0x20 == $1 }), end != bytes.endIndex else { return nil }
        let credentials = header[bytes.index(after: end)...]
        return credentials.isEmpty ? nil : credentials
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
