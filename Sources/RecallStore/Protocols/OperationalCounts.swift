/// What `GET /metrics` reads from the store at each scrape; both counts use an index or a small table.
public struct OperationalCounts: Sendable, Equatable {
    /// Sessions not yet stopped.
    public var runningSessions = 0
    /// One per mailbox per import run: the number of completed imports.
    public var restorePoints = 0

    public init(runningSessions: Int = 0, restorePoints: Int = 0) {
        self.runningSessions = runningSessions
        self.restorePoints = restorePoints
    }
}
