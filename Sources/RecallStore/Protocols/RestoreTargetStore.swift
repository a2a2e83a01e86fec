import RecallCore

/// Where restores of an organization's mail go: a directory with one Maildir per mailbox address.
public protocol RestoreTargetStore: Sendable {
    /// The organization's Maildir root; nil when none was set.
    func restoreTarget(organizationID: Identifier<Organization>) async throws -> String?
    /// Sets or replaces the organization's Maildir root.
    func setRestoreTarget(organizationID: Identifier<Organization>, maildirRoot: String) async throws
}
