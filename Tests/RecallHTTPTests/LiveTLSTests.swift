import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOSSL
@testable import RecallHTTP
import ServiceLifecycle
import Testing

/// The whole flow through a real socket over TLS, with the client verifying the self-signed certificate.
@Suite struct LiveTLSTests {
    @Test func fullFlow_overTLS_withCertificateVerified() async throws {
        let recall = try await TestRecall(tls: true)
        defer { recall.remove() }
        let tls = try #require(recall.settings.tls)
        #expect(tls.created)
        #expect(tls.fingerprint.split(separator: ":").count == 32)
        let keyMode = try FileManager.default.attributesOfItem(atPath: tls.keyPath)[.posixPermissions] as? Int
        #expect(keyMode == 0o600)

        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = try RecallServer.application(env: recall.env, settings: recall.settings, logger: { var logger = Logger(label: "live"); logger.logLevel = .warning; return logger }()) { port in
            continuation.yield(port)
        }
        let group = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "live")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = stream.makeAsyncIterator()
            let port = try #require(await iterator.next())

            var clientTLS = TLSConfiguration.makeClientConfiguration()
            clientTLS.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(tls.certificatePath))
            let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(tlsConfiguration: clientTLS, serverName: "localhost"))
            client.connect()
            let authority = "localhost:\(port)"
            func send(_ method: HTTPRequest.Method, _ uri: String, _ headers: HTTPFields, _ body: String? = nil) async throws -> TestClient.Response {
                try await client.execute(.init(uri, method: method, authority: authority, headers: headers, body: body.map { ByteBuffer(string: $0) }))
            }
            let login = try await send(.post, "/v3/Token", [.contentType: "application/x-www-form-urlencoded"], "grant_type=password&username=admin&password=secret")
            #expect(login.status == .ok)
            let token = try #require(try JSONSerialization.jsonObject(with: Data(buffer: login.body ?? ByteBuffer())) as? [String: Any])["access_token"] as! String
            let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            let created = try await send(.post, "/v3/Organizations/7b2b1ae1-7bbb-4651-b479-bda7edc7838b/Action", auth, #"{"explore":{"datetime":"2019.05.29 10:00"}}"#)
            #expect(created.status == .created)
            let session = try #require(try JSONSerialization.jsonObject(with: Data(buffer: created.body ?? ByteBuffer())) as? [String: Any])
            let id = try #require(session["id"] as? String)
            let links = try #require(session["_links"] as? [String: [String: String]])
            #expect(links["self"]?["href"] == "https://localhost:\(port)/v3/restoresessions/\(id)")
            let read = try await send(.get, "/v3/RestoreSessions/\(id)", auth)
            #expect(read.status == .ok)
            #expect(read.headers[.contentLength] == String(read.body?.readableBytes ?? -1))
            #expect(try await send(.get, "/v3/RestoreSessions", auth).status == .ok)
            #expect(try await send(.get, "/v3/Organizations", auth).status == .ok)
            #expect(try await send(.get, "/v3/Organizations/7b2b1ae1-7bbb-4651-b479-bda7edc7838b", auth).status == .ok)
            #expect(try await send(.get, "/v3/RestoreSessions/\(id)/Organization", auth).status == .ok)
            let firstEvents = try await send(.get, "/v3/RestoreSessions/\(id)/Events", auth)
            let eventList = try JSONSerialization.jsonObject(with: Data(buffer: firstEvents.body ?? ByteBuffer())) as? [String: Any]
            let eventID = try #require((eventList?["results"] as? [[String: Any]])?.first?["id"] as? String)
            #expect(try await send(.get, "/v3/RestoreSessions/\(id)/Events/\(eventID)", auth).status == .ok)
            let refresh = try #require(try JSONSerialization.jsonObject(with: Data(buffer: login.body ?? ByteBuffer())) as? [String: Any])["refresh_token"] as! String
            let refreshed = try await send(.post, "/v3/Token", [.contentType: "application/x-www-form-urlencoded"], "grant_type=refresh_token&refresh_token=\(refresh)")
            #expect(refreshed.status == .ok)
            #expect(try await send(.get, "/v3/RestoreSessions", [:]).status == .unauthorized)
            let stop = try await send(.post, "/v3/RestoreSessions/\(id)/Action", auth, #"{"stop":null}"#)
            #expect(stop.status == .ok)
            let events = try await send(.get, "/v3/RestoreSessions/\(id)/Events", auth)
            #expect(String(buffer: events.body ?? ByteBuffer()).contains("Restore session stopped"))
            try await client.shutdown()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
