import Dispatch
import Hummingbird
import Logging

/// Times every request, counts it in the metrics and writes one access-log line for it: method, path (never the
/// query or a header, so no token reaches the log), status and duration, under the request id Hummingbird puts on
/// each request's logger (`hb.request.id`). A streamed body (an export, of unknown length) is timed until its last
/// byte is written; a body already in memory is timed until the handler returns it.
struct RequestTelemetry<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            // The error middleware inside answers every error; this is only what escapes it.
            finish(request, context, status: .internalServerError, start: start)
            throw error
        }
        let status = response.status
        guard response.body.contentLength == nil else {
            finish(request, context, status: status, start: start)
            return response
        }
        let body = response.body
        response.body = ResponseBody { writer in
            do {
                try await body.write(writer)
            } catch {
                finish(request, context, status: status, start: start)
                throw error
            }
            finish(request, context, status: status, start: start)
        }
        return response
    }

    private func finish(_ request: Request, _ context: Context, status: HTTPResponse.Status, start: UInt64) {
        let elapsed = DispatchTime.now().uptimeNanoseconds &- start
        metrics.recordRequest(route: context.endpointPath ?? "unmatched", method: request.method, status: status, nanoseconds: elapsed)
        guard context.logger.logLevel <= .info else { return }
        if let console = context.logger.handler as? ConsoleLogHandler,
            console.logRequest(method: request.method.rawValue, path: request.uri.path, status: status.code, nanoseconds: elapsed)
        {
            return
        }
        context.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue),
                "path": .string(request.uri.path),
                "status": .string(String(status.code)),
                "duration_ms": .string(RequestTelemetryFormat.milliseconds(elapsed)),
            ]
        )
    }
}

enum RequestTelemetryFormat {
    /// Nanoseconds as milliseconds with three decimals, without Foundation's formatters.
    static func milliseconds(_ nanoseconds: UInt64) -> String {
        let micros = nanoseconds / 1000
        let fraction = String(micros % 1000)
        return "\(micros / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
