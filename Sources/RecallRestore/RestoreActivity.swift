import RecallCore

/// Told what restore sessions do, as it happens: the server counts it for `GET /metrics`.
public protocol RestoreActivity: Sendable {
    func sessionStarted()
    func sessionStopped(_ reason: StopReason)
    /// An export, save or restore finished, with how many items went through and how many failed.
    func actionFinished(_ type: SessionEventType, status: SessionEventStatus, succeeded: Int, failed: Int)
}

/// Counts nothing (command-line tools and tests that do not look).
public struct NoRestoreActivity: RestoreActivity {
    public init() {}
    public func sessionStarted() {}
    public func sessionStopped(_ reason: StopReason) {}
    public func actionFinished(_ type: SessionEventType, status: SessionEventStatus, succeeded: Int, failed: Int) {}
}
