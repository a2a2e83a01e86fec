import Crypto
import RecallCore
import Synchronization

/// Slows password guessing at the token endpoint: after too many failed grants within a window, from one client
/// address or for one user name, further attempts get 429 with `Retry-After` (without checking the password) until
/// the oldest failure leaves the window. A user's lock does not hold back an address the user logged in from lately
/// (its standing), so guesses from elsewhere cannot lock the real user out; refresh grants have a budget of their own.
///
/// Memory is bounded: keys are SHA-256 digests (a name sent whole could be a MiB), each key keeps at most its limit's
/// count of failures, and a full table makes room by dropping what has expired, then the least recently failed key
/// that is not locked, so that floods of cheap failures from other addresses never unlock a locked account.
final class LoginThrottle: Sendable {
    struct Limit: Sendable {
        let failures: Int
        let windowSeconds: Int64

        var windowTicks: Int64 { windowSeconds * Timestamp.ticksPerSecond }
    }

    /// Failed password grants from one address.
    static let perAddress = Limit(failures: 30, windowSeconds: 300)
    /// Failed password grants for one user name, from addresses without standing for it.
    static let perUser = Limit(failures: 10, windowSeconds: 300)
    /// Failed refresh grants from one address: a refresh token cannot be guessed, so this only bounds the store writes
    /// a client can cause, and it is counted apart so that a broken client behind a proxy cannot stop its neighbours'
    /// password grants.
    static let refreshPerAddress = Limit(failures: 300, windowSeconds: 300)
    /// How long a successful login gives its address standing for that user.
    static let standingSeconds: Int64 = 14 * 86_400

    /// A throttle key: the SHA-256 of what it names, so every key costs 32 bytes whatever was sent.
    struct Key: Hashable, Sendable {
        fileprivate let digest: SHA256Digest

        fileprivate init(_ parts: String...) {
            var hasher = SHA256()
            for part in parts {
                // Each part after its length, so that no two lists of parts hash the same bytes.
                withUnsafeBytes(of: UInt64(part.utf8.count).littleEndian) { hasher.update(bufferPointer: $0) }
                hasher.update(data: Array(part.utf8))
            }
            digest = hasher.finalize()
        }
    }

    private struct Failures {
        /// Oldest first; at most `limit.failures` of them.
        var times: [Timestamp]
        let limit: Limit

        func isExpired(at now: Timestamp) -> Bool { times.last.map { now.ticks - $0.ticks >= limit.windowTicks } ?? true }
        func isLocked(at now: Timestamp) -> Bool {
            times.count >= limit.failures && times.first.map { now.ticks - $0.ticks < limit.windowTicks } == true
        }
    }

    private struct State {
        var failures: [Key: Failures] = [:]
        /// When each (user, address) pair last logged in.
        var standing: [Key: Timestamp] = [:]
    }

    private let state = Mutex(State())
    /// Keys each table holds at most.
    let capacity: Int

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// Seconds to wait before `key` may try again, nil when it may now.
    func retryAfter(_ key: Key, limit: Limit, at now: Timestamp) -> Int64? {
        state.withLock { state in
            guard var entry = state.failures[key] else { return nil }
            entry.times.removeAll { now.ticks - $0.ticks >= limit.windowTicks }
            state.failures[key] = entry.times.isEmpty ? nil : entry
            guard entry.times.count >= limit.failures, let oldest = entry.times.first else { return nil }
            let ticks = oldest.ticks + limit.windowTicks - now.ticks
            return max(1, (ticks + Timestamp.ticksPerSecond - 1) / Timestamp.ticksPerSecond)
        }
    }

    func recordFailure(_ keys: [(Key, Limit)], at now: Timestamp) {
        state.withLock { state in
            for (key, limit) in keys {
                if var entry = state.failures[key] {
                    entry.times.append(now)
                    if entry.times.count > limit.failures { entry.times.removeFirst(entry.times.count - limit.failures) }
                    state.failures[key] = entry
                } else {
                    if state.failures.count >= capacity { Self.makeRoom(in: &state.failures, at: now) }
                    state.failures[key] = Failures(times: [now], limit: limit)
                }
            }
        }
    }

    /// Whether `key` (a `standingKey`) logged in within `standingSeconds`.
    func hasStanding(_ key: Key, at now: Timestamp) -> Bool {
        state.withLock { state in
            guard let last = state.standing[key] else { return false }
            return now.ticks - last.ticks < Self.standingSeconds * Timestamp.ticksPerSecond && now >= last
        }
    }

    func recordSuccess(_ key: Key, at now: Timestamp) {
        state.withLock { state in
            if state.standing[key] == nil, state.standing.count >= capacity {
                let window = Self.standingSeconds * Timestamp.ticksPerSecond
                state.standing = state.standing.filter { now.ticks - $0.value.ticks < window }
                if state.standing.count >= capacity, let oldest = state.standing.min(by: { $0.value < $1.value })?.key {
                    state.standing[oldest] = nil
                }
            }
            state.standing[key] = now
        }
    }

    /// Drops every expired entry; when none has, the least recently failed unlocked entry, or, when every entry is
    /// locked, the least recently failed one. One scan per new key of a full table: a password grant's bcrypt costs
    /// far more.
    private static func makeRoom(in failures: inout [Key: Failures], at now: Timestamp) {
        var expired = 0
        var unlocked: (key: Key, last: Timestamp)?
        var locked: (key: Key, last: Timestamp)?
        for (key, entry) in failures {
            guard !entry.isExpired(at: now) else {
                expired += 1
                continue
            }
            let last = entry.times.last ?? now
            if entry.isLocked(at: now) {
                if locked.map({ last < $0.last }) ?? true { locked = (key, last) }
            } else if unlocked.map({ last < $0.last }) ?? true {
                unlocked = (key, last)
            }
        }
        if expired > 0 {
            failures = failures.filter { !$0.value.isExpired(at: now) }
        } else if let victim = unlocked ?? locked {
            failures[victim.key] = nil
        }
    }

    static func addressKey(_ address: String?) -> Key { Key("address", address ?? "unknown") }
    static func refreshKey(_ address: String?) -> Key { Key("refresh", address ?? "unknown") }
    /// User names compare case-insensitively, as the store compares them.
    static func userKey(_ name: String) -> Key { Key("user", name.lowercased()) }
    static func standingKey(user name: String, address: String?) -> Key { Key("standing", name.lowercased(), address ?? "unknown") }
}
