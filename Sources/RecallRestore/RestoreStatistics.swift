import RecallCore

/// How the items of a session's restores ended: what v8's `GET /RestoreSessions/{id}/Statistics` reports.
public struct RestoreStatistics: Hashable, Sendable {
    public var restored = 0
    public var failed = 0
    public var skipped = 0

    public init() {}

    public var total: Int { restored + failed + skipped }

    /// Counts one item-level restore event (a warning still restored the item).
    mutating func count(_ status: SessionEventStatus) {
        switch status {
        case .success, .warning: restored += 1
        case .failed: failed += 1
        case .running: break
        }
    }
}
