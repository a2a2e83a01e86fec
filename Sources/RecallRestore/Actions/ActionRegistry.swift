import RecallCore
import Synchronization

/// Which sessions were stopped, so running exports and restores of those sessions end early; and what to do at once
/// when one stops. An export blocked on a client that does not read never reaches its next check, so the server
/// registers a hook (closing the connection) that stop runs.
public final class ActionRegistry: Sendable {
    private struct State {
        var stopped: Set<Identifier<RestoreSession>> = []
        var hooks: [Identifier<RestoreSession>: [Int: @Sendable () -> Void]] = [:]
        var nextHook = 0
    }

    private let state = Mutex(State())

    public init() {}

    func cancelAll(of session: Identifier<RestoreSession>) {
        let hooks = state.withLock { state in
            state.stopped.insert(session)
            return state.hooks.removeValue(forKey: session)
        }
        for hook in (hooks ?? [:]).values { hook() }
    }

    func isCancelled(_ session: Identifier<RestoreSession>) -> Bool {
        state.withLock { $0.stopped.contains(session) }
    }

    /// Runs `onStop` when `session` stops (at once if it already has); call the returned closure when the action
    /// ends so the hook is dropped.
    public func whenStopped(_ session: Identifier<RestoreSession>, _ onStop: @escaping @Sendable () -> Void) -> @Sendable () -> Void {
        let key: Int? = state.withLock { state in
            guard !state.stopped.contains(session) else { return nil }
            let key = state.nextHook
            state.nextHook += 1
            state.hooks[session, default: [:]][key] = onStop
            return key
        }
        guard let key else {
            onStop()
            return {}
        }
        return { [self] in
            self.state.withLock { state in
                state.hooks[session]?[key] = nil
                if state.hooks[session]?.isEmpty == true { state.hooks[session] = nil }
            }
        }
    }
}
