import GRDB
import RecallCore

extension SQLiteStore: RestoreSessionStore {
    public func create(_ session: RestoreSession, events: [SessionEventDraft]) async throws {
        try await write { db in try Self.insert(session, events: events, db) }
    }

    /// Stores many sessions with their first events in one transaction: bulk loads such as the HTTP benchmark's
    /// million-session store, where one transaction (and fsync) per session would take hours.
    public func create(_ batch: [(session: RestoreSession, events: [SessionEventDraft])]) throws {
        try write { db in
            for (session, events) in batch { try Self.insert(session, events: events, db) }
        }
    }

    private static func insert(_ session: RestoreSession, events: [SessionEventDraft], _ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO restore_sessions (id, owner_id, organization_id, type, point_in_time, show_deleted,
                    show_all_versions, creation_time, end_time, state, result, last_activity, event_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
                """
        ).execute(
            arguments: [
                session.id, session.ownerID, session.organizationID, session.type.rawValue,
                session.options.pointInTime, session.options.showDeleted, session.options.showAllVersions,
                session.creationTime, session.endTime, session.state.rawValue, session.result.rawValue,
                session.lastActivity,
            ]
        )
        _ = try Self.append(events, to: session.id, db)
    }

    public func session(id: Identifier<RestoreSession>) async throws -> RestoreSession? {
        try await readOneStatement { db in
            try Self.fetchSession(db, id: id)
        }
    }

    public func sessions(ownerID: Identifier<User>) async throws -> [RestoreSession] {
        try await pool.read { db in
            try Array(Row.fetchCursor(
                db.cachedStatement(sql: "SELECT \(RestoreSession.columns) FROM restore_sessions WHERE owner_id = ? ORDER BY creation_time DESC, rowid DESC"),
                arguments: [ownerID]
            ).map(RestoreSession.init(row:)))
        }
    }

    public func sessions(matching query: SessionQuery) async throws -> [RestoreSession] {
        var conditions = ["owner_id = ?"]
        var arguments: StatementArguments = [query.ownerID]
        for (column, bound, comparison) in [
            ("creation_time", query.createdFrom, ">="), ("creation_time", query.createdTo, "<="),
            ("end_time", query.endedFrom, ">="), ("end_time", query.endedTo, "<="),
        ] {
            guard let bound else { continue }
            conditions.append("\(column) \(comparison) ?")
            arguments += [bound]
        }
        let direction = query.ascending ? "ASC" : "DESC"
        let order = switch query.order {
        case .creationTime: "creation_time \(direction), rowid \(direction)"
        case .endTime: "end_time \(direction) NULLS LAST, rowid \(direction)"
        }
        arguments += [query.limit, query.offset]
        let sql = "SELECT \(RestoreSession.columns) FROM restore_sessions WHERE \(conditions.joined(separator: " AND ")) ORDER BY \(order) LIMIT ? OFFSET ?"
        let bound = arguments
        return try await pool.read { db in
            try Array(Row.fetchCursor(db.cachedStatement(sql: sql), arguments: bound).map(RestoreSession.init(row:)))
        }
    }

    public func update(
        id: Identifier<RestoreSession>,
        _ change: @Sendable (inout RestoreSession) throws -> [SessionEventDraft]
    ) async throws -> (RestoreSession, [SessionEvent])? {
        try await write { db in
            guard var session = try Self.fetchSession(db, id: id) else { return nil }
            let drafts = try change(&session)
            try db.execute(
                sql: """
                    UPDATE restore_sessions SET end_time = ?, state = ?, result = ?, last_activity = ?, restored_items = ?,
                        failed_items = ?, skipped_items = ? WHERE id = ?
                    """,
                arguments: [
                    session.endTime, session.state.rawValue, session.result.rawValue, session.lastActivity,
                    session.restoreTally.restored, session.restoreTally.failed, session.restoreTally.skipped, id,
                ]
            )
            let events = try Self.append(drafts, to: id, db)
            return (session, events)
        }
    }

    public func touch(id: Identifier<RestoreSession>, at time: Timestamp) async throws {
        try await write { db in
            try db.execute(
                sql: "UPDATE restore_sessions SET last_activity = ? WHERE id = ? AND last_activity < ?",
                arguments: [time, id, time]
            )
        }
    }

    public func sessionsToStop(idleSince time: Timestamp) async throws -> [Identifier<RestoreSession>] {
        try await pool.read { db in
            try Identifier<RestoreSession>.fetchAll(
                db.cachedStatement(sql: "SELECT id FROM restore_sessions WHERE state <> 'stopped' AND (last_activity < ? OR state = 'stopping')"),
                arguments: [time]
            )
        }
    }

    public func events(sessionID: Identifier<RestoreSession>, offset: Int, limit: Int) async throws -> EventPage {
        try await pool.read { db in
            let total = try Int.fetchOne(db.cachedStatement(sql: "SELECT event_count FROM restore_sessions WHERE id = ?"), arguments: [sessionID]) ?? 0
            let events = try Array(Row.fetchCursor(
                db.cachedStatement(sql: "SELECT * FROM session_events WHERE session_id = ? AND ord >= ? ORDER BY ord LIMIT ?"),
                arguments: [sessionID, offset, limit]
            ).map(SessionEvent.init(row:)))
            return EventPage(events: events, total: total)
        }
    }

    public func event(id: Identifier<SessionEvent>, sessionID: Identifier<RestoreSession>) async throws -> SessionEvent? {
        try await readOneStatement { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM session_events WHERE id = ? AND session_id = ?"), arguments: [id, sessionID]
            ).map(SessionEvent.init(row:))
        }
    }

    private static func fetchSession(_ db: Database, id: Identifier<RestoreSession>) throws -> RestoreSession? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(RestoreSession.columns) FROM restore_sessions WHERE id = ?"), arguments: [id]).map(RestoreSession.init(row:))
    }

    /// Appends events after the session's last one; the running count keeps `order` gap-free.
    private static func append(_ drafts: [SessionEventDraft], to sessionID: Identifier<RestoreSession>, _ db: Database) throws -> [SessionEvent] {
        guard !drafts.isEmpty else { return [] }
        let first = try Int.fetchOne(db.cachedStatement(sql: "SELECT event_count FROM restore_sessions WHERE id = ?"), arguments: [sessionID]) ?? 0
        var placed: [SessionEvent] = []
        for (index, draft) in drafts.enumerated() {
            let event = draft.placed(in: sessionID, at: first + index)
            try db.cachedStatement(
                sql: """
                    INSERT INTO session_events (id, session_id, ord, type, status, start_time, end_time, title, message,
                        item_name, item_type, item_size, item_source, item_target)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(
                arguments: [
                    event.id, sessionID, event.order, event.type.rawValue, event.status.rawValue, event.startTime,
                    event.endTime, event.title, event.message, event.item?.name, event.item?.type,
                    event.item?.sizeBytes, event.item?.source, event.item?.target,
                ]
            )
            placed.append(event)
        }
        try db.cachedStatement(sql: "UPDATE restore_sessions SET event_count = event_count + ? WHERE id = ?")
            .execute(arguments: [drafts.count, sessionID])
        return placed
    }
}

extension RestoreSession {
    /// The columns `init(row:)` reads, in its order: decoding by position instead of by name was a quarter of the
    /// time spent listing a thousand sessions.
    static let columns = """
        id, owner_id, organization_id, type, point_in_time, show_deleted, show_all_versions, creation_time, end_time, \
        state, result, last_activity, restored_items, failed_items, skipped_items
        """

    init(row: Row) {
        let type = SessionType(rawValue: row[3]) ?? .vex
        let state = RestoreSessionState(rawValue: row[9]) ?? .stopped
        let result = RestoreSessionResult(rawValue: row[10]) ?? .failed
        self.init(
            id: row[0], ownerID: row[1], organizationID: row[2],
            options: ExploreOptions(pointInTime: row[4], type: type, showDeleted: row[5], showAllVersions: row[6]),
            creationTime: row[7], endTime: row[8],
            machine: RestoreSessionStateMachine(state: state, result: result), lastActivity: row[11],
            restoreTally: RestoreTally(restored: row[12], failed: row[13], skipped: row[14])
        )
    }
}

extension SessionEvent {
    init(row: Row) {
        var item: EventItem?
        if let name: String = row["item_name"] {
            item = EventItem(
                name: name, type: row["item_type"] ?? "", sizeBytes: row["item_size"] ?? 0,
                source: row["item_source"] ?? "", target: row["item_target"] ?? ""
            )
        }
        self.init(
            id: row["id"], sessionID: row["session_id"], order: row["ord"],
            type: SessionEventType(rawValue: row["type"]) ?? .none,
            status: SessionEventStatus(rawValue: row["status"]) ?? .success,
            startTime: row["start_time"], endTime: row["end_time"], title: row["title"], message: row["message"], item: item
        )
    }
}
