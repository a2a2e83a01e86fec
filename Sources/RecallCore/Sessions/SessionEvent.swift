/// Kind of a session event, as the API's `eventType`.
public enum SessionEventType: String, Sendable, CaseIterable {
    case none
    case view
    case restore
    case save
    case send
    case export
}

/// Outcome of a session event, as the API's `eventStatus`.
public enum SessionEventStatus: String, Sendable, CaseIterable {
    case running
    case success
    case warning
    case failed
}

/// What an item-level event is about (restored, exported or saved item).
public struct EventItem: Hashable, Sendable {
    public var name: String
    public var type: String
    public var sizeBytes: Int64
    public var source: String
    public var target: String

    public init(name: String, type: String, sizeBytes: Int64, source: String, target: String) {
        self.name = name
        self.type = type
        self.sizeBytes = sizeBytes
        self.source = source
        self.target = target
    }
}

/// One line of a restore session's log.
public struct SessionEvent: Hashable, Sendable {
    public let id: Identifier<SessionEvent>
    public let sessionID: Identifier<RestoreSession>
    /// Position in the session's log, 0 for the first event, without gaps.
    public let order: Int
    public var type: SessionEventType
    public var status: SessionEventStatus
    public var startTime: Timestamp
    public var endTime: Timestamp
    public var title: String
    public var message: String
    public var item: EventItem?

    public init(
        id: Identifier<SessionEvent>, sessionID: Identifier<RestoreSession>, order: Int, type: SessionEventType,
        status: SessionEventStatus, startTime: Timestamp, endTime: Timestamp, title: String, message: String,
        item: EventItem? = nil
    ) {
        self.id = id
        self.sessionID = sessionID
        self.order = order
        self.type = type
        self.status = status
        self.startTime = startTime
        self.endTime = endTime
        self.title = title
        self.message = message
        self.item = item
    }

    /// Elapsed time in ticks.
    public var durationTicks: Int64 { max(0, endTime.ticks - startTime.ticks) }
}
