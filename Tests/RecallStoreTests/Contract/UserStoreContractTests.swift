import Foundation
import RecallCore
import RecallStore
import Testing

/// API users, as `recall users` and the login see them.
@Suite struct UserStoreContractTests {
    @Test(arguments: StoreUnderTest.all) func users_areFoundByNameInAnyCase_andListedByName(_ kind: StoreUnderTest) async throws {
        try await kind.with { store, _ in
            let (bob, alice) = (Contract.user("bob"), Contract.user("alice"))
            try await store.insert(bob)
            try await store.insert(alice)

            #expect(try await store.users().map(\.name) == ["alice", "bob"])
            #expect(try await store.user(named: "bob") == bob)
            #expect(try await store.user(id: alice.id) == alice)
            #expect(try await store.user(named: "carol") == nil)
            await #expect(throws: RecallError.self) { try await store.insert(Contract.user("BOB")) }
        }
    }

    @Test(arguments: StoreUnderTest.all) func aNewPassword_revokesTokens_butAnUpgradeKeepsThem(_ kind: StoreUnderTest) async throws {
        try await kind.with { store, _ in
            let user = Contract.user("admin")
            try await store.insert(user)
            let token = TokenStoreContractTests.token("access", .access, for: user, family: "login", expires: Contract.time(day: 3))
            try await store.insert([token])
            let now = Contract.time(day: 2)

            #expect(try await store.upgradePasswordHash(ofUser: user.id, from: user.passwordHash, to: "stronger"))
            #expect(try await store.user(id: user.id)?.passwordHash == "stronger")
            #expect(try await store.validToken(hash: token.hash, kind: .access, at: now) != nil)
            #expect(try await !store.upgradePasswordHash(ofUser: user.id, from: user.passwordHash, to: "stale"))
            #expect(try await store.user(id: user.id)?.passwordHash == "stronger")

            #expect(try await store.setPasswordHash("new", forUserNamed: "admin"))
            #expect(try await store.user(named: "admin")?.passwordHash == "new")
            #expect(try await store.validToken(hash: token.hash, kind: .access, at: now) == nil)
            #expect(try await !store.setPasswordHash("new", forUserNamed: "nobody"))
        }
    }

    @Test(arguments: StoreUnderTest.all) func aRemovedUser_isGoneWithTheirTokens(_ kind: StoreUnderTest) async throws {
        try await kind.with { store, _ in
            let user = Contract.user("admin")
            try await store.insert(user)
            let token = TokenStoreContractTests.token("access", .access, for: user, family: "login", expires: Contract.time(day: 3))
            try await store.insert([token])

            #expect(try await store.removeUser(named: "admin"))
            #expect(try await store.user(named: "admin") == nil)
            #expect(try await store.validToken(hash: token.hash, kind: .access, at: Contract.time(day: 2)) == nil)
            #expect(try await !store.removeUser(named: "admin"))
        }
    }
}
