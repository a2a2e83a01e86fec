import GRDB

extension SQLiteStore: ServiceStore {
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
