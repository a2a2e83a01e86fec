/// Life-cycle state of a restore session, as the API reports it.
public enum RestoreSessionState: String, Sendable, CaseIterable {
    case starting
    case working
    case stopping
    case stopped
}

/// Overall result of a restore session: `success` until an action reports failed or partly failed items.
public enum RestoreSessionResult: String, Sendable, CaseIterable {
    case success
    case warning
    case failed
}

/// Why a session stopped.
public enum StopReason: String, Sendable {
    /// The client asked for it.
    case requested
    /// Nobody used it for longer than the idle timeout.
    case idleTimeout
}
