import RecallCore
import Synchronization

/// A restore-session store that remembers sessions in memory, written through on every change, so the reads
/// dashboards poll (`GET /v3/RestoreSessions/{id}`) answer without a database round trip.
///
/// Correct only while this process is the sole writer of sessions in the data dir: `recall serve` holds
/// `serve.lock` for that (see `ServeLock`), and no other command writes sessions. At most `capacity` sessions are
/// kept; past that an arbitrary one is forgotten (it is read again on its next use).
///
/// Ordering: a change (`update`) drops the session from memory once it is stored, and a session read from the
/// database is kept only if no change finished while it was being read, so a read that raced a stop can never put
/// the pre-stop state back. `touch` only moves `lastActivity` forward, in the database and here alike, so its order
/// against other writes does not matter.
public final class CachedRestoreSessionStore: RestoreSessionStore {
    private struct Entries {
        var sessions: [Identifier<RestoreSession>: RestoreSession] = [:]
        /// Counts finished changes; a read keeps what it fetched only if this did not move meanwhile.
        var changes: UInt64 = 0
    }

    private let base: any RestoreSessionStore
    private let capacity: Int
    private let cache = Mutex(Entries())

    public init(_ base: any RestoreSessionStore, capacity: Int = 50_000) {
        precondition(capacity > 0)
        self.base = base
        self.capacity = capacity
    }

    /// Sessions held now.
    public var cachedCount: Int { cache.withLock { $0.sessions.count } }

    public func create(_ session: RestoreSession, events: [SessionEventDraft]) async throws {
        try await base.create(session, events: events)
        remember(session, ifNoChangeSince: nil)  // a new id: no one can have changed it yet
    }

    public func session(id: Identifier<RestoreSession>) async throws -> RestoreSession? {
        let (cached, changes) = cache.withLock { ($0.sessions[id], $0.changes) }
        if let cached { return cached }
        guard let session = try await base.session(id: id) else { return nil }
        remember(session, ifNoChangeSince: changes)
        return session
    }

    public func sessions(ownerID: Identifier<User>) async throws -> [RestoreSession] {
        try await base.sessions(ownerID: ownerID)
    }

    public func sessions(matching query: SessionQuery) async throws -> [RestoreSession] {
        try await base.sessions(matching: query)
    }

    public func update(
        id: Identifier<RestoreSession>,
        _ change: @Sendable (inout RestoreSession) throws -> [SessionEventDraft]
    ) async throws -> (RestoreSession, [SessionEvent])? {
        defer { forget(id) }  // also after a failure: the change may or may not have committed
        return try await base.update(id: id, change)
    }

    public func touch(id: Identifier<RestoreSession>, at time: Timestamp) async throws {
        try await base.touch(id: id, at: time)
        cache.withLock { entries in
            if let old = entries.sessions[id]?.lastActivity, old < time { entries.sessions[id]?.lastActivity = time }
        }
    }

    public func sessionsToStop(idleSince time: Timestamp) async throws -> [Identifier<RestoreSession>] {
        try await base.sessionsToStop(idleSince: time)
    }

    public func events(sessionID: Identifier<RestoreSession>, offset: Int, limit: Int) async throws -> EventPage {
        try await base.events(sessionID: sessionID, offset: offset, limit: limit)
    }

    public func event(id: Identifier<SessionEvent>, sessionID: Identifier<RestoreSession>) async throws -> SessionEvent? {
        try await base.event(id: id, sessionID: sessionID)
    }

    private func remember(_ session: RestoreSession, ifNoChangeSince changes: UInt64?) {
        cache.withLock { entries in
            if let changes, entries.changes != changes { return }
            if entries.sessions[session.id] == nil, entries.sessions.count >= capacity {
                entries.sessions.remove(at: entries.sessions.startIndex)
            }
            entries.sessions[session.id] = session
        }
    }

    private func forget(_ id: Identifier<RestoreSession>) {
        cache.withLock { entries in
            entries.changes &+= 1
            entries.sessions.removeValue(forKey: id)
        }
    }
}
