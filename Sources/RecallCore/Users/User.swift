/// Someone who may log in to the API and own restore sessions.
public struct User: Hashable, Sendable {
    public let id: Identifier<User>
    public let name: String
    /// A bcrypt hash; the password itself is never kept.
    public var passwordHash: String
    public var createdAt: Timestamp

    public init(id: Identifier<User>, name: String, passwordHash: String, createdAt: Timestamp) {
        self.id = id
        self.name = name
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }

    /// User names: 1–128 characters in at most 512 bytes of UTF-8 (a character can carry any number of combining
    /// marks), no control characters (SQLite ends a bound text at NUL: `admin\0x` would be `admin`) or surrounding
    /// spaces (`DOMAIN\user` and UPNs are fine). The token endpoint refuses the same names.
    public static func validate(name: String) throws(RecallError) {
        let ok = !name.isEmpty && name.utf8.count <= 512 && name.count <= 128 && name == name.trimmingSpaces
            && !name.unicodeScalars.contains { $0.properties.generalCategory == .control }
        guard ok else { throw .invalidArgument("User name '\(name)' is not valid.") }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
