/// What a client asked to explore: the point in time and which item versions to show.
public struct ExploreOptions: Hashable, Sendable {
    public var pointInTime: Timestamp
    public var type: SessionType
    public var showDeleted: Bool
    public var showAllVersions: Bool

    public init(pointInTime: Timestamp, type: SessionType = .vex, showDeleted: Bool = false, showAllVersions: Bool = false) {
        self.pointInTime = pointInTime
        self.type = type
        self.showDeleted = showDeleted
        self.showAllVersions = showAllVersions
    }
}
