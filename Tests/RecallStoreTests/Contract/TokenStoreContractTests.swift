import Foundation
import RecallCore
import RecallStore
import Testing

/// Issued tokens: what a login, a refresh, a logout and the expiry sweep see.
@Suite struct TokenStoreContractTests {
    static func hash(_ text: String) -> [UInt8] { Array(BlobPackWriter.hash(Array(text.utf8)).bytes) }

    static func token(_ name: String, _ kind: TokenKind, for user: User, family: String, expires: Timestamp) -> TokenRecord {
        TokenRecord(hash: hash(name), kind: kind, userID: user.id, issuedAt: Contract.time(day: 2), expiresAt: expires, family: hash(family))
    }

    @Test(arguments: StoreUnderTest.all) func aValidToken_findsItsUser_untilItExpires(_ kind: StoreUnderTest) async throws {
        try await kind.with { store, _ in
            let user = Contract.user("admin")
            try await store.insert(user)
            let expires = Contract.time(day: 2, hour: 11)
            try await store.insert([Self.token("access", .access, for: user, family: "login", expires: expires)])

            let found = try await store.validToken(hash: Self.hash("access"), kind: .access, at: Contract.time(day: 2, hour: 10))
            #expect(found?.1 == user)
            #expect(found?.0.expiresAt == expires)
            #expect(try await store.validToken(hash: Self.hash("access"), kind: .refresh, at: Contract.time(day: 2)) == nil)
            #expect(try await store.validToken(hash: Self.hash("access"), kind: .access, at: Contract.time(day: 2, hour: 12)) == nil)
            #expect(try await store.validToken(hash: Self.hash("unknown"), kind: .access, at: Contract.time(day: 2)) == nil)
        }
    }

    @Test(arguments: StoreUnderTest.all) func aRefreshToken_worksOnce_andItsReuseRevokesTheFamily(_ kind: StoreUnderTest) async throws {
        try await kind.with { store, _ in
            let user = Contract.user("admin")
            try await store.insert(user)
            let expires = Contract.time(day: 3)
            try await store.insert([
                Self.token("access-1", .access, for: user, family: "login", expires: expires),
                Self.token("refresh-1", .refresh, for: user, family: "login", expires: expires),
                Self.token("access-other", .access, for: user, family: "other-login", expires: expires),
            ])
            let now = Contract.time(day: 2, hour: 12)

            guard case .spent(let record, let owner) = try await store.consumeRefreshToken(hash: Self.hash("refresh-1"), at: now) else {
                Issue.record("a fresh refresh token was not spent")
                return
            }
            #expect(record.family == Self.hash("login"))
            #expect(owner == user)
            guard case .reused(let revoked) = try await store.consumeRefreshToken(hash: Self.hash("refresh-1"), at: now) else {
                Issue.record("a spent refresh token was accepted again")
                return
            }
            #expect(revoked == [Self.hash("access-1")])
            #expect(try await store.validToken(hash: Self.hash("access-1"), kind: .access, at: now) == nil)
            #expect(try await store.validToken(hash: Self.hash("access-other"), kind: .access, at: now) != nil)
            guard case .invalid = try await store.consumeRefreshToken(hash: Self.hash("unknown"), at: now) else {
                Issue.record("an unknown refresh token was accepted")
                return
            }
        }
    }

    @Test(arguments: StoreUnderTest.all) func aLogout_revokesTheWholeFamily_andTheSweepDropsExpiredTokens(_ kind: StoreUnderTest) async throws {
        try await kind.with { store, _ in
            let user = Contract.user("admin")
            try await store.insert(user)
            try await store.insert([
                Self.token("access-1", .access, for: user, family: "login", expires: Contract.time(day: 3)),
                Self.token("access-2", .access, for: user, family: "login", expires: Contract.time(day: 3)),
                Self.token("refresh-1", .refresh, for: user, family: "login", expires: Contract.time(day: 3)),
                Self.token("old", .access, for: user, family: "old-login", expires: Contract.time(day: 2, hour: 1)),
            ])

            #expect(Set(try await store.revokeAccessToken(hash: Self.hash("access-2"))) == [Self.hash("access-1"), Self.hash("access-2")])
            #expect(try await store.revokeAccessToken(hash: Self.hash("access-2")) == [])
            guard case .invalid = try await store.consumeRefreshToken(hash: Self.hash("refresh-1"), at: Contract.time(day: 2)) else {
                Issue.record("the refresh token of a logged-out family still works")
                return
            }
            #expect(try await store.deleteExpiredTokens(at: Contract.time(day: 2, hour: 2)) == 1)
            #expect(try await store.deleteExpiredTokens(at: Contract.time(day: 2, hour: 2)) == 0)
        }
    }
}
