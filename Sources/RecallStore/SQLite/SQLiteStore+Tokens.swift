import Foundation
import GRDB
import RecallCore

extension SQLiteStore: TokenStore {
    public func insert(_ tokens: [TokenRecord]) async throws {
        try await write { db in
            for token in tokens {
                try db.cachedStatement(sql: "INSERT INTO tokens (hash, kind, user_id, issued_at, expires_at, family) VALUES (?, ?, ?, ?, ?, ?)").execute(
                    arguments: [Data(token.hash), token.kind.rawValue, token.userID, token.issuedAt, token.expiresAt, token.family.map { Data($0) }]
                )
            }
        }
    }

    public func validToken(hash: [UInt8], kind: TokenKind, at now: Timestamp) async throws -> (TokenRecord, User)? {
        try await readOneStatement { db in
            try Self.tokenWithUser(db, hash: hash, kind: kind, now: now)
        }
    }

    public func consumeRefreshToken(hash: [UInt8], at now: Timestamp) async throws -> RefreshOutcome {
        try await write { db in
            guard let found = try Self.tokenWithUser(db, hash: hash, kind: .refresh, now: now) else { return .invalid }
            let usedAt = try Timestamp.fetchOne(db.cachedStatement(sql: "SELECT used_at FROM tokens WHERE hash = ?"), arguments: [Data(hash)])
            guard usedAt != nil else {
                // Kept, marked spent, until it expires: a second use is how a stolen copy shows itself.
                try db.cachedStatement(sql: "UPDATE tokens SET used_at = ? WHERE hash = ?").execute(arguments: [now, Data(hash)])
                return .spent(found.0, found.1)
            }
            guard let family = found.0.family else {
                try db.execute(sql: "DELETE FROM tokens WHERE hash = ?", arguments: [Data(hash)])
                return .reused(revokedAccessTokens: [])
            }
            let access = try Data.fetchAll(db, sql: "SELECT hash FROM tokens WHERE family = ? AND kind = 'access'", arguments: [Data(family)])
            try db.execute(sql: "DELETE FROM tokens WHERE family = ?", arguments: [Data(family)])
            return .reused(revokedAccessTokens: access.map { [UInt8]($0) })
        }
    }

    public func revokeAccessToken(hash: [UInt8]) async throws -> [[UInt8]] {
        try await write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT family FROM tokens WHERE hash = ? AND kind = 'access'", arguments: [Data(hash)])
            else { return [] }
            try db.execute(sql: "DELETE FROM tokens WHERE hash = ?", arguments: [Data(hash)])
            guard let family: Data = row["family"] else { return [hash] }
            let access = try Data.fetchAll(db, sql: "SELECT hash FROM tokens WHERE family = ? AND kind = 'access'", arguments: [family])
            try db.execute(sql: "DELETE FROM tokens WHERE family = ?", arguments: [family])
            return [hash] + access.map { [UInt8]($0) }
        }
    }

    @discardableResult
    public func deleteExpiredTokens(at now: Timestamp) async throws -> Int {
        try await write { db in
            try db.execute(sql: "DELETE FROM tokens WHERE expires_at <= ?", arguments: [now])
            return db.changesCount
        }
    }

    private static func tokenWithUser(_ db: Database, hash: [UInt8], kind: TokenKind, now: Timestamp) throws -> (TokenRecord, User)? {
        let sql = """
            SELECT t.hash, t.kind, t.user_id, t.issued_at, t.expires_at, u.id, u.name, u.password_hash, u.created_at, t.family
            FROM tokens t JOIN users u ON u.id = t.user_id
            WHERE t.hash = ? AND t.kind = ? AND t.expires_at > ?
            """
        guard let row = try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [Data(hash), kind.rawValue, now]) else { return nil }
        let family: Data? = row[9]
        let token = TokenRecord(hash: hash, kind: kind, userID: row[2], issuedAt: row[3], expiresAt: row[4], family: family.map { [UInt8]($0) })
        let user = User(id: row[5], name: row[6], passwordHash: row[7], createdAt: row[8])
        return (token, user)
    }
}
