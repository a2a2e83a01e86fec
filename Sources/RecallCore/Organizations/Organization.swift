/// An Office 365 organization whose mailboxes Recall keeps backups of.
public struct Organization: Hashable, Sendable {
    public let id: Identifier<Organization>
    /// e.g. `contoso.onmicrosoft.com`.
    public var name: String
    public var createdAt: Timestamp
    /// Earliest and latest restore points; nil until the first backup.
    public var backupRange: ClosedRange<Timestamp>?

    public init(id: Identifier<Organization>, name: String, createdAt: Timestamp, backupRange: ClosedRange<Timestamp>? = nil) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.backupRange = backupRange
    }

    public var isBackedUp: Bool { backupRange != nil }

    /// Checks a name as an organization must look: a DNS-like name, 1–253 characters, no spaces or control bytes.
    public static func validate(name: String) throws(RecallError) {
        let ok = !name.isEmpty && name.utf8.count <= 253
            && name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-._".unicodeScalars.contains($0) }
        guard ok else { throw .invalidArgument("Organization name '\(name)' is not valid: use a domain name such as contoso.onmicrosoft.com.") }
    }
}
