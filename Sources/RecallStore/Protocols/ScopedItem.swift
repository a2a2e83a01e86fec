import RecallCore

/// An item version with its mailbox address and folder path, as export and restore need them.
public struct ScopedItem: Sendable {
    public let version: ItemVersion
    public let mailboxAddress: String
    public let folderPath: [String]

    public init(version: ItemVersion, mailboxAddress: String, folderPath: [String]) {
        self.version = version
        self.mailboxAddress = mailboxAddress
        self.folderPath = folderPath
    }
}
