import Foundation
import RecallCore
import Synchronization

/// Access tokens validated in the last few seconds, so a script polling in a loop costs no database read per
/// request. An entry never outlives its token's expiry; it is re-checked against the store after `recheckAfter`,
/// which bounds how long a user removed by another process (`recall users remove`) keeps working.
///
/// Entries are found by the token's text, not by the SHA-256 the store keeps, so a cached request hashes nothing
/// (docs/performance.md, Fast paths). The text stays in this process's memory only, as it does in each request.
final class AccessTokenCache: Sendable {
    private struct Entry {
        let user: User
        let expiresAt: Timestamp
        let checkedAt: Timestamp
        /// The storage hash, for `forget(hash:)`.
        let hash: [UInt8]
    }

    private let entries = Mutex<[Key: Entry]>([:])
    private let recheckAfter: Int64
    private let capacity: Int

    init(recheckAfterSeconds: Int64 = 5, capacity: Int = 10_000) {
        recheckAfter = recheckAfterSeconds * Timestamp.ticksPerSecond
        self.capacity = capacity
    }

    /// The cached user of this token, if its entry is still fresh and the token unexpired.
    func user(_ key: Key, at now: Timestamp) -> User? {
        entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            guard now < entry.expiresAt, now.ticks - entry.checkedAt.ticks < recheckAfter, now >= entry.checkedAt else {
                entries[key] = nil
                return nil
            }
            return entry.user
        }
    }

    /// Forgets a token at once (logout, a family revoked); a walk over the entries, as the store names tokens by hash.
    func forget(hash: [UInt8]) {
        forget(hashes: [hash])
    }

    /// Forgets tokens at once in one walk, however many a family holds.
    func forget(hashes: Set<[UInt8]>) {
        guard !hashes.isEmpty else { return }
        entries.withLock { entries in
            for (key, entry) in entries where hashes.contains(entry.hash) { entries[key] = nil }
        }
    }

    /// Remembers a token the store just vouched for.
    func remember(_ key: Key, hash: [UInt8], user: User, expiresAt: Timestamp, at now: Timestamp) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(user: user, expiresAt: expiresAt, checkedAt: now, hash: hash)
        }
    }

    /// A token's text in six words, which holds the 43 characters of every token Recall issues; nil for a longer text,
    /// which is never cached (it cannot be a valid token). A String key was allocated on each request.
    struct Key: Hashable {
        private var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
        private var count = 0

        init?(_ token: some StringProtocol) {
            var utf8 = token.utf8.makeIterator()
            let fitted: Int? = withUnsafeMutableBytes(of: &words) { words in
                var count = 0
                while let byte = utf8.next() {
                    guard count < words.count else { return nil }
                    words[count] = byte
                    count += 1
                }
                return count
            }
            guard let fitted else { return nil }
            count = fitted
        }

        static func == (lhs: Key, rhs: Key) -> Bool {
            lhs.count == rhs.count && lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2
                && lhs.words.3 == rhs.words.3 && lhs.words.4 == rhs.words.4 && lhs.words.5 == rhs.words.5
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(count)
            hasher.combine(words.0)
            hasher.combine(words.1)
            hasher.combine(words.2)
            hasher.combine(words.3)
            hasher.combine(words.4)
            hasher.combine(words.5)
        }
    }
}
