/// A backed-up mailbox of an organization.
public struct Mailbox: Hashable, Sendable {
    public let id: Identifier<Mailbox>
    public let organizationID: Identifier<Organization>
    /// SMTP address, e.g. `adele.vance@contoso.onmicrosoft.com`.
    public var address: String
    public var displayName: String

    public init(id: Identifier<Mailbox>, organizationID: Identifier<Organization>, address: String, displayName: String) {
        self.id = id
        self.organizationID = organizationID
        self.address = address
        self.displayName = displayName
    }

    /// Addresses as Recall accepts them: `local@domain`, printable ASCII, no spaces, at most 320 bytes. An address
    /// names a directory of a restore target, so no slash or backslash, no `..`, and no leading dot.
    public static func validate(address: String) throws(RecallError) {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        let ok = parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && address.utf8.count <= 320
            && address.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "\\") }
            && !address.contains("..") && !address.hasPrefix(".")
        guard ok else { throw .invalidArgument("'\(address)' is not a mailbox address such as user@contoso.onmicrosoft.com.") }
    }

    public static func isValid(address: String) -> Bool {
        (try? validate(address: address)) != nil
    }
}

/// A folder of a mailbox, identified by its path from the mailbox root.
public struct MailFolder: Hashable, Sendable {
    public let id: Identifier<MailFolder>
    public let mailboxID: Identifier<Mailbox>
    public let parentID: Identifier<MailFolder>?
    /// e.g. `["Inbox", "Projects"]`.
    public let path: [String]

    public init(id: Identifier<MailFolder>, mailboxID: Identifier<Mailbox>, parentID: Identifier<MailFolder>?, path: [String]) {
        self.id = id
        self.mailboxID = mailboxID
        self.parentID = parentID
        self.path = path
    }

    public var name: String { path.last ?? "" }

    /// Folder paths as Recall stores them: segments joined by `/` (a `/` inside a name is kept as `∕`).
    public static func key(_ path: [String]) -> String {
        path.map { $0.replacingOccurrences(of: "/", with: "∕") }.joined(separator: "/")
    }

    /// Splits `Inbox/Projects` into segments; rejects empty segments and control characters.
    public static func parse(_ text: String) throws(RecallError) -> [String] {
        let segments = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let ok = !segments.isEmpty && segments.allSatisfy { segment in
            !segment.isEmpty && segment.count <= 255 && !segment.unicodeScalars.contains { $0.properties.generalCategory == .control }
        }
        guard ok else { throw .invalidArgument("'\(text)' is not a folder path such as Inbox or Inbox/Projects.") }
        return segments
    }
}

/// One backup run of a mailbox: the state of (part of) the mailbox at `time`.
public struct RestorePoint: Hashable, Sendable {
    public let id: Int64
    public let mailboxID: Identifier<Mailbox>
    public let time: Timestamp

    public init(id: Int64, mailboxID: Identifier<Mailbox>, time: Timestamp) {
        self.id = id
        self.mailboxID = mailboxID
        self.time = time
    }
}

/// A message as the explore API sees it: one item, possibly in several versions.
public enum MailItem {}
