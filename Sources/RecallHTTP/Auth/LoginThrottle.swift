import RecallCore
import Synchronization

/// Slows password guessing at the token endpoint: after too many failed grants within a window, from one client
/// address or for one user name, further attempts get 429 with `Retry-After` (without checking the password) until
/// the oldest failure leaves the window.
final class LoginThrottle: Sendable {
    struct Limit: Sendable {
        let failures: Int
        let windowSeconds: Int64
    }

    static let perAddress = Limit(failures: 30, windowSeconds: 300)
    static let perUser = Limit(failures: 10, windowSeconds: 300)

    private let failures = Mutex<[String: [Timestamp]]>([:])
    private let capacity = 10_000

    /// Seconds to wait before `keys` may try again, nil when they may now.
    func retryAfter(_ keys: [(key: String, limit: Limit)], at now: Timestamp) -> Int64? {
        failures.withLock { failures in
            var wait: Int64?
            for (key, limit) in keys {
                let recent = (failures[key] ?? []).filter { now.ticks - $0.ticks < limit.windowSeconds * Timestamp.ticksPerSecond }
                failures[key] = recent.isEmpty ? nil : recent
                guard recent.count >= limit.failures, let oldest = recent.first else { continue }
                let ticks = oldest.ticks + limit.windowSeconds * Timestamp.ticksPerSecond - now.ticks
                let seconds = max(1, (ticks + Timestamp.ticksPerSecond - 1) / Timestamp.ticksPerSecond)
                wait = max(wait ?? 0, seconds)
            }
            return wait
        }
    }

    func recordFailure(_ keys: [String], at now: Timestamp) {
        failures.withLock { failures in
            if failures.count >= capacity { failures.removeAll(keepingCapacity: true) }  // bounded; an attacker gains one window
            for key in keys { failures[key, default: []].append(now) }
        }
    }

    func clear(_ key: String) {
        _ = failures.withLock { $0.removeValue(forKey: key) }
    }

    static func addressKey(_ address: String?) -> String { "address:\(address ?? "unknown")" }
    static func userKey(_ name: String) -> String { "user:\(name.lowercased())" }
}
