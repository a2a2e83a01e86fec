import Foundation

/// One mailbox from an address header, with its display name decoded.
public struct MailAddress: Sendable, Equatable, Hashable {
    /// Decoded display name (quotes removed, RFC 2047 decoded), or nil.
    public var displayName: String?
    /// The addr-spec, e.g. `alice@example.com` (may be empty for a name-only entry).
    public var address: String

    /// Creates an address.
    public init(displayName: String?, address: String) {
        self.displayName = displayName
        self.address = address
    }

    /// Display form: `Alice Example <alice@example.com>`, or just the address or name.
    public var displayForm: String {
        switch (displayName, address.isEmpty) {
        case (let name?, false): return "\(name) <\(address)>"
        case (let name?, true): return name
        case (nil, _): return address
        }
    }
}
