import Hummingbird
import RecallCore
import Synchronization

/// How many file answers (exportToMbox, savetoEml) each user has streaming at once. Each holds up to two read-ahead
/// batches (~18 MiB) until its client has taken the bytes, so one user opening many and reading none could pin the
/// server's memory; past `maxPerUser` an export answers 429 with `Retry-After`.
final class ExportLimiter: Sendable {
    let maxPerUser: Int
    private let running = Mutex<[Identifier<User>: Int]>([:])
    /// Seconds a refused client is told to wait.
    static let retryAfter = 5

    init(maxPerUser: Int) {
        self.maxPerUser = maxPerUser
    }

    /// A slot for one more export of `user`, released when the slot is released or dropped.
    func acquire(for user: Identifier<User>) throws -> ExportSlot {
        let admitted = running.withLock { running in
            guard running[user, default: 0] < maxPerUser else { return false }
            running[user, default: 0] += 1
            return true
        }
        guard admitted else {
            throw APIError(
                .tooManyRequests,
                message: "You already have as many exports and saves streaming as one user may (\(maxPerUser)). Wait for one to finish and try again.",
                headers: [.retryAfter: String(Self.retryAfter)]
            )
        }
        return ExportSlot { [self] in
            running.withLock { running in
                running[user, default: 1] -= 1
                if running[user] == 0 { running[user] = nil }
            }
        }
    }

    /// Exports of `user` streaming now.
    func count(for user: Identifier<User>) -> Int {
        running.withLock { $0[user, default: 0] }
    }
}

/// One running export's hold on its user's allowance; released once, when the stream ends or the answer is dropped
/// unsent.
final class ExportSlot: Sendable {
    private let released = Atomic(false)
    private let onRelease: @Sendable () -> Void

    init(onRelease: @escaping @Sendable () -> Void) {
        self.onRelease = onRelease
    }

    func release() {
        if !released.exchange(true, ordering: .acquiringAndReleasing) { onRelease() }
    }

    deinit { release() }
}
