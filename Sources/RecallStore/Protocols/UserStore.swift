import RecallCore

/// Persistence of API users.
public protocol UserStore: Sendable {
    /// Adds a user; `RecallError.conflict` when the name is taken (names compare case-insensitively).
    func insert(_ user: User) async throws
    func user(named name: String) async throws -> User?
    func user(id: Identifier<User>) async throws -> User?
    /// All users, by name.
    func users() async throws -> [User]
    /// Removes a user and revokes their tokens; false when there was no such user.
    func removeUser(named name: String) async throws -> Bool
    /// Replaces a user's password hash and revokes their tokens.
    func setPasswordHash(_ hash: String, forUserNamed name: String) async throws -> Bool
    /// Replaces a user's password hash by another of the same password (a stronger kind) when it is still `old`,
    /// keeping their tokens; false when the user is gone or the hash changed meanwhile (`users passwd`).
    func upgradePasswordHash(ofUser id: Identifier<User>, from old: String, to new: String) async throws -> Bool
}
