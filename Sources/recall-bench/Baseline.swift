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
    @Option(name: .customLong("file"), help: "Also stream FILE on GET /file, as an export streams its mbox (64 KiB chunks).")
    var file: String?

    func run() async throws {
        let body = Self.json(size: max(bodySize, 16))
        let router = Router()
        router.get("/v3/RestoreSessions/:id") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: body))
            )
        }
        if let file {
            router.get("/file") { _, _ -> Response in
                Response(status: .ok, headers: [.contentType: "application/mbox"], body: ResponseBody { writer in try await Self.stream(file, to: &writer) })
            }
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

    /// Sends the file in 64 KiB chunks read straight into one reused buffer: the least a streamed export can cost on
    /// this stack (an export also queries, checks, escapes and copies its messages).
    static func stream(_ path: String, to writer: inout any ResponseBodyWriter) async throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw HTTPError(.notFound) }
        defer { close(descriptor) }
        var buffer = ByteBuffer()
        var offset: off_t = 0
        while true {
            buffer.clear(minimumCapacity: 64 << 10)
            let got = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 64 << 10) { memory in
                max(0, pread(descriptor, memory.baseAddress, 64 << 10, offset))
            }
            guard got > 0 else { break }
            offset += off_t(got)
            try await writer.write(buffer)
        }
        try await writer.finish(nil)
    }

    /// `{"id":"xxxx…"}` padded to exactly `size` bytes.
    static func json(size: Int) -> [UInt8] {
        Array(("{\"id\":\"" + String(repeating: "x", count: size - 9) + "\"}").utf8)
    }
}
