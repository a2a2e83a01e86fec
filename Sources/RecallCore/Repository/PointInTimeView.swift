/// What a restore session shows: the repository as it was at `time` (docs/repository.md, "What a session sees at a point in time").
///
/// A version is visible when it appeared at or before `time` and was still current then. `showDeleted` adds
/// items deleted by `time`; `showAllVersions` adds the older versions of items changed by `time`.
public struct PointInTimeView: Hashable, Sendable {
    public let time: Timestamp
    public let showDeleted: Bool
    public let showAllVersions: Bool

    public init(time: Timestamp, showDeleted: Bool, showAllVersions: Bool) {
        self.time = time
        self.showDeleted = showDeleted
        self.showAllVersions = showAllVersions
    }

    public init(_ options: ExploreOptions) {
        self.init(time: options.pointInTime, showDeleted: options.showDeleted, showAllVersions: options.showAllVersions)
    }

    /// Whether a version that appeared at `first` and ended at `end` (if ever) for `reason` is in the view.
    public func shows(first: Timestamp, end: Timestamp?, reason: VersionEnd?) -> Bool {
        guard first <= time else { return false }
        guard let end, end <= time else { return true }
        switch reason {
        case .deleted: return showDeleted
        case .changed: return showAllVersions
        case nil: return false
        }
    }
}

/// One stored version of a mail item, as browsing shows it.
public struct ItemVersion: Hashable, Sendable {
    /// The version's own id: unique per listed element, stable across restarts.
    public let versionID: Int64
    public let itemID: Identifier<MailItem>
    public let mailboxID: Identifier<Mailbox>
    public let folderID: Identifier<MailFolder>
    public let firstSeen: Timestamp
    public let end: Timestamp?
    public let endReason: VersionEnd?
    public let hash: ContentHash
    public let size: Int64
    public let flags: MessageFlags
    public let metadata: MessageMetadata

    public init(
        versionID: Int64, itemID: Identifier<MailItem>, mailboxID: Identifier<Mailbox>, folderID: Identifier<MailFolder>,
        firstSeen: Timestamp, end: Timestamp?, endReason: VersionEnd?, hash: ContentHash, size: Int64, flags: MessageFlags,
        metadata: MessageMetadata
    ) {
        self.versionID = versionID
        self.itemID = itemID
        self.mailboxID = mailboxID
        self.folderID = folderID
        self.firstSeen = firstSeen
        self.end = end
        self.endReason = endReason
        self.hash = hash
        self.size = size
        self.flags = flags
        self.metadata = metadata
    }
}

/// Which folders a folder listing returns.
public enum FolderFilter: Hashable, Sendable {
    /// Every folder (the API's `parentId` omitted).
    case all
    /// Top-level folders (`parentId=null`).
    case roots
    /// Children of one folder.
    case children(of: Identifier<MailFolder>)
}
