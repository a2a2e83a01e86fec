import Hummingbird
import RecallCore

/// An error that renders itself in the API's own shape: `{"message": "…"}` (or the OAuth shape on `/Token`).
public struct APIError: Error, HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let body: JSONValue
    public let headers: HTTPFields

    public init(_ status: HTTPResponse.Status, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.body = .object([("message", .string(message))])
        self.headers = headers
    }

    /// The OAuth 2 error shape of the token endpoint.
    public static func oauth(_ error: String, _ description: String) -> APIError {
        APIError(status: .badRequest, body: .object([("error", .string(error)), ("error_description", .string(description))]))
    }

    private init(status: HTTPResponse.Status, body: JSONValue) {
        self.status = status
        self.body = body
        self.headers = [:]
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONResponse.make(status, body, headers: headers)
    }

    public static let unauthorized = APIError(
        .unauthorized, message: "Authorization has been denied for this request.", headers: [.wwwAuthenticate: "Bearer"]
    )

    public static func badRequest(_ message: String) -> APIError { APIError(.badRequest, message: message) }

    public static func notFound(_ message: String) -> APIError { APIError(.notFound, message: message) }

    public static let methodNotAllowed = APIError(.methodNotAllowed, message: "The requested resource does not support this HTTP method.")

    /// How a domain error reads on the wire.
    public init(_ error: RecallError) {
        switch error {
        case .notFound(let message): self.init(.notFound, message: message)
        case .invalidArgument(let message): self.init(.badRequest, message: message)
        case .conflict(let message): self.init(.conflict, message: message)
        case .sessionNotWorking: self.init(.badRequest, message: error.message)
        case .unsupported(let message): self.init(.notImplemented, message: message)
        }
    }
}
