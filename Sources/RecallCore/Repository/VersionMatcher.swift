/// Matches one backup run's messages of a folder to the versions current at the previous restore point (docs/repository.md):
/// first identical bytes and flags (unchanged), then identical bytes (flags changed), then the same source name
/// (Maildir file) or Message-ID (changed: a new version). Duplicates pair one to one; what is left over is new,
/// and the previous versions nobody claimed are deleted. No I/O.
public struct VersionMatcher<VersionID: Hashable & Sendable>: Sendable {
    /// A version current at the previous restore point.
    public struct Previous: Sendable {
        public let id: VersionID
        public let hash: ContentHash
        public let flags: MessageFlags
        public let sourceName: String?
        public let messageID: String?

        public init(id: VersionID, hash: ContentHash, flags: MessageFlags, sourceName: String?, messageID: String?) {
            self.id = id
            self.hash = hash
            self.flags = flags
            self.sourceName = sourceName
            self.messageID = messageID
        }
    }

    /// What became of a new message.
    public enum Outcome: Hashable, Sendable {
        case unchanged(VersionID)
        case changed(VersionID)
        case new
    }

    private struct ExactKey: Hashable {
        let hash: ContentHash
        let flags: MessageFlags
    }

    private var byExact: [ExactKey: [VersionID]] = [:]
    private var byHash: [ContentHash: [VersionID]] = [:]
    private var bySourceName: [String: [VersionID]] = [:]
    private var byMessageID: [String: [VersionID]] = [:]
    private var unclaimed: Set<VersionID> = []

    public init(previous: some Sequence<Previous>) {
        for version in previous {
            unclaimed.insert(version.id)
            byExact[ExactKey(hash: version.hash, flags: version.flags), default: []].append(version.id)
            byHash[version.hash, default: []].append(version.id)
            if let name = version.sourceName { bySourceName[name, default: []].append(version.id) }
            if let id = version.messageID { byMessageID[id, default: []].append(version.id) }
        }
    }

    /// Pass one, for every new message before any `matchLoosely`: identical bytes (and flags).
    public mutating func matchExactly(hash: ContentHash, flags: MessageFlags) -> Outcome? {
        if let id = Self.claim(&byExact, ExactKey(hash: hash, flags: flags), from: &unclaimed) { return .unchanged(id) }
        return nil
    }

    /// Pass two, for the messages pass one left: same bytes with other flags, same source name, same Message-ID.
    public mutating func matchLoosely(hash: ContentHash, sourceName: String?, messageID: String?) -> Outcome {
        if let id = Self.claim(&byHash, hash, from: &unclaimed) { return .changed(id) }
        if let name = sourceName, let id = Self.claim(&bySourceName, name, from: &unclaimed) { return .changed(id) }
        if let messageID, let id = Self.claim(&byMessageID, messageID, from: &unclaimed) { return .changed(id) }
        return .new
    }

    /// Previous versions no new message claimed: deleted at this restore point.
    public var deleted: Set<VersionID> { unclaimed }

    /// Whether every previous version has been claimed (then every further message is new).
    public var isExhausted: Bool { unclaimed.isEmpty }

    private static func claim<Key: Hashable>(_ index: inout [Key: [VersionID]], _ key: Key, from unclaimed: inout Set<VersionID>) -> VersionID? {
        guard var candidates = index[key] else { return nil }
        while let candidate = candidates.first {
            candidates.removeFirst()
            if unclaimed.remove(candidate) != nil {
                index[key] = candidates.isEmpty ? nil : candidates
                return candidate
            }
        }
        index[key] = nil
        return nil
    }
}
