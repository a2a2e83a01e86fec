import RecallCore
import Synchronization

/// Which sessions were stopped while actions of theirs run, so those exports and restores end early; and what to do
/// at once when one stops. An export blocked on a client that does not read never reaches its next check, so the
/// server registers a hook (closing the connection) that stop runs.
///
/// A session is remembered only while an action of it runs: keeping every stopped session made the set grow for as
/// long as the server ran. An action that starts after a stop is refused by `ExchangeActions`, which looks at the
/// session's state again once it is counted here.
public final class ActionRegistry: Sendable {
    private struct State {
        /// Actions running per session.
        var running: [Identifier<RestoreSession>: Int] = [:]
        /// Sessions stopped while actions of theirs run; a session leaves when its last action ends.
        var stopped: Set<Identifier<RestoreSession>> = []
        var hooks: [Identifier<RestoreSession>: [Int: @Sendable () -> Void]] = [:]
        var nextHook = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Counts an action of `session` as running until `end`.
    func begin(_ session: Identifier<RestoreSession>) {
        state.withLock { $0.running[session, default: 0] += 1 }
    }

    func end(_ session: Identifier<RestoreSession>) {
        state.withLock { state in
            let left = state.running[session, default: 1] - 1
            if left > 0 {
                state.running[session] = left
            } else {
                state.running[session] = nil
                state.stopped.remove(session)
            }
        }
    }

    func cancelAll(of session: Identifier<RestoreSession>) {
        let hooks = state.withLock { state in
            if state.running[session] != nil { state.stopped.insert(session) }
            return state.hooks.removeValue(forKey: session)
        }
        for hook in (hooks ?? [:]).values { hook() }
    }

    func isCancelled(_ session: Identifier<RestoreSession>) -> Bool {
        state.withLock { $0.stopped.contains(session) }
    }

    /// Sessions remembered now (running actions, stopped sessions, hooks): what must fall back to zero when nothing runs.
    var remembered: Int {
        state.withLock { $0.running.count + $0.stopped.count + $0.hooks.count }
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
