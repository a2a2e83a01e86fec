/// The restore-session life cycle as a value: feed it events, do what the returned action says. No I/O.
///
/// `Starting → Working → Stopping → Stopped`; the result starts as `Success` and only ever gets worse
/// (`Warning` when an action partly fails, `Failed` when it fails wholly).
public struct RestoreSessionStateMachine: Hashable, Sendable {
    /// Something that happened to the session.
    public enum Event: Hashable, Sendable {
        /// The session's view of the backup is ready.
        case started
        /// A client, or the idle timer, asked the session to stop.
        case stopRequested(StopReason)
        /// Running actions have been cancelled and resources released.
        case stopCompleted(StopReason)
        /// A restore, export or save finished with this many failed and succeeded items.
        case actionFinished(failed: Int, succeeded: Int)
    }

    /// What the caller must do next.
    public enum Action: Hashable, Sendable {
        /// Record the "Restore session started" event.
        case recordStarted
        /// Cancel running actions, then feed `.stopCompleted`.
        case cancelRunningActions(StopReason)
        /// Record the stop event and the end time.
        case recordStopped(StopReason)
        /// The result changed; persist it.
        case persistResult
        /// Nothing: e.g. stopping a session that is already stopped.
        case none
    }

    /// An event that makes no sense in the current state (a bug in the caller, not bad input).
    public struct InvalidTransition: Error, Hashable, Sendable {
        public let state: RestoreSessionState
        public let event: Event
    }

    public private(set) var state: RestoreSessionState
    public private(set) var result: RestoreSessionResult

    public init(state: RestoreSessionState = .starting, result: RestoreSessionResult = .success) {
        self.state = state
        self.result = result
    }

    /// Whether browsing and actions are allowed.
    public var isWorking: Bool { state == .working }

    public mutating func event(_ event: Event) throws(InvalidTransition) -> Action {
        switch (state, event) {
        case (.starting, .started):
            state = .working
            return .recordStarted
        case (.starting, .stopRequested(let reason)), (.working, .stopRequested(let reason)):
            state = .stopping
            return .cancelRunningActions(reason)
        case (.stopping, .stopRequested), (.stopped, .stopRequested):
            return .none
        case (.stopping, .stopCompleted(let reason)):
            state = .stopped
            return .recordStopped(reason)
        case (.working, .actionFinished(let failed, let succeeded)), (.stopping, .actionFinished(let failed, let succeeded)):
            guard failed > 0 else { return .none }
            let outcome: RestoreSessionResult = succeeded > 0 ? .warning : .failed
            guard outcome.severity > result.severity else { return .none }
            result = outcome
            return .persistResult
        default:
            throw InvalidTransition(state: state, event: event)
        }
    }
}

extension RestoreSessionResult {
    fileprivate var severity: Int {
        switch self {
        case .success: 0
        case .warning: 1
        case .failed: 2
        }
    }
}
