import RecallCore

/// The scope of an action as events and file names describe it.
public struct ActionTarget: Sendable {
    public let scope: ItemScope
    /// `itemName` of the event: a mailbox address, a folder name, an item's subject, or the organization.
    public let name: String
    /// `itemType` of the event: `Mailbox`, `Folder`, `Item`, `Items` or `Organization`.
    public let type: String
    /// `source` of the event, e.g. `adele@contoso.onmicrosoft.com/Inbox`.
    public let source: String

    public init(scope: ItemScope, name: String, type: String, source: String) {
        self.scope = scope
        self.name = name
        self.type = type
        self.source = source
    }

    /// A file name made of the target's name: letters, digits, `.`, `-`, `_` and `@` kept, the rest `_`.
    public func fileName(extension ext: String) -> String {
        let cleaned = String(name.unicodeScalars.map { scalar -> Character in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || ".-_@".unicodeScalars.contains(scalar) ? Character(scalar) : "_"
        }.prefix(100))
        return (cleaned.isEmpty ? "items" : cleaned) + "." + ext
    }
}
