import Foundation
import HummingbirdTesting
import RecallBackup
@testable import RecallCore
import Testing

/// Deep pages start from remembered positions (the page index); they must hold exactly what plain offsets would.
@Suite struct DeepPagingTests {
    @Test func everyPage_matchesTheFullListing() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        let url = recall.directory.appendingPathComponent("many.mbox")
        let count = 1_300
        try Data((0..<count).map { "From MAILER-DAEMON Mon Jan  5 10:00:00 2026\nSubject: m\($0)\nMessage-ID: <\($0)@deep>\n\nbody \($0)\n\n" }.joined().utf8).write(to: url)
        var source = try MboxSource(url: url, folder: ["Inbox"])
        _ = try MailboxImporter(store: recall.store, dataDirectory: recall.directory).run(
            organization: "contoso.onmicrosoft.com", address: "adele@contoso.onmicrosoft.com",
            time: CivilTime(year: 2026, month: 1, day: 5, hour: 22).timestamp, source: &source, description: "test"
        )
        try await recall.withClient { client in
            let token = try await client.token()
            let session = try await client.explore(token: token, body: #"{"explore": {"datetime": "2026-01-06 00:00"}}"#)
            let base = "/v3/RestoreSessions/\(session)/Organization/Mailboxes"
            let mailbox = try #require((try await client.get(base, token: token).jsonObject()["results"] as? [[String: Any]])?.first?["id"] as? String)
            func subjects(_ offset: Int, _ limit: Int) async throws -> [String] {
                let page = try await client.get("\(base)/\(mailbox)/Items?offset=\(offset)&limit=\(limit)", token: token).jsonObject()
                return (page["results"] as? [[String: Any]] ?? []).compactMap { $0["subject"] as? String }
            }
            let all = try await subjects(0, 10_000)
            #expect(all == (0..<count).map { "m\($0)" })
            for offset in [1_290, 63, 64, 65, 127, 128, 255, 256, 257, 511, 512, 600, 1_023, 1_024, 1_279, 1_280, 1_299, 1_300, 5_000, 0] {
                #expect(try await subjects(offset, 30) == Array(all.dropFirst(offset).prefix(30)), "offset \(offset)")
            }
        }
    }
}
