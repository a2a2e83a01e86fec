import Foundation
import RecallCore
import Synchronization

/// Access tokens validated in the last few seconds, so a script polling in a loop costs no database read per
/// request. An entry never outlives its token's expiry; it is re-checked against the store after `recheckAfter`,
/// which bounds how long a user removed by another process (`recall users remove`) keeps working.
final class AccessTokenCache: Sendable {
    private struct Entry {
        let user: User
        let expiresAt: Timestamp
        let checkedAt: Timestamp
    }

    private let entries = Mutex<[Key: Entry]>([:])
    private let recheckAfter: Int64
    private let capacity: Int

    init(recheckAfterSeconds: Int64 = 5, capacity: Int = 10_000) {
        recheckAfter = recheckAfterSeconds * Timestamp.ticksPerSecond
        self.capacity = capacity
    }

    /// The cached user of the token with this storage hash, if its entry is still fresh and the token unexpired.
    func user(hash: [UInt8], at now: Timestamp) -> User? {
        entries.withLock { entries in
            guard let entry = entries[Key(hash)] else { return nil }
            guard now < entry.expiresAt, now.ticks - entry.checkedAt.ticks < recheckAfter, now >= entry.checkedAt else {
                entries[Key(hash)] = nil
                return nil
            }
            return entry.user
        }
    }

    /// Forgets a token at once (logout).
    func forget(hash: [UInt8]) {
        _ = entries.withLock { $0.removeValue(forKey: Key(hash)) }
    }

    /// Remembers a token the store just vouched for.
    func remember(hash: [UInt8], user: User, expiresAt: Timestamp, at now: Timestamp) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[Key(hash)] = Entry(user: user, expiresAt: expiresAt, checkedAt: now)
        }
    }

    /// A storage hash (SHA-256, 32 bytes) as four words: a `Data` key was allocated and hashed byte by byte on every
    /// request, 0.5 % of a `GET /v3/RestoreSessions/{id}`.
    private struct Key: Hashable {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        init(_ hash: [UInt8]) {
            withUnsafeMutableBytes(of: &words) { $0.copyBytes(from: hash.prefix(32)) }
        }

        static func == (lhs: Key, rhs: Key) -> Bool {
            lhs.words == rhs.words
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(words.0)
            hasher.combine(words.1)
            hasher.combine(words.2)
            hasher.combine(words.3)
        }
    }
}
