import Hummingbird
import NIOCore

/// `GET /health` and `GET /metrics`: outside the versioned API, without a token, for load balancers and Prometheus.
enum OperationalRoutes {
    static func register(on router: RouteTable, env: APIEnvironment) {
        router.get("health") { _, _ -> Response in
            // Healthy when the database answers a read.
            let healthy = (try? await env.operationalCounts()) != nil
            return text(healthy ? #"{"status":"Healthy"}"# : #"{"status":"Unhealthy"}"#, status: healthy ? .ok : .serviceUnavailable, type: JSONResponse.contentType)
        }
        router.get("metrics") { _, _ -> Response in
            let counts = try await env.operationalCounts()
            return text(env.metrics.exposition(counts: counts), status: .ok, type: "text/plain; version=0.0.4; charset=utf-8")
        }
    }

    private static func text(_ body: String, status: HTTPResponse.Status, type: String) -> Response {
        text(Array(body.utf8), status: status, type: type)
    }

    private static func text(_ body: [UInt8], status: HTTPResponse.Status, type: String) -> Response {
        let buffer = ByteBuffer(bytes: body)
        return Response(
            status: status, headers: [.contentType: type, .contentLength: String(buffer.readableBytes), .cacheControl: "no-cache"],
            body: .init(byteBuffer: buffer)
        )
    }
}
