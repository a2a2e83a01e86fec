import Foundation
import RecallCore
import Testing

@testable import RecallHTTP

@Suite struct AccessTokenCacheTests {
    @Test func keys_tellEveryTokenApart_andRefuseTextsLongerThanATokenCanBe() throws {
        let token = OpaqueToken.random().text
        #expect(token.utf8.count == 43)
        #expect(AccessTokenCache.Key(token) == AccessTokenCache.Key(Substring(token)))
        #expect(AccessTokenCache.Key(token) != AccessTokenCache.Key(String(token.dropLast()) + (token.last == "A" ? "B" : "A")))
        #expect(AccessTokenCache.Key("a") != AccessTokenCache.Key("a\u{0}"))
        #expect(AccessTokenCache.Key(String(repeating: "x", count: 48)) != nil)
        #expect(AccessTokenCache.Key(String(repeating: "x", count: 49)) == nil)
    }

    @Test func anEntry_isForgottenByItsStorageHash_andLapsesWithItsToken() throws {
        let cache = AccessTokenCache(recheckAfterSeconds: 5)
        let user = User(id: Identifier(UUID()), name: "admin", passwordHash: "x", createdAt: Timestamp(ticks: 0))
        let (one, two) = (OpaqueToken.random(), OpaqueToken.random())
        let (keyOne, keyTwo) = try (#require(AccessTokenCache.Key(one.text)), #require(AccessTokenCache.Key(two.text)))
        let now = Timestamp(ticks: 1_000 * Timestamp.ticksPerSecond)
        cache.remember(keyOne, hash: one.storageHash, user: user, expiresAt: now.adding(seconds: 60), at: now)
        cache.remember(keyTwo, hash: two.storageHash, user: user, expiresAt: now.adding(seconds: 3), at: now)
        #expect(cache.user(keyOne, at: now)?.id == user.id)
        cache.forget(hash: one.storageHash)
        #expect(cache.user(keyOne, at: now) == nil)
        #expect(cache.user(keyTwo, at: now.adding(seconds: 2))?.id == user.id)
        #expect(cache.user(keyTwo, at: now.adding(seconds: 3)) == nil)
    }
}
