import Foundation
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct RestoreSessionsTests {
    static let sessionID = "00000000-0000-4000-8000-000000000001"
    static let base = "http://localhost/v3/restoresessions/00000000-0000-4000-8000-000000000001"

    @Test func explore_returns201WithTheSession_andGetReturnsTheSameJSON() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let token = try await client.token()
            let expected = """
                {"id":"\(Self.sessionID)","type":"Vex","creationTime":"2019-05-29T10:00:00.1234567Z","state":"Working",\
                "result":"Success","_links":{"self":{"href":"\(Self.base)"},"organization":{"href":"\(Self.base)/organization"}}}
                """
            let created = try await client.post(
                "/v3/Organizations/7b2b1ae1-7bbb-4651-b479-bda7edc7838b/Action", token: token,
                json: #"{"explore": {"datetime": "2019.05.29 10:00:00", "type": "vex", "showDeleted": true, "showAllVersions": true}}"#
            )
            #expect(created.status == .created)
            #expect(created.text == expected)
            let read = try await client.get("/v3/RestoreSessions/\(Self.sessionID)", token: token)
            #expect(read.status == .ok)
            #expect(read.headers[.contentType] == "application/json; charset=utf-8")
            #expect(read.headers[.contentLength] == String(expected.utf8.count))
            #expect(read.text == expected)
        }
    }

    @Test func explore_remembersPointInTimeAndOptions() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let token = try await client.token()
            let id = try await client.explore(
                token: token, body: #"{"Explore": {"DateTime": "2019-04-12T10:54:40.2794046Z", "Type": "VEOD", "ShowDeleted": "true"}}"#
            )
            let session = try #require(try await recall.store.session(id: .init(string: id)!))
            #expect(session.options.pointInTime.description == "2019-04-12T10:54:40.2794046Z")
            #expect(session.options.type == .veod)
            #expect(session.options.showDeleted == true)
            #expect(session.options.showAllVersions == false)
            let organization = try await client.get("/v3/RestoreSessions/\(id)/Organization", token: token)
            #expect(organization.text == """
                {"id":"7b2b1ae1-7bbb-4651-b479-bda7edc7838b","name":"contoso.onmicrosoft.com (4/12/2019 10:54:40 AM)",\
                "_links":{"self":{"href":"http://localhost/v3/restoresessions/\(id)/organization"},\
                "mailboxes":{"href":"http://localhost/v3/restoresessions/\(id)/organization/mailboxes"}}}
                """)
        }
    }

    @Test(arguments: [
        "2019.05.29 10:00", "2019.05.29 10:00:00", "2019-05-29 10:00:00.000", "2019-05-29T10:00:00Z",
        "2019-05-29T12:00:00+02:00", "5/29/2019 10:00:00 AM",
    ])
    func explore_acceptsDocumentedDateForms(datetime: String) async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let id = try await client.explore(token: try await client.token(), body: #"{"explore": {"datetime": "\#(datetime)"}}"#)
            let session = try #require(try await recall.store.session(id: .init(string: id)!))
            #expect(session.options.pointInTime.description == "2019-05-29T10:00:00.0000000Z")
            #expect(session.options.type == .vex)
        }
    }

    @Test(arguments: [
        (#"{"explore": {"datetime": "yesterday"}}"#, "datetime"),
        (#"{"explore": {"datetime": "2019.13.01 10:00"}}"#, "datetime"),
        (#"{"explore": {"type": "vxx"}}"#, "type"),
        (#"{"explore": {"showDeleted": "maybe"}}"#, "showDeleted"),
        (#"{"explore": {"datetime": 5}}"#, "datetime"),
        (#"{"explore": 7}"#, "explore"),
        (#"{"restore": {}}"#, "Unknown action"),
        (#"{"explore": {}, "stop": null}"#, "exactly one"),
        (#"{"explore": {"#, "not valid JSON"),
        (#"[1, 2]"#, "JSON object"),
        ("", "empty"),
    ])
    func explore_badBody_is400AndCreatesNothing(body: String, mentions: String) async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let token = try await client.token()
            let response = try await client.post("/v3/Organizations/7b2b1ae1-7bbb-4651-b479-bda7edc7838b/Action", token: token, json: body)
            #expect(response.status == .badRequest)
            #expect(response.message?.contains(mentions) == true, "\(response.text)")
            #expect(try await client.get("/v3/RestoreSessions", token: token).text == "[]")
        }
    }

    @Test func explore_invalidUTF8_andHugeBody_areRefused() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let token = try await client.token()
            let path = "/v3/Organizations/7b2b1ae1-7bbb-4651-b479-bda7edc7838b/Action"
            let invalid = try await client.post(path, token: token, bytes: Array(#"{"explore": {"datetime": ""#.utf8) + [0xFF, 0xFE] + Array(#""}}"#.utf8))
            #expect(invalid.status == .badRequest)
            #expect(invalid.message == "The request body is not valid UTF-8.")
            let huge = try await client.post(path, token: token, json: #"{"explore": {"datetime": ""# + String(repeating: "x", count: 1_100_000) + #""}}"#)
            #expect(huge.status == .contentTooLarge)
            #expect(huge.message == "The request body is larger than the 1 MiB limit.")
            #expect(try await client.get("/v3/RestoreSessions", token: token).text == "[]")
        }
    }

    @Test func explore_formBody_andUnknownOrganization() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let token = try await client.token()
            let form = try await client.post(
                "/v3/Organizations/7b2b1ae1-7bbb-4651-b479-bda7edc7838b/Action", token: token,
                json: "explore.datetime=2019.05.29+10%3A00&explore.type=vex", contentType: "application/x-www-form-urlencoded"
            )
            #expect(form.status == .created)
            let unknown = try await client.post("/v3/Organizations/11111111-2222-3333-4444-555555555555/Action", token: token, json: #"{"explore": null}"#)
            #expect(unknown.status == .notFound)
        }
    }

    @Test func list_isNewestFirst_andOnlyTheCallersOwn() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let admin = try await client.token()
            let other = try await client.token("other", "secret2")
            let first = try await client.explore(token: admin)
            recall.clock.advance(seconds: 5)
            let second = try await client.explore(token: admin)
            let theirs = try await client.explore(token: other)
            let list = try await client.get("/v3/RestoreSessions", token: admin).jsonArray()
            #expect(list.map { $0["id"] as? String } == [second, first])
            let foreign = try await client.get("/v3/RestoreSessions/\(theirs)", token: admin)
            #expect(foreign.status == .notFound)
            #expect(try await client.post("/v3/RestoreSessions/\(theirs)/Action", token: admin, json: #"{"stop": null}"#).status == .notFound)
            #expect(try await client.get("/v3/RestoreSessions/\(theirs)/Events", token: admin).status == .notFound)
            #expect(try await client.get("/v3/RestoreSessions/\(theirs)", token: other).status == .ok)
        }
    }

    /// Sessions made in the same clock tick are still listed newest first (in the order they were made), and the
    /// other way round with v8's `orderAsc=true`.
    @Test func list_ofSessionsMadeAtTheSameTime_keepsTheOrderTheyWereMadeIn() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let token = try await client.token()
            var ids: [String] = []
            for _ in 0..<3 { ids.append(try await client.explore(token: token)) }
            let list = try await client.get("/v3/RestoreSessions", token: token).jsonArray()
            #expect(list.map { $0["id"] as? String } == ids.reversed())
            let ascending = try await client.get("/v8/RestoreSessions?orderAsc=true", token: token).jsonObject()
            #expect((ascending["results"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ids)
            let descending = try await client.get("/v8/RestoreSessions", token: token).jsonObject()
            #expect((descending["results"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ids.reversed())
        }
    }

    @Test func stop_is200WithoutBody_idempotent_andRecordsEndTime() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let token = try await client.token()
            let id = try await client.explore(token: token)
            recall.clock.advance(seconds: 90)
            let stop = try await client.post("/v3/RestoreSessions/\(id)/Action", token: token, json: #"{"stop": null}"#)
            #expect(stop.status == .ok)
            #expect(stop.body.readableBytes == 0)
            #expect(stop.headers[.contentType] == "application/json; charset=utf-8")
            recall.clock.advance(seconds: 10)
            #expect(try await client.post("/v3/RestoreSessions/\(id)/action", token: token, json: #"{"Stop": null}"#).status == .ok)
            let read = try await client.get("/v3/RestoreSessions/\(id)", token: token)
            let base = "http://localhost/v3/restoresessions/\(id)"
            #expect(read.text == """
                {"id":"\(id)","type":"Vex","creationTime":"2019-05-29T10:00:00.1234567Z","endTime":"2019-05-29T10:01:30.1234567Z",\
                "state":"Stopped","result":"Success","_links":{"self":{"href":"\(base)"},"organization":{"href":"\(base)/organization"}}}
                """)
            let listed = try await client.get("/v3/RestoreSessions", token: token)
            #expect(listed.text == "[" + read.text + "]")
            let events = try await client.get("/v3/RestoreSessions/\(id)/Events", token: token).jsonObject()
            let results = try #require(events["results"] as? [[String: Any]])
            #expect(results.map { $0["title"] as? String } == ["Restore session started", "Restore session stopped"])
            #expect(results.map { $0["order"] as? Int } == [0, 1])
            let browse = try await client.get("/v3/RestoreSessions/\(id)/Organization", token: token)
            #expect(browse.status == .badRequest)
            #expect(browse.message == "The restore session is stopped.")
        }
    }

    @Test(arguments: [#"{"start": null}"#, #"{"stop": null, "x": 1}"#, "{}", "nonsense"])
    func stop_badAction_is400AndLeavesSessionWorking(body: String) async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let token = try await client.token()
            let id = try await client.explore(token: token)
            let response = try await client.post("/v3/RestoreSessions/\(id)/Action", token: token, json: body)
            #expect(response.status == .badRequest)
            #expect(try await client.get("/v3/RestoreSessions/\(id)", token: token).jsonObject()["state"] as? String == "Working")
        }
    }

    @Test func idleSession_stopsByItself_withAnEvent() async throws {
        let recall = try await TestRecall(idleTimeout: 600)
        defer { recall.remove() }
        try await recall.withClient { client in
            let token = try await client.token("admin", "secret")
            let idle = try await client.explore(token: token)
            let busy = try await client.explore(token: token)
            recall.clock.advance(seconds: 400)
            #expect(try await client.get("/v3/RestoreSessions/\(busy)/Organization", token: token).status == .ok)
            recall.clock.advance(seconds: 201)
            #expect(try await recall.env.sessions.stopIdleSessions() == 1)
            #expect(try await client.get("/v3/RestoreSessions/\(idle)", token: token).jsonObject()["state"] as? String == "Stopped")
            #expect(try await client.get("/v3/RestoreSessions/\(busy)", token: token).jsonObject()["state"] as? String == "Working")
            let events = try await client.get("/v3/RestoreSessions/\(idle)/Events", token: token).jsonObject()["results"] as? [[String: Any]]
            #expect(events?.last?["message"] as? String == "Restore session stopped automatically after 10 minutes of inactivity")
        }
    }
}
