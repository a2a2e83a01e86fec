import Foundation
import HummingbirdTesting
import RecallBackup
@testable import RecallCore
import Testing

/// Browsing a session's mail at three points in time, with and without showDeleted/showAllVersions.
@Suite struct ExploreTests {
    static func message(_ id: String, _ subject: String, body: String = "Hi") -> String {
        "From: bob@example.com\nTo: adele@contoso.onmicrosoft.com\nSubject: \(subject)\nMessage-ID: <\(id)>\nDate: Mon, 5 Jan 2026 10:00:00 +0000\n\n\(body)\n"
    }

    /// Day 5: A, B, C. Day 6: A, B edited, D (C deleted). Day 7: A, B edited, D, E in Inbox/Projects.
    static func importHistory(_ recall: TestRecall) throws {
        let importer = MailboxImporter(store: recall.store, dataDirectory: recall.directory)
        let runs: [(Int, [String], [String])] = [
            (5, [message("a@x", "A"), message("b@x", "B"), message("c@x", "C")], ["Inbox"]),
            (6, [message("a@x", "A"), message("b@x", "B", body: "edited"), message("d@x", "D")], ["Inbox"]),
            (7, [message("e@x", "E")], ["Inbox", "Projects"]),
        ]
        for (day, messages, folder) in runs {
            let url = recall.directory.appendingPathComponent("day\(day).mbox")
            try Data(messages.map { "From MAILER-DAEMON Mon Jan  5 10:00:00 2026\n\($0)\n" }.joined().utf8).write(to: url)
            var source = try MboxSource(url: url, folder: folder)
            _ = try importer.run(
                organization: "contoso.onmicrosoft.com", address: "adele@contoso.onmicrosoft.com",
                time: CivilTime(year: 2026, month: 1, day: day, hour: 22).timestamp, source: &source, description: "test"
            )
        }
    }

    func subjects(_ client: some TestClientProtocol, token: String, at datetime: String, options: String = "") async throws -> [String] {
        let id = try await client.explore(token: token, body: #"{"explore": {"datetime": "\#(datetime)"\#(options)}}"#)
        let mailboxes = try await client.get("/v3/RestoreSessions/\(id)/Organization/Mailboxes", token: token).jsonObject()
        guard let mailbox = (mailboxes["results"] as? [[String: Any]])?.first?["id"] as? String else { return [] }
        let items = try await client.get("/v3/RestoreSessions/\(id)/Organization/Mailboxes/\(mailbox)/Items?limit=100", token: token).jsonObject()
        return ((items["results"] as? [[String: Any]]) ?? []).compactMap { $0["subject"] as? String }.sorted()
    }

    @Test func pointInTime_showDeleted_showAllVersions() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try Self.importHistory(recall)
        try await recall.withClient { client in
            let token = try await client.token()
            #expect(try await subjects(client, token: token, at: "2026-01-04 12:00") == [])
            #expect(try await subjects(client, token: token, at: "2026-01-05 23:00") == ["A", "B", "C"])
            #expect(try await subjects(client, token: token, at: "2026-01-06 23:00") == ["A", "B", "D"])
            #expect(try await subjects(client, token: token, at: "2026-01-06 23:00", options: #", "showDeleted": true"#) == ["A", "B", "C", "D"])
            #expect(try await subjects(client, token: token, at: "2026-01-06 23:00", options: #", "showAllVersions": "true""#) == ["A", "B", "B", "D"])
            #expect(try await subjects(client, token: token, at: "2030-01-01 00:00") == ["A", "B", "D", "E"])
        }
    }

    @Test func foldersItemsAndLinks() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try Self.importHistory(recall)
        try await recall.withClient { client in
            let token = try await client.token()
            let id = try await client.explore(token: token, body: #"{"explore": {"datetime": "2026-01-07 23:00"}}"#)
            let base = "/v3/RestoreSessions/\(id)/Organization/Mailboxes"
            let mailbox = try #require((try await client.get(base, token: token).jsonObject()["results"] as? [[String: Any]])?.first)
            #expect(mailbox["email"] as? String == "adele@contoso.onmicrosoft.com")
            #expect(mailbox["name"] as? String == "Adele")
            let mid = try #require(mailbox["id"] as? String)
            #expect(try await client.get("\(base)/\(mid)", token: token).status == .ok)
            let roots = try await client.get("\(base)/\(mid)/folders?parentId=null", token: token).jsonObject()["results"] as? [[String: Any]]
            #expect(roots?.map { $0["name"] as? String } == ["Inbox"])
            let inbox = try #require(roots?.first?["id"] as? String)
            let children = try await client.get("\(base)/\(mid)/Folders?parentId=\(inbox)", token: token).jsonObject()["results"] as? [[String: Any]]
            #expect(children?.map { $0["name"] as? String } == ["Projects"])
            let projects = try #require(children?.first?["id"] as? String)
            let folder = try await client.get("\(base)/\(mid)/Folders/\(projects)", token: token).jsonObject()
            #expect((folder["_links"] as? [String: [String: String]])?["parent"]?["href"]?.hasSuffix("/folders/\(inbox)") == true)
            let all = try await client.get("\(base)/\(mid)/Folders", token: token).jsonObject()["results"] as? [[String: Any]]
            #expect(all?.count == 2)
            let items = try await client.get("\(base)/\(mid)/Items?folderId=\(projects)", token: token).jsonObject()["results"] as? [[String: Any]]
            #expect(items?.map { $0["subject"] as? String } == ["E"])
            let item = try #require(items?.first)
            #expect(item["itemClass"] as? String == "IPM.Note")
            #expect(item["from"] as? String == "bob@example.com")
            #expect(item["to"] as? String == "adele@contoso.onmicrosoft.com")
            #expect(item["sent"] as? String == "2026-01-05T10:00:00.0000000Z")
            let single = try await client.get("\(base)/\(mid)/Items/\(item["id"] as! String)", token: token)
            #expect(try single.jsonObject()["subject"] as? String == "E")
            let paged = try await client.get("\(base)/\(mid)/Items?offset=1&limit=2", token: token).jsonObject()
            let links = paged["_links"] as? [String: [String: String]]
            #expect(links?["prev"]?["href"]?.hasSuffix("/Items?offset=0&limit=2") == true)
            #expect(links?["next"]?["href"]?.hasSuffix("/Items?offset=3&limit=2") == true)
            #expect((paged["results"] as? [Any])?.count == 2)
        }
    }

    @Test func badIDs_unknownMailbox_andStoppedSession() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try Self.importHistory(recall)
        try await recall.withClient { client in
            let token = try await client.token()
            let id = try await client.explore(token: token, body: #"{"explore": {"datetime": "2026-01-07 23:00"}}"#)
            let base = "/v3/RestoreSessions/\(id)/Organization/Mailboxes"
            #expect(try await client.get("\(base)/\(UUID().uuidString)", token: token).status == .notFound)
            #expect(try await client.get("\(base)/not-a-guid", token: token).status == .badRequest)
            let mid = try #require((try await client.get(base, token: token).jsonObject()["results"] as? [[String: Any]])?.first?["id"] as? String)
            #expect(try await client.get("\(base)/\(mid)/Folders/%%%", token: token).status == .badRequest)
            #expect(try await client.get("\(base)/\(mid)/Folders/AAAAAAAAAAAAAAAAAAAAAA==", token: token).status == .notFound)
            #expect(try await client.get("\(base)/\(mid)/Items/AAAAAAAAAAE=x", token: token).status == .badRequest)
            #expect(try await client.get("\(base)/\(mid)/Items?folderId=zzz", token: token).status == .badRequest)
            _ = try await client.post("/v3/RestoreSessions/\(id)/Action", token: token, json: #"{"stop": null}"#)
            let stopped = try await client.get(base, token: token)
            #expect(stopped.status == .badRequest)
            #expect(stopped.message == "The restore session is stopped.")
        }
    }
}
