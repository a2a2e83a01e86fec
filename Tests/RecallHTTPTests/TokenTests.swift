import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RecallHTTP
import Testing

@Suite struct TokenTests {
    @Test func passwordGrant_answersOWINShape() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let response = try await client.form("/v3/Token", "grant_type=password&username=admin&password=secret")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(response.headers[.contentLength] == String(response.body.readableBytes))
            let json = try response.jsonObject()
            #expect(json["token_type"] as? String == "bearer")
            #expect(json["expires_in"] as? Int == 3599)
            #expect(json["userName"] as? String == "admin")
            #expect(json[".issued"] as? String == "Wed, 29 May 2019 10:00:00 GMT")
            #expect(json[".expires"] as? String == "Wed, 29 May 2019 11:00:00 GMT")
            let access = try #require(json["access_token"] as? String)
            #expect(access.count == 43)
            #expect(json["refresh_token"] as? String != access)
            #expect(response.text.hasPrefix(#"{"access_token":""#))
        }
    }

    @Test func passwordGrant_acceptsJSONBody() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let response = try await client.post("/v3/token", token: nil, json: #"{"grant_type":"password","UserName":"admin","Password":"secret"}"#)
            #expect(response.status == .ok)
            #expect(try response.jsonObject()["userName"] as? String == "admin")
        }
    }

    @Test(arguments: [
        ("grant_type=password&username=admin&password=wrong", "invalid_grant"),
        ("grant_type=password&username=nobody&password=secret", "invalid_grant"),
        ("grant_type=password&username=admin", "invalid_request"),
        ("grant_type=client_credentials", "unsupported_grant_type"),
        ("username=admin&password=secret", "unsupported_grant_type"),
        ("grant_type=refresh_token&refresh_token=made-up", "invalid_grant"),
    ])
    func badGrant_is400WithOAuthError(body: String, error: String) async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let response = try await client.form("/v3/Token", body)
            #expect(response.status == .badRequest)
            let json = try response.jsonObject()
            #expect(json["error"] as? String == error)
            #expect((json["error_description"] as? String)?.isEmpty == false)
        }
    }

    @Test func refreshToken_worksOnce() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let refresh = try await client.login()["refresh_token"] as! String
            let first = try await client.form("/v3/Token", "grant_type=refresh_token&refresh_token=\(refresh)")
            #expect(first.status == .ok)
            let newAccess = try #require(try first.jsonObject()["access_token"] as? String)
            #expect(try await client.get("/v3/RestoreSessions", token: newAccess).status == .ok)
            let second = try await client.form("/v3/Token", "grant_type=refresh_token&refresh_token=\(refresh)")
            #expect(second.status == .badRequest)
            #expect(try second.jsonObject()["error"] as? String == "invalid_grant")
        }
    }

    @Test func accessToken_expiresAfterLifetime() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let token = try await client.token()
            #expect(try await client.get("/v3/RestoreSessions", token: token).status == .ok)
            recall.clock.advance(seconds: 3600)
            let expired = try await client.get("/v3/RestoreSessions", token: token)
            #expect(expired.status == .unauthorized)
            #expect(expired.headers[.wwwAuthenticate] == "Bearer")
            #expect(expired.message == "Authorization has been denied for this request.")
        }
    }

    @Test func removedUser_isRejectedOnceTheTokenCacheRechecks() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let token = try await client.token()
            #expect(try await client.get("/v3/RestoreSessions", token: token).status == .ok)
            // `recall users remove` runs in another process: the server learns of it within five seconds.
            #expect(try await recall.store.removeUser(named: "admin"))
            recall.clock.advance(seconds: 5)
            #expect(try await client.get("/v3/RestoreSessions", token: token).status == .unauthorized)
        }
    }

    @Test(arguments: [nil, "Bearer nope", "Basic YWRtaW46c2VjcmV0", "Bearer"])
    func missingOrBadBearer_is401(header: String?) async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            var headers: HTTPFields = [:]
            if let header { headers[.authorization] = header }
            let response = try await client.execute(uri: "/v3/Organizations", method: .get, headers: headers)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == "Bearer")
            #expect(response.text == #"{"message":"Authorization has been denied for this request."}"#)
        }
    }
}

extension TokenTests {
    /// The scheme in any case, the token with white space around it (.NET's `Trim()`, Unicode spaces too), as OWIN
    /// accepts it; anything else around the token makes it another token.
    @Test func bearerToken_isTrimmedOfWhiteSpace_only() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let token = try await client.token()
            for (header, status) in [
                ("bearer \(token)", HTTPResponse.Status.ok), ("Bearer \t\(token) \t", .ok), ("BEARER   \(token)", .ok),
                ("Bearer \u{00A0}\(token)\u{2003}", .ok),
                ("Bearer \(token)x", .unauthorized), ("Bearer x\(token)", .unauthorized), ("Bearer \t ", .unauthorized),
                ("  Bearer \(token)", .ok), ("Bearer\t\(token)", .unauthorized), ("Bearerx \(token)", .unauthorized),
                ("Bearer", .unauthorized), ("Bearer ", .unauthorized), ("Basic \(token)", .unauthorized),
            ] {
                let response = try await client.execute(uri: "/v3/Organizations", method: .get, headers: [.authorization: header])
                #expect(response.status == status, "\(header.debugDescription)")
            }
            // Two Authorization fields read as one joined value ("Bearer t, Bearer t"), which is no token.
            var twice = HTTPFields()
            twice.append(HTTPField(name: .authorization, value: "Bearer \(token)"))
            twice.append(HTTPField(name: .authorization, value: "Bearer \(token)"))
            #expect(try await client.execute(uri: "/v3/Organizations", method: .get, headers: twice).status == .unauthorized)
        }
    }

    /// Stores keep tokens under this hash: if it changed, every token in an existing store would stop working.
    @Test func storageHash_isSHA256OfTheUTF8_forAStringAndASubstringAlike() {
        let expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        let header = "Bearer abc"
        for hash in [OpaqueToken.storageHash(of: "abc"), OpaqueToken.storageHash(of: header.dropFirst(7))] {
            #expect(hash.map { String(format: "%02x", $0) }.joined() == expected)
        }
    }
}
