/// A user mailbox of the demo organization.
public struct DemoMailbox: Sendable, Hashable {
    /// Position of the mailbox in `DemoOrganization.mailboxes`.
    public let index: Int
    /// ASCII SMTP address, e.g. `adele.vance@demo.onmicrosoft.com`.
    public let address: String
    /// Display name, possibly non-ASCII, e.g. `Zoë Müller`.
    public let displayName: String

    /// Creates a mailbox description.
    public init(index: Int, address: String, displayName: String) {
        self.index = index
        self.address = address
        self.displayName = displayName
    }
}
