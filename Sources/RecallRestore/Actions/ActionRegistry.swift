import RecallCore
import Synchronization

/// Which sessions were stopped, so running exports and restores of those sessions end early.
public final class ActionRegistry: Sendable {
    private let stopped = Mutex<Set<Identifier<RestoreSession>>>([])

    public init() {}

    func cancelAll(of session: Identifier<RestoreSession>) {
        _ = stopped.withLock { $0.insert(session) }
    }

    func isCancelled(_ session: Identifier<RestoreSession>) -> Bool {
        stopped.withLock { $0.contains(session) }
    }
}
