/// What `recall repository stats` prints.
public struct RepositoryStats: Sendable {
    public var organizations = 0
    public var mailboxes = 0
    public var folders = 0
    public var restorePoints = 0
    public var itemVersions = 0
    public var currentItems = 0
    public var blobs = 0
    /// Bytes as if every restore point kept its own copy of every message it holds.
    public var logicalBytes: Int64 = 0
    /// Bytes actually kept in packs (each distinct message once).
    public var storedBytes: Int64 = 0

    public init() {}
}
