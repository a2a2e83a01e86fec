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

    /// RFC 5321's limits on an address, in bytes (the whole path's 256 less its angle brackets).
    public static let maxLocalPartOctets = 64
    public static let maxDomainOctets = 255
    public static let maxAddressOctets = 254

    /// Addresses as Recall accepts them: `local@domain`, printable ASCII, no spaces, within RFC 5321's limits (local
    /// part at most 64 octets, domain at most 255, the whole address at most 254 so it fits a path) — a restore names
    /// a directory after the address, and a longer one could be imported but never restored. An address names a
    /// directory of a restore target, so no slash or backslash, no `..`, and no leading dot. Every way in (import,
    /// the API's restore targets) calls this one check.
    public static func validate(address: String) throws(RecallError) {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        let ok = parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && parts[0].utf8.count <= maxLocalPartOctets && parts[1].utf8.count <= maxDomainOctets
            && address.utf8.count <= maxAddressOctets
            && address.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "\\") }
            && !address.contains("..") && !address.hasPrefix(".")
        guard ok else {
            let shown = address.utf8.count > 400 ? String(address.prefix(60)) + "… (\(address.utf8.count) bytes)" : address
            throw .invalidArgument("'\(shown)' is not a mailbox address such as user@contoso.onmicrosoft.com (at most 64 bytes before the @, 254 in all).")
        }
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
        guard !segments.isEmpty, segments.allSatisfy(isValid(segment:)) else {
            throw .invalidArgument("'\(text)' is not a folder path such as Inbox or Inbox/Projects.")
        }
        return segments
    }

    /// A folder name Recall keeps exactly: not empty, at most 255 characters, and no control character (C0, DEL, C1).
    /// SQLite's text binding ends a name at a NUL and a control character would reach terminals and restored
    /// Maildirs, so such names are refused where they come in rather than altered (two altered names could merge).
    public static func isValid(segment: String) -> Bool {
        !segment.isEmpty && segment.count <= 255 && !segment.unicodeScalars.contains { $0.properties.generalCategory == .control }
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
