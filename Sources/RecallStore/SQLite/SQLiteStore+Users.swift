import GRDB
import RecallCore

extension SQLiteStore: UserStore {
    public func insert(_ user: User) async throws {
        try await write { db in
            try mapConflict("A user named '\(user.name)' already exists.") {
                try db.execute(
                    sql: "INSERT INTO users (id, name, password_hash, created_at) VALUES (?, ?, ?, ?)",
                    arguments: [user.id, user.name, user.passwordHash, user.createdAt]
                )
            }
        }
    }

    public func user(named name: String) async throws -> User? {
        try await pool.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM users WHERE name = ?"), arguments: [name]).map(User.init(row:))
        }
    }

    public func user(id: Identifier<User>) async throws -> User? {
        try await pool.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM users WHERE id = ?"), arguments: [id]).map(User.init(row:))
        }
    }

    public func users() async throws -> [User] {
        try await pool.read { db in
            try Array(Row.fetchCursor(db, sql: "SELECT * FROM users ORDER BY name").map(User.init(row:)))
        }
    }

    public func removeUser(named name: String) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "DELETE FROM users WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }

    public func setPasswordHash(_ hash: String, forUserNamed name: String) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "UPDATE users SET password_hash = ? WHERE name = ?", arguments: [hash, name])
            guard db.changesCount > 0 else { return false }
            try db.execute(sql: "DELETE FROM tokens WHERE user_id = (SELECT id FROM users WHERE name = ?)", arguments: [name])
            return true
        }
    }

    public func upgradePasswordHash(ofUser id: Identifier<User>, from old: String, to new: String) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?", arguments: [new, id, old])
            return db.changesCount > 0
        }
    }
}

extension User {
    init(row: Row) {
        self.init(id: row["id"], name: row["name"], passwordHash: row["password_hash"], createdAt: row["created_at"])
    }
}
