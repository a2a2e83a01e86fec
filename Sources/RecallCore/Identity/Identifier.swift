import Foundation

/// A typed UUID: `Identifier<RestoreSession>` cannot be passed where `Identifier<Organization>` is expected.
public struct Identifier<Subject>: Hashable, Sendable, CustomStringConvertible {
    public let uuid: UUID

    public init(_ uuid: UUID) {
        self.uuid = uuid
    }

    /// Parses the canonical 8-4-4-4-12 form in any case; anything else is nil.
    public init?(string: some StringProtocol) {
        guard string.utf8.count == 36, let uuid = UUID(uuidString: String(string)) else { return nil }
        self.uuid = uuid
    }

    /// Lower-case canonical form, as the real API prints GUIDs.
    public var description: String { uuid.uuidString.lowercased() }
}
