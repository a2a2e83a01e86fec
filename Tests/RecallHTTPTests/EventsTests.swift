import Foundation
import HummingbirdTesting
import Testing
@testable import RecallCore

@Suite struct EventsTests {
    @Test func firstEvent_hasDocumentedShape() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let token = try await client.token()
            let id = try await client.explore(token: token)
            let base = "http://localhost/v3/restoresessions/\(id)"
            let eventID = "00000000-0000-4000-8000-000000000002"
            let event = """
                {"id":"\(eventID)","type":"None","status":"Success","startTime":"2019-05-29T10:00:00.1234567Z",\
                "endTime":"2019-05-29T10:00:00.1234567Z","duration":"00:00:00","title":"Restore session started",\
                "message":"Restore session started","order":0,\
                "_links":{"self":{"href":"\(base)/events/\(eventID)"},"restoreSession":{"href":"\(base)"}}}
                """
            let page = try await client.get("/v3/RestoreSessions/\(id)/Events", token: token)
            #expect(page.status == .ok)
            #expect(page.text == #"{"offset":0,"limit":30,"results":["# + event + "]}")
            let single = try await client.get("/v3/RestoreSessions/\(id)/Events/\(eventID)", token: token)
            #expect(single.text == event)
            let missing = try await client.get("/v3/RestoreSessions/\(id)/Events/\(UUID().uuidString)", token: token)
            #expect(missing.status == .notFound)
        }
    }

    @Test func paging_hasFirstPrevSelfNextLinks() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let token = try await client.token()
            let id = try await client.explore(token: token)
            // Give the session five events: started, then four item events recorded through the store.
            for index in 0..<4 {
                _ = try await recall.store.update(id: .init(string: id)!) { _ in
                    [.init(id: .init(UUID()), type: .restore, status: .success, startTime: TestRecall.start,
                           endTime: TestRecall.start.adding(ticks: 5_463_493_680), title: "Item is successfully restored.",
                           message: "Item m\(index) was restored successfully",
                           item: EventItem(name: "m\(index)", type: "Mail", sizeBytes: 100, source: "s", target: "t"))]
                }
            }
            let page = try await client.get("/v3/RestoreSessions/\(id)/Events?offset=2&limit=2", token: token).jsonObject()
            let results = try #require(page["results"] as? [[String: Any]])
            #expect(results.map { $0["order"] as? Int } == [2, 3])
            #expect(results[0]["itemName"] as? String == "m1")
            #expect(results[0]["itemSizeBytes"] as? Int == 100)
            #expect(results[0]["duration"] as? String == "00:09:06.3493680")
            let links = try #require(page["_links"] as? [String: [String: String]])
            let base = "http://localhost/v3/RestoreSessions/\(id)/Events"
            #expect(links["first"]?["href"] == "\(base)?offset=0&limit=2")
            #expect(links["prev"]?["href"] == "\(base)?offset=0&limit=2")
            #expect(links["self"]?["href"] == "\(base)?offset=2&limit=2")
            #expect(links["next"]?["href"] == "\(base)?offset=4&limit=2")
            let last = try await client.get("/v3/RestoreSessions/\(id)/Events?offset=4&limit=2", token: token).jsonObject()
            #expect((last["_links"] as? [String: Any])?["next"] == nil)
            #expect((last["results"] as? [Any])?.count == 1)
        }
    }

    @Test(arguments: ["offset=-1", "limit=0", "limit=abc", "limit=10001", "offset=1.5"])
    func paging_badParameters_are400(query: String) async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let token = try await client.token()
            let id = try await client.explore(token: token)
            let response = try await client.get("/v3/RestoreSessions/\(id)/Events?\(query)", token: token)
            #expect(response.status == .badRequest)
            #expect(response.message?.contains("is not valid for") == true)
        }
    }
}
