import Hummingbird
import RecallCore

/// An error that renders itself in the API's own shape for the version the request is under: `{"message": "…"}`
/// on v3, v6 and v7, `{"message", "errorCode", "stackTrace"}` on v8, the OAuth shape on the token endpoints. On
/// v6–v8 a 401 has an empty body (clients such as the `veeam-365` SDK then log in again).
public struct APIError: Error, HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let message: String
    public let headers: HTTPFields
    /// The OAuth 2 `error` code when this is a token-endpoint error.
    let oauthError: String?

    public init(_ status: HTTPResponse.Status, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
        self.oauthError = nil
    }

    /// The OAuth 2 error shape of the token endpoint.
    public static func oauth(_ error: String, _ description: String) -> APIError {
        APIError(oauthError: error, description: description)
    }

    private init(oauthError: String, description: String) {
        self.status = .badRequest
        self.message = description
        self.headers = [:]
        self.oauthError = oauthError
    }

    /// The body for a request under `version`; nil for no body.
    func body(for version: APIVersion) -> JSONValue? {
        if let oauthError {
            return .object([("error", .string(oauthError)), ("error_description", .string(message))])
        }
        switch version {
        case .v3, .v6, .v7:
            if status == .unauthorized, version != .v3 { return nil }
            return .object([("message", .string(message))])
        case .v8:
            if status == .unauthorized { return nil }
            return .object([("message", .string(message)), ("errorCode", .string(v8ErrorCode)), ("stackTrace", .null)])
        }
    }

    /// The v8 `errorCode` for this status (the v8 enum has no code for every status; `HttpError` is its catch-all).
    var v8ErrorCode: String {
        switch status {
        case .notFound: "ResourceNotFound"
        case .badRequest, .contentTooLarge: "ParameterValidationFailure"
        case .forbidden: "ResourceAccessDenied"
        case .conflict: "OperationConflict"
        default: "HttpError"
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let version = APIVersion(path: request.uri.path) ?? .v3
        guard let body = body(for: version) else {
            var headers = headers
            headers[.contentLength] = "0"
            return Response(status: status, headers: headers, body: .init())
        }
        return JSONResponse.make(status, body, headers: headers)
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
        case .outOfSpace: self.init(
            .insufficientStorage, message: "The server's data directory is out of disk space, so the request changed nothing. Free some space and try again."
        )
        }
    }
}

extension HTTPResponse.Status {
    /// 507: the data directory's disk is full.
    static let insufficientStorage = HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")
}
