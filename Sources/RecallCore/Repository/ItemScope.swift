/// What an export, save or restore action covers.
public enum ItemScope: Hashable, Sendable {
    /// Every mailbox of the session's organization.
    case organization
    /// One mailbox, every folder.
    case mailbox(Identifier<Mailbox>)
    /// One folder and its subfolders.
    case folder(Identifier<Mailbox>, Identifier<MailFolder>)
    /// Chosen items (version ids) of one mailbox.
    case items(Identifier<Mailbox>, [Int64])
}
