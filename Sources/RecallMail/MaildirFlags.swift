import Foundation

/// Maildir message flags from the `:2,` info suffix of a file name.
public struct MaildirFlags: OptionSet, Sendable, Hashable {
    /// Raw bit set.
    public let rawValue: UInt8
    /// Creates flags from a raw bit set.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `D`: draft.
    public static let draft = MaildirFlags(rawValue: 1 << 0)
    /// `F`: flagged.
    public static let flagged = MaildirFlags(rawValue: 1 << 1)
    /// `P`: passed (forwarded / bounced).
    public static let passed = MaildirFlags(rawValue: 1 << 2)
    /// `R`: replied.
    public static let replied = MaildirFlags(rawValue: 1 << 3)
    /// `S`: seen.
    public static let seen = MaildirFlags(rawValue: 1 << 4)
    /// `T`: trashed.
    public static let trashed = MaildirFlags(rawValue: 1 << 5)

    private static let letters: [(Character, MaildirFlags)] = [
        ("D", .draft), ("F", .flagged), ("P", .passed), ("R", .replied), ("S", .seen), ("T", .trashed),
    ]

    /// Parses the letters after `:2,` (unknown letters such as Dovecot keywords are ignored).
    public init(info: String) {
        var flags: MaildirFlags = []
        for c in info {
            if let match = Self.letters.first(where: { $0.0 == c }) { flags.insert(match.1) }
        }
        self = flags
    }

    /// The flag letters in ASCII order, e.g. `FRS`.
    public var letters: String {
        String(Self.letters.filter { contains($0.1) }.map(\.0))
    }

    /// The Maildir info suffix for a file name in `cur/`, e.g. `:2,FRS` (`:2,` when empty).
    public var suffix: String {
        ":2," + letters
    }
}
