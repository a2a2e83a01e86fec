import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import RecallCore

/// Turns every error into the API's error shape; unknown errors become a 500 that leaks nothing.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch where OutOfSpace.matches(error) {
            // From the store (`RecallError.outOfSpace`) or a restore's own file writes (ENOSPC): the operator must free
            // space, so it is logged; the client learns that nothing changed.
            context.logger.error("The data directory's disk is full", metadata: ["error": "\(String(reflecting: error))"])
            return try APIError(RecallError.outOfSpace("")).response(from: request, context: context)
        } catch let error as RecallError {
            return try APIError(error).response(from: request, context: context)
        } catch let error as HTTPError {
            return try Self.translate(error).response(from: request, context: context)
        } catch is NIOTooManyBytesError {
            return try APIError(.contentTooLarge, message: "The request body is larger than the 1 MiB limit.").response(from: request, context: context)
        } catch is HTTPParserError {
            // The client's bytes are not HTTP (e.g. `Transfer-Encoding: xchunked`): its fault, not the server's.
            return try APIError.badRequest("The request is not valid HTTP: its framing (Content-Length, Transfer-Encoding) or syntax cannot be read.")
                .response(from: request, context: context)
        } catch {
            context.logger.error("Unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return try APIError(.internalServerError, message: "An error has occurred.").response(from: request, context: context)
        }
    }

    /// Hummingbird's own errors (no route, body too large, …) in the API's words.
    static func translate(_ error: HTTPError) -> APIError {
        switch error.status {
        case .notFound:
            return .notFound("No HTTP resource was found that matches the request URI.")
        case .contentTooLarge:
            return APIError(.contentTooLarge, message: "The request body is larger than the 1 MiB limit.")
        default:
            return APIError(error.status, message: error.body ?? error.status.reasonPhrase)
        }
    }
}
