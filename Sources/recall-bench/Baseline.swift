import ArgumentParser
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import RecallHTTP

/// The limit of Recall's own stack: Hummingbird answering a fixed JSON body of a restore session's size, with the
/// same TLS setup (`TLSIdentity`) as `recall serve`, and nothing else — no auth, no store.
struct Baseline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve a fixed JSON body on GET /v3/RestoreSessions/{id}.")

    @Option(help: "Address to listen on.") var bind = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 4444
    @Option(name: .customLong("body-size"), help: "Bytes of JSON to answer (a restore session's size).") var bodySize = 560
    @Option(name: .customLong("tls-dir"), help: "Serve HTTPS with the self-signed certificate Recall keeps in DIR/tls.")
    var tlsDirectory: String?

    func run() async throws {
        let body = Self.json(size: max(bodySize, 16))
        let router = Router()
        router.get("/v3/RestoreSessions/:id") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: body))
            )
        }
        let configuration = ApplicationConfiguration(address: .hostname(bind, port: port), serverName: nil)
        let server: HTTPServerBuilder = if let tlsDirectory {
            try .tls(.http1(), tlsConfiguration: TLSIdentity.selfSigned(in: URL(fileURLWithPath: tlsDirectory)).serverConfiguration())
        } else {
            .http1()
        }
        let app = Application(router: router, server: server, configuration: configuration)
        try await app.runService()
    }

    /// `{"id":"xxxx…"}` padded to exactly `size` bytes.
    static func json(size: Int) -> [UInt8] {
        Array(("{\"id\":\"" + String(repeating: "x", count: size - 9) + "\"}").utf8)
    }
}
