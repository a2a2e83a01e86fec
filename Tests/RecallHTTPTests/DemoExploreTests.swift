import Foundation
import HummingbirdTesting
import RecallBackup
@testable import RecallCore
import RecallDemo
import Testing

/// The demo organization browsed at three of its restore points: what the API lists is what the generator says
/// each mailbox held then.
@Suite struct DemoExploreTests {
    @Test func demoMailbox_atThreePointsInTime() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        let demo = DemoOrganization(seed: 7, scale: 60)
        let importer = MailboxImporter(store: recall.store, dataDirectory: recall.directory)
        for (point, date) in demo.restorePoints.enumerated() {
            for mailbox in demo.mailboxes {
                var source = DemoSource(organization: demo, mailbox: mailbox.index, restorePoint: point)
                _ = try importer.run(organization: demo.name, address: mailbox.address, time: Timestamp(date: date), source: &source, description: "demo")
            }
        }
        try await recall.withClient { client in
            let token = try await client.token()
            let organization = try #require(try await client.get("/v3/Organizations", token: token).jsonArray().first { $0["name"] as? String == demo.name })
            let orgID = try #require(organization["id"] as? String)
            func count(point: Int, options: String = "") async throws -> Int {
                let time = Timestamp(date: demo.restorePoints[point]).adding(seconds: 3600)
                let created = try await client.post(
                    "/v3/Organizations/\(orgID)/Action", token: token, json: #"{"explore": {"datetime": "\#(time)"\#(options)}}"#
                )
                let session = try #require(try created.jsonObject()["id"] as? String)
                let base = "/v3/RestoreSessions/\(session)/Organization/Mailboxes"
                let mailboxes = try await client.get(base, token: token).jsonObject()["results"] as? [[String: Any]] ?? []
                guard let first = mailboxes.first(where: { $0["email"] as? String == demo.mailboxes[0].address })?["id"] as? String else { return -1 }
                let items = try await client.get("\(base)/\(first)/Items?limit=10000", token: token).jsonObject()["results"] as? [Any]
                return items?.count ?? -1
            }
            for point in [0, 1, 3] {
                let expected = demo.messageCount(mailbox: 0, restorePoint: point)
                #expect(try await count(point: point) == expected, "restore point \(point)")
            }
            let withDeleted = try await count(point: 3, options: #", "showDeleted": true"#)
            let withVersions = try await count(point: 3, options: #", "showAllVersions": true"#)
            #expect(withDeleted > demo.messageCount(mailbox: 0, restorePoint: 3))
            #expect(withVersions > demo.messageCount(mailbox: 0, restorePoint: 3))
        }
    }
}
