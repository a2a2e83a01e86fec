import Foundation
import HummingbirdTesting
import NIOCore
import Testing

/// The restore-session family under /v8 (and its v6/v7 variants) over the same store as v3.
@Suite struct V8SessionsTests {
    static let organization = "7b2b1ae1-7bbb-4651-b479-bda7edc7838b"
    static let sessionID = "00000000-0000-4000-8000-000000000001"
    static let host = ProcessInfo.processInfo.hostName

    static func sessionJSON(endTime: String? = nil, state: String = "Working", eTag: Int? = 1, version: String = "v8") -> String {
        let path = "/\(version)/RestoreSessions/\(sessionID)"
        return """
            {"id":"\(sessionID)","name":"contoso.onmicrosoft.com (5/29/2019 10:00:00 AM)","organization":"contoso.onmicrosoft.com",\
            "type":"Vex","creationTime":"2019-05-29T10:00:00.1234567Z",\(endTime.map { "\"endTime\":\"\($0)\"," } ?? "")\
            "state":"\(state)","result":"Success","initiatedBy":"admin","details":"","scopeName":"","clientHost":"\(host)","reason":"",\
            \(eTag.map { "\"eTag\":\($0)," } ?? "")\
            "_links":{"self":{"href":"\(path)"},"organization":{"href":"\(path)/organization"},"events":{"href":"\(path)/Events"}}}
            """
    }

    @Test func tokenExploreGetListStop_withV8ShapesAndStatusCodes() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let login = try await client.form("/v8/token", "grant_type=password&username=admin&password=secret&disable_antiforgery_token=true")
            #expect(login.status == .ok)
            let tokens = try login.jsonObject()
            #expect(tokens[".issued"] as? String == "2019-05-29T10:00:00.1234567Z")
            #expect(tokens[".expires"] as? String == "2019-05-29T11:00:00.1234567Z")
            #expect(tokens["userName"] as? String == "admin")
            #expect(tokens["expires_in"] as? Int == 3599)
            let token = try #require(tokens["access_token"] as? String)

            let created = try await client.post(
                "/v8/Organizations/\(Self.organization)/explore", token: token, json: #"{"dateTime": "2019-05-29T10:00:00", "type": "Vex"}"#
            )
            #expect(created.status == .created)
            #expect(created.text == Self.sessionJSON())
            let read = try await client.get("/v8/RestoreSessions/\(Self.sessionID)", token: token)
            #expect(read.status == .ok)
            #expect(read.text == Self.sessionJSON())

            let list = try await client.get("/v8/RestoreSessions?limit=5", token: token)
            #expect(list.text == #"{"offset":0,"limit":5,"results":["# + Self.sessionJSON() + "]}")

            let statistics = try await client.get("/v8/RestoreSessions/\(Self.sessionID)/Statistics", token: token)
            #expect(statistics.text == """
                {"totalItemsCount":0,"restoredItemsCount":0,"failedItemsCount":0,"skippedItemsCount":0,"items":[],"warnings":[],"errors":[]}
                """)

            recall.clock.advance(seconds: 60)
            let stop = try await client.execute(uri: "/v8/RestoreSessions/\(Self.sessionID)/Stop", method: .post, headers: [.authorization: "Bearer \(token)"])
            #expect(stop.status == .noContent)
            #expect(stop.body.readableBytes == 0)
            let stopped = try await client.get("/v8/RestoreSessions/\(Self.sessionID)", token: token)
            #expect(stopped.text == Self.sessionJSON(endTime: "2019-05-29T10:01:00.1234567Z", state: "Stopped", eTag: 2))
        }
    }

    @Test func aSessionIsTheSameThroughV3AndV8() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let token = try await client.token()
            let id = try await client.explore(token: token)
            let v8 = try await client.get("/v8/RestoreSessions/\(id)", token: token).jsonObject()
            #expect(v8["id"] as? String == id)
            #expect(v8["state"] as? String == "Working")
            let v3Events = try await client.get("/v3/RestoreSessions/\(id)/Events", token: token).jsonObject()["results"] as? [[String: Any]]
            let v8Events = try await client.get("/v8/RestoreSessions/\(id)/Events", token: token).jsonObject()["results"] as? [[String: Any]]
            #expect(v3Events?.map { $0["id"] as? String } == v8Events?.map { $0["id"] as? String })
            #expect(v8Events?.first?["message"] as? String == "Restore session started")
            let eventID = try #require(v8Events?.first?["id"] as? String)
            let event = try await client.get("/v8/RestoreSessions/\(id)/Events/\(eventID)", token: token).jsonObject()
            #expect((event["_links"] as? [String: Any]).flatMap { ($0["self"] as? [String: Any])?["href"] as? String }
                == "/v8/RestoreSessions/\(id)/Events/\(eventID)")

            // Stopped through v8, seen stopped through v3 with the stop event.
            _ = try await client.execute(uri: "/v8/RestoreSessions/\(id)/Stop", method: .post, headers: [.authorization: "Bearer \(token)"])
            #expect(try await client.get("/v3/RestoreSessions/\(id)", token: token).jsonObject()["state"] as? String == "Stopped")
            let events = try await client.get("/v3/RestoreSessions/\(id)/Events", token: token).jsonObject()["results"] as? [[String: Any]]
            #expect(events?.count == 2)
            // And a session explored through v8 is listed by v3.
            let created = try await client.post("/v8/Organizations/\(Self.organization)/explore", token: token, json: "{}")
            let newID = try created.jsonObject()["id"] as? String
            #expect(try await client.get("/v3/RestoreSessions", token: token).jsonArray().contains { $0["id"] as? String == newID })
        }
    }

    @Test func listFiltersOrderAndPages() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            var ids: [String] = []
            for _ in 0..<3 {
                ids.append(try await client.explore(token: try await client.token()))
                recall.clock.advance(seconds: 1800)
            }
            // Created 10:00, 10:30, 11:00 (plus ticks); the second one stops at 11:30.
            let token = try await client.token()
            _ = try await client.execute(uri: "/v8/RestoreSessions/\(ids[1])/Stop", method: .post, headers: [.authorization: "Bearer \(token)"])
            func listed(_ query: String) async throws -> [String] {
                let response = try await client.get("/v8/RestoreSessions?\(query)", token: token)
                #expect(response.status == .ok, "\(query): \(response.text)")
                return (try response.jsonObject()["results"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            }
            #expect(try await listed("") == ids.reversed())
            #expect(try await listed("orderAsc=true") == ids)
            #expect(try await listed("startTimeFrom=2019-05-29T10:15:00Z") == [ids[2], ids[1]])
            #expect(try await listed("startTimeTo=2019-05-29T10:15:00Z&orderBy=CreationTime") == [ids[0]])
            #expect(try await listed("endTimeFrom=2019-05-29T00:00:00Z") == [ids[1]])
            #expect(try await listed("orderBy=EndTime&orderAsc=true") == [ids[1], ids[0], ids[2]], "running sessions last")
            #expect(try await listed("startTimeFrom=2030-01-01T00:00:00Z").isEmpty)
            let page = try await client.get("/v8/RestoreSessions?limit=1&offset=1&orderAsc=true", token: token).jsonObject()
            #expect((page["results"] as? [[String: Any]])?.first?["id"] as? String == ids[1])
            let links = page["_links"] as? [String: [String: String]]
            #expect(links?["next"]?["href"] == "/v8/RestoreSessions?orderAsc=true&offset=2&limit=1")
            #expect(links?["prev"]?["href"] == "/v8/RestoreSessions?orderAsc=true&offset=0&limit=1")
            // Another user sees none of them.
            let others = try await client.get("/v8/RestoreSessions", token: try await client.token("other", "secret2")).jsonObject()
            #expect((others["results"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func badInput_getsV8ErrorsAndChangesNothing() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let token = try await client.token()
            let id = try await client.explore(token: token)
            let missing = try await client.get("/v8/RestoreSessions/00000000-0000-4000-8000-0000000000ff", token: token)
            #expect(missing.status == .notFound)
            #expect(missing.text == """
                {"message":"Restore session with ID '00000000-0000-4000-8000-0000000000ff' was not found.","errorCode":"ResourceNotFound","stackTrace":null}
                """)
            for query in ["limit=0", "limit=10001", "offset=-1", "orderBy=Name", "orderAsc=maybe", "startTimeFrom=yesterday"] {
                let response = try await client.get("/v8/RestoreSessions?\(query)", token: token)
                #expect(response.status == .badRequest, "\(query)")
                #expect(try response.jsonObject()["errorCode"] as? String == "ParameterValidationFailure", "\(query)")
            }
            let notGUID = try await client.get("/v8/RestoreSessions/not-a-guid", token: token)
            #expect(notGUID.status == .badRequest)
            let badBody = try await client.post("/v8/Organizations/\(Self.organization)/explore", token: token, json: #"{"dateTime": 5"#)
            #expect(badBody.status == .badRequest)
            #expect(try badBody.jsonObject()["errorCode"] as? String == "ParameterValidationFailure")
            let badType = try await client.post("/v8/Organizations/\(Self.organization)/explore", token: token, json: #"{"type": "Mail"}"#)
            #expect(badType.status == .badRequest)
            // Another user's session is not found, and cannot be stopped.
            let other = try await client.token("other", "secret2")
            #expect(try await client.get("/v8/RestoreSessions/\(id)", token: other).status == .notFound)
            let foreignStop = try await client.execute(uri: "/v8/RestoreSessions/\(id)/Stop", method: .post, headers: [.authorization: "Bearer \(other)"])
            #expect(foreignStop.status == .notFound)
            #expect(try await client.get("/v8/RestoreSessions/\(id)", token: token).jsonObject()["state"] as? String == "Working")
            #expect(try await client.get("/v8/RestoreSessions", token: token).jsonObject()["results"] as? [Any] != nil)
            // No token: 401 with an empty body; an unknown version or route: 404; another method: 405.
            let anonymous = try await client.get("/v8/RestoreSessions", token: nil)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.wwwAuthenticate] == "Bearer")
            #expect(anonymous.body.readableBytes == 0)
            #expect(try await client.get("/v9/RestoreSessions", token: token).status == .notFound)
            #expect(try await client.get("/v5/ServiceInstance", token: nil).status == .notFound)
            let wrongMethod = try await client.execute(uri: "/v8/RestoreSessions", method: .delete, headers: [.authorization: "Bearer \(token)"])
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(try wrongMethod.jsonObject()["errorCode"] as? String == "HttpError")
        }
    }

    @Test func logout_killsTheAccessTokenAndItsRefreshToken() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let tokens = try await client.form("/v8/token", "grant_type=password&username=admin&password=secret").jsonObject()
            let access = try #require(tokens["access_token"] as? String)
            let refresh = try #require(tokens["refresh_token"] as? String)
            #expect(try await client.get("/v8/RestoreSessions", token: access).status == .ok)
            let logout = try await client.execute(uri: "/v8/token/logout", method: .post, headers: [.authorization: "Bearer \(access)"])
            #expect(logout.status == .noContent)
            #expect(try await client.get("/v8/RestoreSessions", token: access).status == .unauthorized)
            #expect(try await client.get("/v3/RestoreSessions", token: access).status == .unauthorized)
            let reuse = try await client.form("/v8/token", "grant_type=refresh_token&refresh_token=\(refresh)")
            #expect(reuse.status == .badRequest)
            #expect(try reuse.jsonObject()["error"] as? String == "invalid_grant")
            // A second login still works, and its refresh grant answers JSON the same way.
            let again = try await client.post(
                "/v8/token", token: nil, json: #"{"grant_type": "password", "username": "admin", "password": "secret", "disable_antiforgery_token": true}"#
            )
            #expect(again.status == .ok)
            let refreshed = try await client.form("/v8/token", "grant_type=refresh_token&refresh_token=\(try again.jsonObject()["refresh_token"] as! String)")
            #expect(refreshed.status == .ok)
        }
    }

    @Test func serviceInstance_needsAToken_andKeepsItsIdAcrossRestarts() async throws {
        let first = try await TestRecall()
        defer { first.remove() }
        let id = try await first.withClient { client in
            let anonymous = try await client.get("/v8/ServiceInstance", token: nil)
            #expect(anonymous.status == .unauthorized)
            let answer = try await client.get("/v8/ServiceInstance", token: try await client.token()).jsonObject()
            #expect(answer["version"] as? String == "8.0.2.159")
            return try #require(answer["installationId"] as? String)
        }
        #expect(UUID(uuidString: id) != nil)
        try first.close()
        let second = try await TestRecall(directory: first.directory)
        try await second.withClient { client in
            let answer = try await client.get("/v8/ServiceInstance", token: try await client.token()).jsonObject()
            #expect(answer["installationId"] as? String == id)
        }
    }
}
