import GRDB

extension SQLiteStore {
    /// Schema history. Append new migrations; never edit a released one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-users-tokens-organizations-sessions") { db in
            try db.execute(sql: """
                CREATE TABLE users (
                    id BLOB PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    password_hash TEXT NOT NULL,
                    created_at INTEGER NOT NULL
                );
                CREATE TABLE tokens (
                    hash BLOB PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
                    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    issued_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL
                );
                CREATE INDEX tokens_by_expiry ON tokens(expires_at);
                CREATE INDEX tokens_by_user ON tokens(user_id);
                CREATE TABLE organizations (
                    id BLOB PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    created_at INTEGER NOT NULL
                );
                CREATE TABLE restore_sessions (
                    id BLOB PRIMARY KEY,
                    owner_id BLOB NOT NULL,
                    organization_id BLOB NOT NULL REFERENCES organizations(id),
                    type TEXT NOT NULL,
                    point_in_time INTEGER NOT NULL,
                    show_deleted INTEGER NOT NULL,
                    show_all_versions INTEGER NOT NULL,
                    creation_time INTEGER NOT NULL,
                    end_time INTEGER,
                    state TEXT NOT NULL,
                    result TEXT NOT NULL,
                    last_activity INTEGER NOT NULL,
                    event_count INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX restore_sessions_by_owner ON restore_sessions(owner_id, creation_time DESC);
                CREATE INDEX restore_sessions_running ON restore_sessions(last_activity) WHERE state <> 'stopped';
                CREATE TABLE session_events (
                    id BLOB PRIMARY KEY,
                    session_id BLOB NOT NULL REFERENCES restore_sessions(id) ON DELETE CASCADE,
                    ord INTEGER NOT NULL,
                    type TEXT NOT NULL,
                    status TEXT NOT NULL,
                    start_time INTEGER NOT NULL,
                    end_time INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    message TEXT NOT NULL,
                    item_name TEXT,
                    item_type TEXT,
                    item_size INTEGER,
                    item_source TEXT,
                    item_target TEXT,
                    UNIQUE (session_id, ord)
                );
                """)
        }
        return migrator
    }
}
