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
    /// The login a token descends from: a password grant starts a family, each refresh grant continues it.
    public let family: [UInt8]?

    public init(hash: [UInt8], kind: TokenKind, userID: Identifier<User>, issuedAt: Timestamp, expiresAt: Timestamp, family: [UInt8]? = nil) {
        self.hash = hash
        self.kind = kind
        self.userID = userID
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.family = family
    }
}

/// What presenting a refresh token came to.
public enum RefreshOutcome: Sendable {
    /// Valid and now spent.
    case spent(TokenRecord, User)
    /// Spent before: a copy is in someone else's hands, so its whole family was revoked (these access tokens).
    case reused(revokedAccessTokens: [[UInt8]])
    /// Unknown or expired.
    case invalid
}

/// Persistence of issued tokens.
public protocol TokenStore: Sendable {
    func insert(_ tokens: [TokenRecord]) async throws
    /// The unexpired token with this hash and kind, with its user.
    func validToken(hash: [UInt8], kind: TokenKind, at now: Timestamp) async throws -> (TokenRecord, User)?
    /// Spends an unexpired refresh token in one step, so that it works once; a second use revokes its family.
    func consumeRefreshToken(hash: [UInt8], at now: Timestamp) async throws -> RefreshOutcome
    /// Deletes an access token and every token of its family (logout); returns the hashes of the access tokens deleted
    /// (this one among them), empty when there was no such token, so that caches can drop them all.
    func revokeAccessToken(hash: [UInt8]) async throws -> [[UInt8]]
    /// Drops expired tokens; returns how many.
    @discardableResult func deleteExpiredTokens(at now: Timestamp) async throws -> Int
}
