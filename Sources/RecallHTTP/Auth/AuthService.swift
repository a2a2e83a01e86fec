import RecallCore
import RecallStore

/// The OAuth 2 password and refresh-token grants, and bearer-token checks.
public struct AuthService: Sendable {
    /// Tokens handed to a client after a successful grant.
    public struct IssuedTokens: Sendable {
        public let accessToken: String
        public let refreshToken: String
        public let issuedAt: Timestamp
        public let expiresAt: Timestamp
        public let userName: String
    }

    let users: any UserStore
    let tokens: any TokenStore
    let hasher: any PasswordHasher
    let clock: any WallClock
    /// Access-token lifetime in seconds.
    public let accessLifetime: Int64
    /// Refresh-token lifetime in seconds.
    public let refreshLifetime: Int64
    let recentTokens = AccessTokenCache()

    public init(
        users: any UserStore, tokens: any TokenStore, hasher: any PasswordHasher, clock: any WallClock,
        accessLifetime: Int64, refreshLifetime: Int64 = 14 * 86_400
    ) {
        self.users = users
        self.tokens = tokens
        self.hasher = hasher
        self.clock = clock
        self.accessLifetime = accessLifetime
        self.refreshLifetime = refreshLifetime
    }

    /// `grant_type=password`; nil when the user is unknown or the password wrong (the caller cannot tell which).
    public func passwordGrant(userName: String, password: String) async throws -> IssuedTokens? {
        guard let user = try await users.user(named: userName) else {
            // Hash anyway, so that an unknown user takes as long as a wrong password.
            _ = try await hasher.hash(password)
            return nil
        }
        guard try await hasher.verify(password, hash: user.passwordHash) else { return nil }
        return try await issue(for: user)
    }

    /// `grant_type=refresh_token`: the refresh token is spent, a new pair is issued; nil when unknown, used or expired.
    public func refreshGrant(refreshToken: String) async throws -> IssuedTokens? {
        let hash = OpaqueToken.storageHash(of: refreshToken)
        guard let (_, user) = try await tokens.consumeRefreshToken(hash: hash, at: clock.now()) else { return nil }
        return try await issue(for: user)
    }

    /// The user a bearer token belongs to, if the token is valid now.
    public func user(forBearer token: some StringProtocol) async throws -> User? {
        let hash = OpaqueToken.storageHash(of: token)
        let now = clock.now()
        if let user = recentTokens.user(hash: hash, at: now) { return user }
        guard let (record, user) = try await tokens.validToken(hash: hash, kind: .access, at: now) else { return nil }
        recentTokens.remember(hash: hash, user: user, expiresAt: record.expiresAt, at: now)
        return user
    }

    /// Logout: the access token and the refresh token issued with it stop working at once.
    public func logout(bearer token: some StringProtocol) async throws {
        let hash = OpaqueToken.storageHash(of: token)
        recentTokens.forget(hash: hash)
        _ = try await tokens.revokeAccessToken(hash: hash)
    }

    private func issue(for user: User) async throws -> IssuedTokens {
        let now = clock.now()
        let access = OpaqueToken.random()
        let refresh = OpaqueToken.random()
        let expires = now.adding(seconds: accessLifetime)
        try await tokens.insert([
            TokenRecord(hash: access.storageHash, kind: .access, userID: user.id, issuedAt: now, expiresAt: expires),
            TokenRecord(
                hash: refresh.storageHash, kind: .refresh, userID: user.id, issuedAt: now,
                expiresAt: now.adding(seconds: refreshLifetime)
            ),
        ])
        return IssuedTokens(accessToken: access.text, refreshToken: refresh.text, issuedAt: now, expiresAt: expires, userName: user.name)
    }
}
