import GRDB

/// What `GET /metrics` reads from the store at each scrape; both counts use an index or a small table.
public struct OperationalCounts: Sendable, Equatable {
    /// Sessions not yet stopped.
    public var runningSessions = 0
    /// One per mailbox per import run: the number of completed imports.
    public var restorePoints = 0
}

extension SQLiteStore {
    /// Running sessions and restore points; also `GET /health`'s proof that the database answers.
    public func operationalCounts() async throws -> OperationalCounts {
        try await pool.read { db in
            OperationalCounts(
                runningSessions: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM restore_sessions WHERE state <> 'stopped'") ?? 0,
                restorePoints: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM restore_points") ?? 0
            )
        }
    }
}
