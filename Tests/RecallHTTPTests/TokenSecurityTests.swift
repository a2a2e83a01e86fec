import Foundation
import HummingbirdTesting
import NIOCore
import RecallHTTP
import Testing

/// The token endpoint against guessing and stolen refresh tokens.
@Suite struct TokenSecurityTests {
    @Test func tenFailuresForOneUser_throttleItWith429AndRetryAfter_untilTheWindowPasses() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            for attempt in 1...10 {
                let wrong = try await client.form("/v8/token", "grant_type=password&username=admin&password=guess\(attempt)")
                #expect(wrong.status == .badRequest)
                recall.clock.advance(seconds: 1)
            }
            // Even the right password waits now; so does an unknown spelling of the same name in another case.
            let blocked = try await client.form("/v3/Token", "grant_type=password&username=ADMIN&password=secret")
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers[.retryAfter] == "290")
            #expect(blocked.message == "Too many failed sign-in attempts. Try again in 290 seconds.")
            let v8 = try await client.form("/v8/token", "grant_type=password&username=admin&password=secret")
            #expect(v8.status == .tooManyRequests)
            #expect(try v8.jsonObject()["errorCode"] as? String == "HttpError")
            // Another user is not locked out by admin's failures.
            #expect(try await client.form("/v3/Token", "grant_type=password&username=other&password=secret2").status == .ok)
            recall.clock.advance(seconds: 291)
            #expect(try await client.form("/v3/Token", "grant_type=password&username=admin&password=secret").status == .ok)
        }
    }

    @Test func manyFailuresFromOneAddress_throttleEveryName() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            for attempt in 1...30 {
                #expect(try await client.form("/v3/Token", "grant_type=password&username=user\(attempt)&password=x").status == .badRequest)
            }
            let blocked = try await client.form("/v3/Token", "grant_type=password&username=other&password=secret2")
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers[.retryAfter] == "300")
            // Refresh grants have a budget of their own: a client behind the same proxy still refreshes.
            let refresh = try await client.form("/v3/Token", "grant_type=refresh_token&refresh_token=whatever")
            #expect(refresh.status == .badRequest)
        }
    }

    @Test func aReusedRefreshToken_revokesItsWholeFamily_butNotOtherLogins() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let first = try await client.login()
            let stolen = try #require(first["refresh_token"] as? String)
            let other = try await client.token()  // a second, unrelated login of the same user
            // The rightful client refreshes…
            let refreshed = try await client.form("/v3/Token", "grant_type=refresh_token&refresh_token=\(stolen)").jsonObject()
            let access = try #require(refreshed["access_token"] as? String)
            let nextRefresh = try #require(refreshed["refresh_token"] as? String)
            #expect(try await client.get("/v3/RestoreSessions", token: access).status == .ok)
            // …then the copy is replayed: refused, and every token descended from that login dies at once.
            let replay = try await client.form("/v3/Token", "grant_type=refresh_token&refresh_token=\(stolen)")
            #expect(replay.status == .badRequest)
            #expect(try replay.jsonObject()["error"] as? String == "invalid_grant")
            #expect(try await client.get("/v3/RestoreSessions", token: access).status == .unauthorized)
            #expect(try await client.get("/v3/RestoreSessions", token: first["access_token"] as? String).status == .unauthorized)
            #expect(try await client.form("/v3/Token", "grant_type=refresh_token&refresh_token=\(nextRefresh)").status == .badRequest)
            #expect(try await client.get("/v3/RestoreSessions", token: other).status == .ok)
        }
    }

    /// SQLite ends a bound text at NUL: `admin%00anything` logged in as admin, each suffix with its own failure budget.
    @Test(arguments: ["/v3/Token", "/v8/token"])
    func aUserNameWithAControlCharacter_isRefusedAsInvalidRequest_andNeverLogsIn(path: String) async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            // Also names no user can have by length: 129 characters, and one character carrying 600 combining marks
            // (1 201 bytes), which were kept whole by the throttle.
            let long = [String(repeating: "a", count: 129), "a" + String(repeating: "%CC%81", count: 600)]
            for name in ["admin%00", "admin%00anything", "admin%01", "admin%0A", "%00admin"] + long {
                let response = try await client.form(path, "grant_type=password&username=\(name)&password=secret")
                #expect(response.status == .badRequest, "\(name.prefix(20))")
                #expect(
                    response.text
                        == #"{"error":"invalid_request","error_description":"The user name must be 1 to 128 characters (at most 512 bytes), without control characters or surrounding spaces."}"#,
                    "\(name.prefix(20))"
                )
            }
            let json = try await client.post(path, token: nil, json: #"{"grant_type":"password","username":"admin\u0000x","password":"secret"}"#)
            #expect(json.status == .badRequest)
            #expect(try json.jsonObject()["error"] as? String == "invalid_request")
            // Refused names are not guesses: the real user is not throttled by them.
            #expect(try await client.form(path, "grant_type=password&username=admin&password=secret").status == .ok)
        }
    }

    /// Thirty bad refresh grants from one address (a reverse proxy) stopped every client behind it from logging in.
    @Test func badRefreshGrants_countApartFromPasswords_withABudgetOf300PerAddress() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let refresh = try #require(try await client.login()["refresh_token"] as? String)
            for attempt in 1...299 {
                #expect(try await client.form("/v3/Token", "grant_type=refresh_token&refresh_token=made-up\(attempt)").status == .badRequest)
            }
            #expect(try await client.form("/v3/Token", "grant_type=password&username=admin&password=secret").status == .ok)
            #expect(try await client.form("/v8/token", "grant_type=refresh_token&refresh_token=\(refresh)").status == .ok)
            #expect(try await client.form("/v3/Token", "grant_type=refresh_token&refresh_token=made-up").status == .badRequest)
            let blocked = try await client.form("/v3/Token", "grant_type=refresh_token&refresh_token=made-up")
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers[.retryAfter] == "300")
            #expect(try await client.form("/v3/Token", "grant_type=password&username=admin&password=secret").status == .ok)
        }
    }

    /// Ten wrong guesses from anywhere locked the real user out even with the right password. A user's lock now holds
    /// back only addresses the user has not logged in from in the last 14 days; their own address keeps its
    /// per-address budget.
    @Test func aUsersLock_holdsBackOtherAddresses_butNotOnesTheUserLoggedInFrom() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        let auth = recall.env.auth
        let home = "192.0.2.1"
        #expect(try await auth.passwordGrant(userName: "admin", password: "secret", clientAddress: home) != nil)
        for attempt in 1...10 {
            #expect(try await auth.passwordGrant(userName: "admin", password: "guess\(attempt)", clientAddress: "198.51.100.\(attempt)") == nil)
            recall.clock.advance(seconds: 1)
        }
        await #expect(throws: AuthService.Throttled.self) {
            try await auth.passwordGrant(userName: "admin", password: "secret", clientAddress: "198.51.100.99")
        }
        #expect(try await auth.passwordGrant(userName: "Admin", password: "secret", clientAddress: home) != nil)
        // From home, guesses still count against home's own budget of 30.
        for attempt in 1...30 {
            #expect(try await auth.passwordGrant(userName: "admin", password: "guess\(attempt)", clientAddress: home) == nil)
        }
        await #expect(throws: AuthService.Throttled.self) {
            try await auth.passwordGrant(userName: "admin", password: "secret", clientAddress: home)
        }
        // Standing lasts 14 days from the last login.
        recall.clock.advance(seconds: 14 * 86_400)
        for attempt in 1...10 {
            #expect(try await auth.passwordGrant(userName: "admin", password: "guess\(attempt)", clientAddress: "198.51.100.\(attempt)") == nil)
        }
        await #expect(throws: AuthService.Throttled.self) {
            try await auth.passwordGrant(userName: "admin", password: "secret", clientAddress: home)
        }
    }

    /// Logout ended the login's family in the store, but its other access tokens (from earlier refresh grants) stayed
    /// in the five-second cache and kept working; the clock does not move here.
    @Test(arguments: ["/v8/token/logout", "/v7/token/logout"])
    func logout_stopsEveryAccessTokenOfTheLogin_atOnce(path: String) async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let first = try await client.login()
            let firstAccess = try #require(first["access_token"] as? String)
            let refreshed = try await client.form("/v8/token", "grant_type=refresh_token&refresh_token=\(try #require(first["refresh_token"] as? String))")
            let secondAccess = try #require(try refreshed.jsonObject()["access_token"] as? String)
            let other = try await client.token()  // another login of the same user
            for token in [firstAccess, secondAccess, other] {
                #expect(try await client.get("/v8/RestoreSessions", token: token).status == .ok)
            }
            let logout = try await client.execute(uri: path, method: .post, headers: [.authorization: "Bearer \(secondAccess)"])
            #expect(logout.status.code < 300)
            #expect(try await client.get("/v8/RestoreSessions", token: firstAccess).status == .unauthorized)
            #expect(try await client.get("/v3/RestoreSessions", token: secondAccess).status == .unauthorized)
            #expect(try await client.get("/v8/RestoreSessions", token: other).status == .ok)
        }
    }
}
