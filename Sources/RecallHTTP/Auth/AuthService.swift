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
    let throttle = LoginThrottle()

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

    /// Too many failed grants lately from this client or for this user: try again after `retryAfter` seconds.
    public struct Throttled: Error, Sendable {
        public let retryAfter: Int64
    }

    /// `grant_type=password`; nil when the user is unknown or the password wrong (the caller cannot tell which);
    /// `Throttled` after too many failures from `clientAddress`, or for `userName` unless this user logged in from
    /// `clientAddress` lately (so that someone guessing elsewhere cannot lock the real user out).
    public func passwordGrant(userName: String, password: String, clientAddress: String? = nil) async throws -> IssuedTokens? {
        let address = LoginThrottle.addressKey(clientAddress)
        let account = LoginThrottle.userKey(userName)
        let standing = LoginThrottle.standingKey(user: userName, address: clientAddress)
        let now = clock.now()
        let addressWait = throttle.retryAfter(address, limit: LoginThrottle.perAddress, at: now)
        let userWait = throttle.hasStanding(standing, at: now) ? nil : throttle.retryAfter(account, limit: LoginThrottle.perUser, at: now)
        if let wait = [addressWait, userWait].compactMap({ $0 }).max() { throw Throttled(retryAfter: wait) }
        let failures = [(address, LoginThrottle.perAddress), (account, LoginThrottle.perUser)]
        guard let user = try await users.user(named: userName) else {
            // Hash anyway, so that an unknown user takes as long as a wrong password.
            _ = try await hasher.hash(password)
            throttle.recordFailure(failures, at: now)
            return nil
        }
        guard try await hasher.verify(password, hash: user.passwordHash) else {
            throttle.recordFailure(failures, at: now)
            return nil
        }
        if hasher.needsRehash(user.passwordHash) {
            // A hash from before every byte counted: now that the whole password is known, hash it the new way.
            _ = try await users.upgradePasswordHash(ofUser: user.id, from: user.passwordHash, to: try await hasher.hash(password))
        }
        // The user's failures stay: clearing them would hand whoever is guessing a fresh budget at each real login.
        throttle.recordSuccess(standing, at: now)
        return try await issue(for: user, family: Self.newFamily())
    }

    /// `grant_type=refresh_token`: the refresh token is spent, a new pair of the same family is issued; nil when
    /// unknown or expired, and when already spent, which also revokes every token of its family (a copy leaked).
    /// Failures count against the address's refresh budget only, never its password budget.
    public func refreshGrant(refreshToken: String, clientAddress: String? = nil) async throws -> IssuedTokens? {
        let address = LoginThrottle.refreshKey(clientAddress)
        let now = clock.now()
        if let wait = throttle.retryAfter(address, limit: LoginThrottle.refreshPerAddress, at: now) { throw Throttled(retryAfter: wait) }
        let hash = OpaqueToken.storageHash(of: refreshToken)
        let outcome = try await tokens.consumeRefreshToken(hash: hash, at: now)
        if case .spent = outcome {} else { throttle.recordFailure([(address, LoginThrottle.refreshPerAddress)], at: now) }
        switch outcome {
        case .spent(let record, let user):
            return try await issue(for: user, family: record.family ?? Self.newFamily())
        case .reused(let revoked):
            recentTokens.forget(hashes: Set(revoked))
            return nil
        case .invalid:
            return nil
        }
    }

    /// The user a bearer token belongs to, if the token is valid now.
    public func user(forBearer token: some StringProtocol) async throws -> User? {
        let now = clock.now()
        let key = AccessTokenCache.Key(token)
        if let key, let user = recentTokens.user(key, at: now) { return user }
        let hash = OpaqueToken.storageHash(of: token)
        guard let (record, user) = try await tokens.validToken(hash: hash, kind: .access, at: now) else { return nil }
        if let key { recentTokens.remember(key, hash: hash, user: user, expiresAt: record.expiresAt, at: now) }
        return user
    }

    /// Logout: the access token and every token of its login (family) stop working at once.
    public func logout(bearer token: some StringProtocol) async throws {
        let hash = OpaqueToken.storageHash(of: token)
        recentTokens.forget(hash: hash)
        // Every access token of the login, not only this one: a cached sibling worked for up to five more seconds.
        recentTokens.forget(hashes: Set(try await tokens.revokeAccessToken(hash: hash)))
    }

    /// 128 random bits naming a new login's token family.
    static func newFamily() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    private func issue(for user: User, family: [UInt8]) async throws -> IssuedTokens {
        let now = clock.now()
        let access = OpaqueToken.random()
        let refresh = OpaqueToken.random()
        let expires = now.adding(seconds: accessLifetime)
        try await tokens.insert([
            TokenRecord(hash: access.storageHash, kind: .access, userID: user.id, issuedAt: now, expiresAt: expires, family: family),
            TokenRecord(
                hash: refresh.storageHash, kind: .refresh, userID: user.id, issuedAt: now,
                expiresAt: now.adding(seconds: refreshLifetime), family: family
            ),
        ])
        return IssuedTokens(accessToken: access.text, refreshToken: refresh.text, issuedAt: now, expiresAt: expires, userName: user.name)
    }
}
