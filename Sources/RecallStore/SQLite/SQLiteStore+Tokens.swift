import Foundation
import GRDB
import RecallCore

extension SQLiteStore: TokenStore {
    public func insert(_ tokens: [TokenRecord]) async throws {
        try await pool.write { db in
            for token in tokens {
                try db.execute(
                    sql: "INSERT INTO tokens (hash, kind, user_id, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [Data(token.hash), token.kind.rawValue, token.userID, token.issuedAt, token.expiresAt]
                )
            }
        }
    }

    public func validToken(hash: [UInt8], kind: TokenKind, at now: Timestamp) async throws -> (TokenRecord, User)? {
        try await readOneStatement { db in
            try Self.tokenWithUser(db, hash: hash, kind: kind, now: now)
        }
    }

    public func consumeRefreshToken(hash: [UInt8], at now: Timestamp) async throws -> (TokenRecord, User)? {
        try await pool.write { db in
            guard let found = try Self.tokenWithUser(db, hash: hash, kind: .refresh, now: now) else { return nil }
            try db.execute(sql: "DELETE FROM tokens WHERE hash = ?", arguments: [Data(hash)])
            return found
        }
    }

    public func revokeAccessToken(hash: [UInt8]) async throws -> Bool {
        try await pool.write { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT user_id, issued_at FROM tokens WHERE hash = ? AND kind = 'access'", arguments: [Data(hash)]
            ) else { return false }
            // The pair is inserted in one call with the same user and issue time.
            try db.execute(
                sql: "DELETE FROM tokens WHERE hash = ? OR (kind = 'refresh' AND user_id = ? AND issued_at = ?)",
                arguments: [Data(hash), row["user_id"] as DatabaseValue, row["issued_at"] as DatabaseValue]
            )
            return true
        }
    }

    @discardableResult
    public func deleteExpiredTokens(at now: Timestamp) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM tokens WHERE expires_at <= ?", arguments: [now])
            return db.changesCount
        }
    }

    private static func tokenWithUser(_ db: Database, hash: [UInt8], kind: TokenKind, now: Timestamp) throws -> (TokenRecord, User)? {
        let sql = """
            SELECT t.hash, t.kind, t.user_id, t.issued_at, t.expires_at, u.id, u.name, u.password_hash, u.created_at
            FROM tokens t JOIN users u ON u.id = t.user_id
            WHERE t.hash = ? AND t.kind = ? AND t.expires_at > ?
            """
        guard let row = try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [Data(hash), kind.rawValue, now]) else { return nil }
        let token = TokenRecord(hash: hash, kind: kind, userID: row[2], issuedAt: row[3], expiresAt: row[4])
        let user = User(id: row[5], name: row[6], passwordHash: row[7], createdAt: row[8])
        return (token, user)
    }
}
