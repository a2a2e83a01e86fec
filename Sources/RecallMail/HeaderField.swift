import Foundation

/// One header field: its name as written and its unfolded value.
///
/// The value is the raw text after the colon with folding line breaks removed and
/// surrounding whitespace trimmed; RFC 2047 encoded words are *not* decoded here.
public struct HeaderField: Sendable, Equatable {
    /// Field name as it appears in the message (compare case-insensitively).
    public var name: String
    /// Unfolded, trimmed raw value.
    public var value: String

    /// Creates a header field.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
