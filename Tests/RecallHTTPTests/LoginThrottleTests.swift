import Foundation
import RecallCore
import Testing

@testable import RecallHTTP

/// The throttle's memory stays bounded without ever giving a locked account its budget back.
@Suite struct LoginThrottleTests {
    let start = Timestamp(ticks: 1_000_000 * Timestamp.ticksPerSecond)

    @Test func aFullTable_makesRoomOneKeyAtATime_andKeepsLockedKeys() {
        let throttle = LoginThrottle(capacity: 100)
        let admin = LoginThrottle.userKey("admin")
        for second in 0..<10 { throttle.recordFailure([(admin, LoginThrottle.perUser)], at: start.adding(seconds: Int64(second))) }
        #expect(throttle.retryAfter(admin, limit: LoginThrottle.perUser, at: start.adding(seconds: 10)) == 290)
        // Ten thousand cheap failures from other addresses, all within the window: admin stays locked.
        for index in 0..<10_000 {
            throttle.recordFailure([(LoginThrottle.refreshKey("10.0.\(index / 256).\(index % 256)"), LoginThrottle.refreshPerAddress)], at: start.adding(seconds: 20))
        }
        #expect(throttle.retryAfter(admin, limit: LoginThrottle.perUser, at: start.adding(seconds: 30)) == 270)
        // The newest of the others is kept too: one key made room, not all of them.
        let newest = LoginThrottle.refreshKey("10.0.39.15")
        for _ in 1..<300 { throttle.recordFailure([(newest, LoginThrottle.refreshPerAddress)], at: start.adding(seconds: 40)) }
        #expect(throttle.retryAfter(newest, limit: LoginThrottle.refreshPerAddress, at: start.adding(seconds: 40)) == 280)
    }

    @Test func expiredKeys_areDroppedFirst() {
        let throttle = LoginThrottle(capacity: 10)
        let admin = LoginThrottle.userKey("admin")
        for _ in 0..<10 { throttle.recordFailure([(admin, LoginThrottle.perUser)], at: start.adding(seconds: 100)) }
        for index in 0..<9 { throttle.recordFailure([(LoginThrottle.userKey("old\(index)"), LoginThrottle.perUser)], at: start) }
        // The table is full: the nine expired keys go, and admin, locked 250 seconds ago, stays.
        throttle.recordFailure([(LoginThrottle.userKey("new"), LoginThrottle.perUser)], at: start.adding(seconds: 350))
        #expect(throttle.retryAfter(admin, limit: LoginThrottle.perUser, at: start.adding(seconds: 350)) == 50)
    }

    /// A name of a MiB cost a MiB per key; the key is now its SHA-256, and spellings in other cases share it.
    @Test func keys_areDigests_sharedByEveryCaseOfAName() {
        #expect(MemoryLayout<LoginThrottle.Key>.size == 32)
        #expect(LoginThrottle.userKey("ADMIN") == LoginThrottle.userKey("admin"))
        #expect(LoginThrottle.userKey("admin") != LoginThrottle.addressKey("admin"))
        #expect(LoginThrottle.addressKey("::1") != LoginThrottle.refreshKey("::1"))
        #expect(LoginThrottle.standingKey(user: "a", address: "b\u{0}c") != LoginThrottle.standingKey(user: "a\u{0}b", address: "c"))
    }
}
