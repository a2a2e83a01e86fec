import RecallCore

/// An event before the store has given it its place in the session's log.
public struct SessionEventDraft: Hashable, Sendable {
    public var id: Identifier<SessionEvent>
    public var type: SessionEventType
    public var status: SessionEventStatus
    public var startTime: Timestamp
    public var endTime: Timestamp
    public var title: String
    public var message: String
    public var item: EventItem?

    public init(
        id: Identifier<SessionEvent>, type: SessionEventType, status: SessionEventStatus, startTime: Timestamp,
        endTime: Timestamp, title: String, message: String, item: EventItem? = nil
    ) {
        self.id = id
        self.type = type
        self.status = status
        self.startTime = startTime
        self.endTime = endTime
        self.title = title
        self.message = message
        self.item = item
    }

    /// The event at position `order` of session `sessionID`.
    public func placed(in sessionID: Identifier<RestoreSession>, at order: Int) -> SessionEvent {
        SessionEvent(
            id: id, sessionID: sessionID, order: order, type: type, status: status, startTime: startTime,
            endTime: endTime, title: title, message: message, item: item
        )
    }
}

/// A page of a session's events and how many there are in all.
public struct EventPage: Sendable {
    public let events: [SessionEvent]
    public let total: Int

    public init(events: [SessionEvent], total: Int) {
        self.events = events
        self.total = total
    }
}

/// Which of a user's sessions to list, in what order, which page (v6–v8 `GET /RestoreSessions`). Time bounds are
/// inclusive; a session that has not ended matches no end-time bound.
public struct SessionQuery: Hashable, Sendable {
    public enum Order: Hashable, Sendable { case creationTime, endTime }

    public var ownerID: Identifier<User>
    public var createdFrom: Timestamp?
    public var createdTo: Timestamp?
    public var endedFrom: Timestamp?
    public var endedTo: Timestamp?
    public var order: Order = .creationTime
    public var ascending = false
    public var offset = 0
    public var limit = 30

    public init(ownerID: Identifier<User>) {
        self.ownerID = ownerID
    }
}

/// Persistence of restore sessions and their events.
public protocol RestoreSessionStore: Sendable {
    /// Stores a new session with its first events (orders 0, 1, …) in one transaction.
    func create(_ session: RestoreSession, events: [SessionEventDraft]) async throws
    func session(id: Identifier<RestoreSession>) async throws -> RestoreSession?
    /// A user's sessions, newest first.
    func sessions(ownerID: Identifier<User>) async throws -> [RestoreSession]
    /// A page of a user's sessions.
    func sessions(matching query: SessionQuery) async throws -> [RestoreSession]
    /// Reads, changes and writes a session in one transaction; the events `change` returns are appended after
    /// the session's last event. Returns the session as saved and the appended events; nil for an unknown id.
    func update(
        id: Identifier<RestoreSession>,
        _ change: @Sendable (inout RestoreSession) throws -> [SessionEventDraft]
    ) async throws -> (RestoreSession, [SessionEvent])?
    /// Records use of a session for the idle timeout.
    func touch(id: Identifier<RestoreSession>, at time: Timestamp) async throws
    /// Sessions not yet stopped whose last activity is before `time`, and sessions left in `Stopping`.
    func sessionsToStop(idleSince time: Timestamp) async throws -> [Identifier<RestoreSession>]
    /// Events in log order.
    func events(sessionID: Identifier<RestoreSession>, offset: Int, limit: Int) async throws -> EventPage
    func event(id: Identifier<SessionEvent>, sessionID: Identifier<RestoreSession>) async throws -> SessionEvent?
}
