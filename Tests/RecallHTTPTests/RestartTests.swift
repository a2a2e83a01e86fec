import Foundation
import HummingbirdTesting
import Testing
@testable import RecallCore

@Suite struct RestartTests {
    @Test func sessionsEventsUsersAndTokens_surviveARestart() async throws {
        let first = try await TestRecall()
        defer { first.remove() }
        let (token, refresh, id, before) = try await first.withClient { client in
            let login = try await client.login()
            let token = login["access_token"] as! String
            let id = try await client.explore(token: token)
            first.clock.advance(seconds: 3)
            _ = try await client.post("/v3/RestoreSessions/\(id)/Action", token: token, json: #"{"stop":null}"#)
            let before = try await client.get("/v3/RestoreSessions/\(id)/Events", token: token).text
            return (token, login["refresh_token"] as! String, id, before)
        }
        try first.close()

        let second = try await TestRecall(directory: first.directory, clock: first.clock)
        try await second.withClient { client in
            #expect(try await client.get("/v3/RestoreSessions/\(id)/Events", token: token).text == before)
            let session = try await client.get("/v3/RestoreSessions/\(id)", token: token).jsonObject()
            #expect(session["state"] as? String == "Stopped")
            #expect(session["endTime"] as? String == "2019-05-29T10:00:03.1234567Z")
            #expect(try await client.form("/v3/Token", "grant_type=refresh_token&refresh_token=\(refresh)").status == .ok)
            #expect(try await client.form("/v3/Token", "grant_type=password&username=other&password=secret2").status == .ok)
        }
        try second.close()
    }
}
