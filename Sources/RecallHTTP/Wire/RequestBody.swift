import Hummingbird
import NIOCore

/// Reads a request body as JSON or as a form, whichever its `Content-Type` says (JSON when it says neither).
enum RequestBody {
    /// The parsed body; 400 when empty or malformed, 413 when over the context's upload limit.
    /// `empty`: what a body of nothing but white space stands for; nil makes it a 400.
    static func read(_ request: Request, context: RecallRequestContext, empty: InputValue? = nil) async throws -> InputValue {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > context.maxUploadSize {
            throw APIError(.contentTooLarge, message: "The request body is larger than the 1 MiB limit.")
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            // A chunked body has no Content-Length to refuse up front; it is cut off when it passes the limit.
            throw APIError(.contentTooLarge, message: "The request body is larger than the 1 MiB limit.")
        }
        let bytes = Array(buffer.readableBytesView)
        guard bytes.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
            if let empty { return empty }
            throw APIError.badRequest("The request body is empty.")
        }
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        do {
            if contentType.hasPrefix("application/x-www-form-urlencoded") {
                return try FormParser.parse(bytes)
            }
            return try InputJSONParser.parse(bytes)
        } catch let failure as InputJSONParser.Failure {
            throw APIError.badRequest(failure.message)
        } catch let failure as FormParser.Failure {
            throw APIError.badRequest(failure.message)
        }
    }

    /// The single action key of an action body and its value, e.g. `("stop", null)`.
    static func action(_ body: InputValue) throws -> (name: String, value: InputValue) {
        guard let members = body.members else { throw APIError.badRequest("The request body must be a JSON object naming one action.") }
        guard members.count == 1, let (name, value) = members.first else {
            throw APIError.badRequest(members.isEmpty ? "The request body names no action." : "The request body must name exactly one action.")
        }
        return (name, value)
    }
}
