import Foundation
import HummingbirdTesting
import Testing

@testable import RecallCore
@testable import RecallHTTP

/// bcrypt reads 72 bytes: a longer password was cut silently, so any text sharing its first 72 bytes logged in.
@Suite struct LongPasswordTests {
    /// 100 bytes.
    static let long = String(repeating: "0123456789", count: 10)
    /// The same first 72 bytes, then something else.
    static let cut = String(long.prefix(72)) + "not-the-password"
    /// bcrypt (cost 4) of `long` as Recall stored it before the pre-hash, made with crypt(3): `$2b$` reads 72 bytes.
    static let hashFromBefore = "$2b$04$avTmWZ1mBXEiyHOmpwDLUeUOvuJwIHDs2dq7aKJnpWfhfEjVuSsDO"

    @Test func everyByteOfALongPassword_counts() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        let hash = try await BcryptPasswordHasher(cost: 4).hash(Self.long)
        try await recall.store.insert(User(id: Identifier(UUID()), name: "long", passwordHash: hash, createdAt: recall.clock.now()))
        try await recall.withClient { client in
            for path in ["/v3/Token", "/v8/token"] {
                let wrong = try await client.form(path, "grant_type=password&username=long&password=\(Self.cut)")
                #expect(wrong.status == .badRequest)
                #expect(try wrong.jsonObject()["error"] as? String == "invalid_grant")
                #expect(try await client.form(path, "grant_type=password&username=long&password=\(Self.long)").status == .ok)
            }
            // A NUL no longer ends the password either.
            let withNUL = try await BcryptPasswordHasher(cost: 4).hash("secret\u{0}tail")
            #expect(try await BcryptPasswordHasher(cost: 4).verify("secret", hash: withNUL) == false)
            #expect(try await BcryptPasswordHasher(cost: 4).verify("secret\u{0}tail", hash: withNUL))
        }
    }

    /// A user whose hash was made from a cut password still logs in with the whole password; that login replaces
    /// the hash (keeping the user's tokens), and from then on every byte counts, also after a restart.
    @Test func aHashFromBefore_stillLogsIn_andIsReplacedAtThatLogin() async throws {
        let first = try await TestRecall()
        defer { first.remove() }
        try await first.store.insert(User(id: Identifier(UUID()), name: "legacy", passwordHash: Self.hashFromBefore, createdAt: first.clock.now()))
        try await first.withClient { client in
            let login = try await client.form("/v3/Token", "grant_type=password&username=legacy&password=\(Self.long)")
            #expect(login.status == .ok)
            let token = try #require(try login.jsonObject()["access_token"] as? String)
            #expect(try await client.form("/v3/Token", "grant_type=password&username=legacy&password=\(Self.cut)").status == .badRequest)
            #expect(try await client.get("/v3/RestoreSessions", token: token).status == .ok)
        }
        try first.close()

        let second = try await TestRecall(directory: first.directory, clock: first.clock)
        let stored = try await second.store.user(named: "legacy")?.passwordHash
        #expect(stored?.hasPrefix("$recall-hmac-sha256$$2b$04$") == true)
        try await second.withClient { client in
            let whole = try await client.form("/v3/Token", "grant_type=password&username=legacy&password=\(Self.long)")
            #expect(whole.status == .ok)
            #expect(try await client.form("/v3/Token", "grant_type=password&username=legacy&password=\(Self.cut)").status == .badRequest)
        }
        try second.close()
    }
}
