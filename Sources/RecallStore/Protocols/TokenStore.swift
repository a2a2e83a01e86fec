import RecallCore

/// Which of the two OAuth tokens a record is.
public enum TokenKind: String, Sendable {
    case access
    case refresh
}

/// A bearer or refresh token as stored: only its SHA-256, never the token itself.
public struct TokenRecord: Hashable, Sendable {
    public let hash: [UInt8]
    public let kind: TokenKind
    public let userID: Identifier<User>
    public let issuedAt: Timestamp
    public let expiresAt: Timestamp

    public init(hash: [UInt8], kind: TokenKind, userID: Identifier<User>, issuedAt: Timestamp, expiresAt: Timestamp) {
        self.hash = hash
        self.kind = kind
        self.userID = userID
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
    }
}

/// Persistence of issued tokens.
public protocol TokenStore: Sendable {
    func insert(_ tokens: [TokenRecord]) async throws
    /// The unexpired token with this hash and kind, with its user.
    func validToken(hash: [UInt8], kind: TokenKind, at now: Timestamp) async throws -> (TokenRecord, User)?
    /// Deletes and returns an unexpired refresh token in one step, so that it can be used once only.
    func consumeRefreshToken(hash: [UInt8], at now: Timestamp) async throws -> (TokenRecord, User)?
    /// Deletes an access token and the refresh token issued with it (logout); false when there was no such token.
    func revokeAccessToken(hash: [UInt8]) async throws -> Bool
    /// Drops expired tokens; returns how many.
    @discardableResult func deleteExpiredTokens(at now: Timestamp) async throws -> Int
}
