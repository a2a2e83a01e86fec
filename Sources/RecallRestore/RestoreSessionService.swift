import Logging
import RecallCore
import RecallStore

/// Starts, reads and stops restore sessions, and keeps their event logs; the only writer of session state.
public struct RestoreSessionService: Sendable {
    let sessions: any RestoreSessionStore
    let organizations: any OrganizationStore
    let clock: any WallClock
    let ids: any IDGenerator
    /// Seconds without activity after which a session stops by itself.
    public let idleTimeout: Int64
    /// Running actions, cancelled when their session stops.
    public let actions = ActionRegistry()
    /// Told of starts, stops and finished actions (the server's metrics).
    let activity: any RestoreActivity

    public init(
        sessions: any RestoreSessionStore, organizations: any OrganizationStore, clock: any WallClock,
        ids: any IDGenerator, idleTimeout: Int64, activity: any RestoreActivity = NoRestoreActivity()
    ) {
        self.sessions = sessions
        self.organizations = organizations
        self.clock = clock
        self.ids = ids
        self.idleTimeout = idleTimeout
        self.activity = activity
    }

    /// Starts a session over an organization's backups at the given point in time.
    public func explore(organizationID: Identifier<Organization>, options: ExploreOptions, owner: User) async throws -> RestoreSession {
        guard try await organizations.organization(id: organizationID) != nil else {
            throw RecallError.notFound("Organization with ID '\(organizationID)' was not found.")
        }
        let now = clock.now()
        var session = RestoreSession(id: ids.make(), ownerID: owner.id, organizationID: organizationID, options: options, creationTime: now)
        guard try session.machine.event(.started) == .recordStarted else { preconditionFailure("a new session starts") }
        let started = SessionEventDraft(
            id: ids.make(), type: .none, status: .success, startTime: now, endTime: now,
            title: SessionEventWording.started, message: SessionEventWording.started
        )
        try await sessions.create(session, events: [started])
        activity.sessionStarted()
        return session
    }

    /// One of the user's sessions; `notFound` for unknown ids and for other users' sessions alike.
    public func session(id: Identifier<RestoreSession>, for user: User) async throws -> RestoreSession {
        guard let session = try await sessions.session(id: id), session.ownerID == user.id else {
            throw RecallError.notFound("Restore session with ID '\(id)' was not found.")
        }
        return session
    }

    /// One of the user's sessions that is still working, marked as used (which defers its idle stop).
    /// Whether the session exists and is still working (not stopping or stopped).
    func isWorking(_ id: Identifier<RestoreSession>) async throws -> Bool {
        try await sessions.session(id: id)?.machine.isWorking == true
    }

    public func workingSession(id: Identifier<RestoreSession>, for user: User) async throws -> RestoreSession {
        let session = try await session(id: id, for: user)
        guard session.machine.isWorking else { throw RecallError.sessionNotWorking(id) }
        let now = clock.now()
        if now.ticks - session.lastActivity.ticks >= Timestamp.ticksPerSecond {
            try await sessions.touch(id: id, at: now)
        }
        return session
    }

    /// The user's sessions, newest first.
    public func sessions(for user: User) async throws -> [RestoreSession] {
        try await sessions.sessions(ownerID: user.id)
    }

    /// A filtered, ordered page of the user's sessions (the query's owner is replaced by `user`).
    public func sessions(matching query: SessionQuery, for user: User) async throws -> [RestoreSession] {
        var query = query
        query.ownerID = user.id
        return try await sessions.sessions(matching: query)
    }


    /// Stops one of the user's sessions; stopping a stopped session changes nothing.
    @discardableResult
    public func stop(id: Identifier<RestoreSession>, for user: User) async throws -> RestoreSession {
        _ = try await session(id: id, for: user)
        return try await stop(id: id, reason: .requested)
    }

    /// Drives the state machine through `Stopping` to `Stopped`, recording the stop event once.
    @discardableResult
    func stop(id: Identifier<RestoreSession>, reason: StopReason) async throws -> RestoreSession {
        let idleTimeout = idleTimeout
        guard let (requested, _) = try await sessions.update(id: id, { session in
            _ = try session.machine.event(.stopRequested(reason))
            return []
        }) else { throw RecallError.notFound("Restore session with ID '\(id)' was not found.") }
        guard requested.state == .stopping else { return requested }
        actions.cancelAll(of: id)
        let now = clock.now()
        let eventID: Identifier<SessionEvent> = ids.make()
        guard let (stopped, appended) = try await sessions.update(id: id, { session in
            guard session.state == .stopping else { return [] }  // a concurrent stop finished first
            guard case .recordStopped(let reason) = try session.machine.event(.stopCompleted(reason)) else { return [] }
            session.endTime = now
            return [
                SessionEventDraft(
                    id: eventID, type: .none, status: .success, startTime: now, endTime: now,
                    title: SessionEventWording.stopped,
                    message: SessionEventWording.stopMessage(reason, idleTimeoutSeconds: idleTimeout)
                ),
            ]
        }) else { throw RecallError.notFound("Restore session with ID '\(id)' was not found.") }
        if !appended.isEmpty { activity.sessionStopped(reason) }
        return stopped
    }

    /// Records a finished action's event and lets the result reflect its failures.
    func recordAction(
        _ id: Identifier<RestoreSession>, _ draft: SessionEventDraft, failed: Int, succeeded: Int, tally: RestoreTally? = nil
    ) async throws {
        activity.actionFinished(draft.type, status: draft.status, succeeded: succeeded, failed: failed)
        _ = try await sessions.update(id: id) { session in
            guard session.machine.isWorking else { return [] }  // stopped meanwhile: nothing to add
            _ = try session.machine.event(.actionFinished(failed: failed, succeeded: succeeded))
            if let tally { session.restoreTally.add(tally) }
            session.lastActivity = draft.endTime
            return [draft]
        }
    }

    /// Stops every session idle for longer than the timeout, and finishes stops a crash interrupted.
    @discardableResult
    public func stopIdleSessions(logger: Logger? = nil) async throws -> Int {
        let cutoff = clock.now().adding(seconds: -idleTimeout)
        let ids = try await sessions.sessionsToStop(idleSince: cutoff)
        for id in ids {
            let session = try await stop(id: id, reason: .idleTimeout)
            logger?.info("Stopped idle restore session", metadata: ["session": "\(session.id)"])
        }
        return ids.count
    }

    /// A page of one of the user's sessions' events.
    public func events(sessionID: Identifier<RestoreSession>, for user: User, offset: Int, limit: Int) async throws -> EventPage {
        _ = try await session(id: sessionID, for: user)
        return try await sessions.events(sessionID: sessionID, offset: offset, limit: limit)
    }

    /// One event of one of the user's sessions.
    public func event(id: Identifier<SessionEvent>, sessionID: Identifier<RestoreSession>, for user: User) async throws -> SessionEvent {
        _ = try await session(id: sessionID, for: user)
        guard let event = try await sessions.event(id: id, sessionID: sessionID) else {
            throw RecallError.notFound("Event with ID '\(id)' was not found.")
        }
        return event
    }

    /// The organization a session explores.
    public func organization(of session: RestoreSession) async throws -> Organization {
        guard let organization = try await organizations.organization(id: session.organizationID) else {
            throw RecallError.notFound("Organization with ID '\(session.organizationID)' was not found.")
        }
        return organization
    }
}
