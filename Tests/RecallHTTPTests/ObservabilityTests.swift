import Foundation
import HummingbirdTesting
import Logging
import NIOCore
@testable import RecallCore
@testable import RecallHTTP
import RecallStore
import Synchronization
import Testing

/// `GET /health`, `GET /metrics` and the access log.
@Suite struct ObservabilityTests {
    @Test func health_isHealthyWhileTheDatabaseAnswers_andUnhealthyAfter() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let healthy = try await client.execute(uri: "/health", method: .get)
            #expect(healthy.status == .ok)
            #expect(healthy.text == #"{"status":"Healthy"}"#)
            #expect(healthy.headers[.contentType] == "application/json; charset=utf-8")
            try recall.close()
            let unhealthy = try await client.execute(uri: "/health", method: .get)
            #expect(unhealthy.status == .serviceUnavailable)
            #expect(unhealthy.text == #"{"status":"Unhealthy"}"#)
        }
    }

    @Test func metrics_countRequestsSessionsAndRestores() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try ExploreTests.importHistory(recall)
        try await recall.store.setRestoreTarget(organizationID: recall.organization.id, maildirRoot: recall.directory.appendingPathComponent("restored").path)
        try await recall.withClient { client in
            let opened = try await ExchangeActionsTests().open(client)
            let running = try await client.execute(uri: "/metrics", method: .get)
            #expect(running.status == .ok)
            #expect(running.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            #expect(Self.lines(running).contains("recall_restore_sessions_running 1.0"))

            let folders = try #require(try await client.get("\(opened.base)/Folders?parentId=null", token: opened.token).jsonObject()["results"] as? [[String: Any]])
            let inbox = try #require(folders.first?["id"] as? String)
            #expect(try await client.post("\(opened.base)/Folders/\(inbox)/Action", token: opened.token, json: #"{"restoretoOriginallocation": null}"#).status == .ok)
            #expect(try await client.post("\(opened.base)/Action", token: opened.token, json: #"{"exporttoMbox": null}"#).status == .ok)
            #expect(try await client.get("/v3/RestoreSessions/\(UUID())", token: opened.token).status == .notFound)
            #expect(try await client.post("/v3/RestoreSessions/\(opened.session)/Action", token: opened.token, json: #"{"stop": null}"#).status == .ok)

            let metrics = Self.lines(try await client.execute(uri: "/metrics", method: .get))
            for line in [
                "recall_restore_sessions_started_total 1",
                #"recall_restore_sessions_stopped_total{reason="requested"} 1"#,
                "recall_restore_sessions_running 0.0",
                "recall_repository_restore_points 3.0",
                #"recall_restore_actions_total{action="restore",status="success"} 1"#,
                #"recall_restore_items_total{action="restore",outcome="succeeded"} 4"#,
                #"recall_restore_actions_total{action="export",status="success"} 1"#,
                #"recall_restore_items_total{action="export",outcome="succeeded"} 4"#,
                #"recall_http_requests_total{route="/v3/organizations/{organizationId}/action",method="POST",status="201"} 1"#,
                #"recall_http_requests_total{route="/v3/restoresessions/{restoreSessionId}",method="GET",status="404"} 1"#,
                #"recall_http_requests_total{route="/metrics",method="GET",status="200"} 1"#,
                #"recall_http_request_duration_seconds_count{route="/v3/restoresessions/{restoreSessionId}/action",method="POST"} 1"#,
            ] {
                #expect(metrics.contains(line), "missing: \(line)")
            }
            // One series per route, not per id.
            #expect(!metrics.contains { $0.contains(opened.session) })
        }
    }

    @Test func everyRequest_getsOneAccessLine_withItsOwnRequestID_andNoSecret() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        let captured = CapturedLog()
        let logger = Logger(label: "recall") { _ in CapturingLogHandler(log: captured) }
        let (access, refresh) = try await recall.withClient(logger: logger) { client in
            let login = try await client.login()
            let access = try #require(login["access_token"] as? String)
            #expect(try await client.get("/v3/RestoreSessions", token: access).status == .ok)
            #expect(try await client.get("/v3/Nowhere", token: access).status == .notFound)
            return (access, try #require(login["refresh_token"] as? String))
        }
        let lines = captured.entries.filter { $0.message == "request" }
        #expect(lines.map { "\($0.metadata["method"] ?? "") \($0.metadata["path"] ?? "") \($0.metadata["status"] ?? "")" } == [
            "POST /v3/Token 200", "GET /v3/RestoreSessions 200", "GET /v3/Nowhere 404",
        ])
        #expect(lines.allSatisfy { $0.level == .info && Double("\($0.metadata["duration_ms"] ?? "x")") != nil })
        #expect(Set(lines.compactMap { $0.metadata["hb.request.id"].map { "\($0)" } }).count == 3)
        for entry in captured.entries {
            let text = "\(entry.message) \(entry.metadata)"
            for secret in ["secret", access, refresh] { #expect(!text.contains(secret)) }
        }
    }

    @Test func milliseconds_haveThreeDecimals() {
        #expect(RequestTelemetryFormat.milliseconds(0) == "0.000")
        #expect(RequestTelemetryFormat.milliseconds(1_234_567) == "1.234")
        #expect(RequestTelemetryFormat.milliseconds(12_005_000_000) == "12005.000")
        #expect(RequestTelemetryFormat.milliseconds(40_000) == "0.040")
    }

    static func lines(_ response: TestResponse) -> [String] {
        response.text.split(separator: "\n").map(String.init)
    }
}

/// Log entries kept in memory.
final class CapturedLog: Sendable {
    struct Entry: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: Logger.Metadata
    }

    private let storage = Mutex<[Entry]>([])
    var entries: [Entry] { storage.withLock { $0 } }
    func append(_ entry: Entry) { storage.withLock { $0.append(entry) } }
}

struct CapturingLogHandler: LogHandler {
    let log: CapturedLog
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        log.append(.init(level: event.level, message: event.message.description, metadata: metadata.merging(event.metadata ?? [:]) { _, new in new }))
    }
}
