/// A restore session: one user's view of one organization's backups at a point in time.
public struct RestoreSession: Hashable, Sendable {
    public let id: Identifier<RestoreSession>
    public let ownerID: Identifier<User>
    public let organizationID: Identifier<Organization>
    public let options: ExploreOptions
    public let creationTime: Timestamp
    public var endTime: Timestamp?
    public var machine: RestoreSessionStateMachine
    /// Last time a request used the session; drives the idle timeout.
    public var lastActivity: Timestamp
    /// What this session's restores did, item by item.
    public var restoreTally: RestoreTally

    public init(
        id: Identifier<RestoreSession>, ownerID: Identifier<User>, organizationID: Identifier<Organization>,
        options: ExploreOptions, creationTime: Timestamp, endTime: Timestamp? = nil,
        machine: RestoreSessionStateMachine = RestoreSessionStateMachine(), lastActivity: Timestamp? = nil,
        restoreTally: RestoreTally = RestoreTally()
    ) {
        self.id = id
        self.ownerID = ownerID
        self.organizationID = organizationID
        self.options = options
        self.creationTime = creationTime
        self.endTime = endTime
        self.machine = machine
        self.lastActivity = lastActivity ?? creationTime
        self.restoreTally = restoreTally
    }

    public var type: SessionType { options.type }
    public var state: RestoreSessionState { machine.state }
    public var result: RestoreSessionResult { machine.result }
}
