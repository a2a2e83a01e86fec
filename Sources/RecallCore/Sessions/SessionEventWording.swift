/// The real product's wording for session-level events, in one place.
public enum SessionEventWording {
    public static let started = "Restore session started"
    public static let stopped = "Restore session stopped"

    /// Message of the event recorded when a session stops.
    public static func stopMessage(_ reason: StopReason, idleTimeoutSeconds: Int64) -> String {
        switch reason {
        case .requested:
            return "Restore session stopped"
        case .idleTimeout:
            return "Restore session stopped automatically after \(idleTimeoutSeconds / 60) minutes of inactivity"
        }
    }
}
