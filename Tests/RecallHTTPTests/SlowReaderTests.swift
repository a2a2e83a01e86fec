import Foundation
import HummingbirdTesting
import RecallBackup
@testable import RecallCore
import Testing

/// A client that starts an export and never reads it holds the export's read-ahead (up to two 8 MiB batches) on the
/// server. These check that such exports are bounded per user, cut by the write deadline, and ended by a stop.
@Suite struct SlowReaderTests {
    /// About 12 MiB in 48 messages: more than the kernel's socket buffers take, so a reader that stops stalls the server.
    static func importLargeMailbox(_ recall: TestRecall) throws {
        let filler = String(repeating: "A line of a long message body that fills the socket buffers of a client that never reads.\n", count: 2_800)
        let mbox = (0..<48).map { index in
            "From MAILER-DAEMON Mon Jan  5 10:00:00 2026\nFrom: bob@example.com\nTo: adele@contoso.onmicrosoft.com\nSubject: Large \(index)\n"
                + "Message-ID: <large\(index)@x>\nDate: Mon, 5 Jan 2026 10:00:00 +0000\n\n\(filler)\n"
        }.joined()
        let url = recall.directory.appendingPathComponent("large.mbox")
        try Data(mbox.utf8).write(to: url)
        var source = try MboxSource(url: url, folder: ["Inbox"])
        _ = try MailboxImporter(store: recall.store, dataDirectory: recall.directory).run(
            organization: "contoso.onmicrosoft.com", address: "adele@contoso.onmicrosoft.com",
            time: CivilTime(year: 2026, month: 1, day: 5, hour: 22).timestamp, source: &source, description: "test"
        )
    }

    /// A new session of the admin and the path of its organization's actions.
    static func session(_ client: some TestClientProtocol, token: String) async throws -> (id: String, action: String) {
        let id = try await client.explore(token: token, body: #"{"explore": {"datetime": "2026-01-07 23:00"}}"#)
        return (id, "/v3/RestoreSessions/\(id)/Organization/Action")
    }

    /// Starts an export of `path` on a raw connection that never reads its answer; the connection stays open while held.
    static func stalledExport(port: Int, path: String, token: String) async throws -> ConnectionLimitsTests.RawConnection {
        try await ConnectionLimitsTests.onThread { () throws -> ConnectionLimitsTests.RawConnection in
            let connection = try ConnectionLimitsTests.RawConnection(port: port, receiveBuffer: 4096)
            let body = #"{"exporttoMbox": null}"#
            _ = connection.send(
                "POST \(path) HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/json\r\n"
                    + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
            )
            Thread.sleep(forTimeInterval: 0.5)  // the server has started streaming and filled the buffers
            return connection
        }
    }

    /// Polls an export of `path` until it answers 200 or `seconds` pass; the statuses seen, in order.
    static func exportStatuses(_ client: some TestClientProtocol, path: String, token: String, seconds: Double) async throws -> [Int] {
        var statuses: [Int] = []
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            let response = try await client.post(path, token: token, json: #"{"exporttoMbox": null}"#)
            statuses.append(Int(response.status.code))
            if response.status == .ok { break }
            try await Task.sleep(for: .milliseconds(250))
        } while Date() < deadline
        return statuses
    }

    @Test func exportsBeyondTheUsersCap_are429WithRetryAfter_inTheVersionsShape() async throws {
        let recall = try await TestRecall { $0.maxExportsPerUser = 1 }
        defer { recall.remove() }
        try Self.importLargeMailbox(recall)
        try await recall.withClient(.live) { client in
            let port = try #require(client.port)
            let token = try await client.token()
            let first = try await Self.session(client, token: token)
            let stalled = try await Self.stalledExport(port: port, path: first.action, token: token)
            let second = try await Self.session(client, token: token)
            let refused = try await client.post(second.action, token: token, json: #"{"exporttoMbox": null}"#)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] == "5")
            #expect(refused.text == #"{"message":"You already have as many exports and saves streaming as one user may (1). Wait for one to finish and try again."}"#)
            let v8 = try await client.post("/v8/RestoreSessions/\(second.id)/organization/exportToMbox", token: token, json: "{}")
            #expect(v8.status == .tooManyRequests)
            #expect(v8.text == #"{"message":"You already have as many exports and saves streaming as one user may (1). Wait for one to finish and try again.","errorCode":"HttpError","stackTrace":null}"#)
            // Another user is not held back by the admin's exports.
            let other = try await client.token("other", "secret2")
            let theirs = try await Self.session(client, token: other)
            #expect(try await client.post(theirs.action, token: other, json: #"{"exporttoMbox": null}"#).status == .ok)
            withExtendedLifetime(stalled) {}
        }
    }

    @Test func anExportNobodyReads_isCutByTheWriteDeadline_andFreesItsSlot() async throws {
        let recall = try await TestRecall {
            $0.maxExportsPerUser = 1
            // Long enough that the first poll below comes before it on a loaded machine (at 1 s it once did not).
            $0.writeTimeout = 3
        }
        defer { recall.remove() }
        try Self.importLargeMailbox(recall)
        try await recall.withClient(.live) { client in
            let port = try #require(client.port)
            let token = try await client.token()
            let first = try await Self.session(client, token: token)
            let second = try await Self.session(client, token: token)
            let stalled = try await Self.stalledExport(port: port, path: first.action, token: token)
            let statuses = try await Self.exportStatuses(client, path: second.action, token: token, seconds: 10)
            #expect(statuses.first == 429, "\(statuses)")
            #expect(statuses.last == 200, "the stalled export still held its slot after 10 s: \(statuses)")
            withExtendedLifetime(stalled) {}
        }
    }

    @Test func stoppingTheSession_endsAnExportNobodyReads_atOnce() async throws {
        let recall = try await TestRecall { $0.maxExportsPerUser = 1 }  // the write deadline stays at 30 s
        defer { recall.remove() }
        try Self.importLargeMailbox(recall)
        try await recall.withClient(.live) { client in
            let port = try #require(client.port)
            let token = try await client.token()
            let first = try await Self.session(client, token: token)
            let stalled = try await Self.stalledExport(port: port, path: first.action, token: token)
            let stop = try await client.post("/v3/RestoreSessions/\(first.id)/Action", token: token, json: #"{"stop": null}"#)
            #expect(stop.status == .ok)
            let second = try await Self.session(client, token: token)
            let statuses = try await Self.exportStatuses(client, path: second.action, token: token, seconds: 3)
            #expect(statuses.last == 200, "the stopped session's export still held its slot: \(statuses)")
            withExtendedLifetime(stalled) {}
        }
    }
}
