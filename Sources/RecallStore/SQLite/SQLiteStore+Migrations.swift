import Foundation
import GRDB
import RecallCore

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
        migrator.registerMigration("v2-backup-repository") { db in
            try db.execute(sql: """
                CREATE TABLE blobs (
                    hash BLOB PRIMARY KEY,
                    pack TEXT NOT NULL,
                    offset INTEGER NOT NULL,
                    length INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE mailboxes (
                    id BLOB PRIMARY KEY,
                    organization_id BLOB NOT NULL REFERENCES organizations(id),
                    address TEXT NOT NULL COLLATE NOCASE,
                    display_name TEXT NOT NULL,
                    UNIQUE (organization_id, address)
                );
                CREATE TABLE folders (
                    id BLOB PRIMARY KEY,
                    mailbox_id BLOB NOT NULL REFERENCES mailboxes(id),
                    parent_id BLOB REFERENCES folders(id),
                    path TEXT NOT NULL,
                    UNIQUE (mailbox_id, path)
                );
                CREATE TABLE restore_points (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    mailbox_id BLOB NOT NULL REFERENCES mailboxes(id),
                    organization_id BLOB NOT NULL REFERENCES organizations(id),
                    time INTEGER NOT NULL,
                    imported_at INTEGER NOT NULL,
                    source TEXT NOT NULL
                );
                CREATE INDEX restore_points_by_organization ON restore_points(organization_id, time);
                CREATE INDEX restore_points_by_mailbox ON restore_points(mailbox_id, time);
                CREATE TABLE item_versions (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    item_id BLOB NOT NULL,
                    mailbox_id BLOB NOT NULL REFERENCES mailboxes(id),
                    folder_id BLOB NOT NULL REFERENCES folders(id),
                    first_time INTEGER NOT NULL,
                    first_point INTEGER NOT NULL REFERENCES restore_points(id),
                    end_time INTEGER,
                    end_point INTEGER REFERENCES restore_points(id),
                    end_kind TEXT,
                    blob_hash BLOB NOT NULL REFERENCES blobs(hash),
                    size INTEGER NOT NULL,
                    flags INTEGER NOT NULL,
                    source_name TEXT,
                    subject TEXT NOT NULL,
                    sender TEXT NOT NULL,
                    recipients TEXT NOT NULL,
                    cc TEXT NOT NULL,
                    received INTEGER,
                    sent INTEGER,
                    message_id TEXT,
                    has_attachments INTEGER NOT NULL,
                    item_class TEXT NOT NULL,
                    warnings TEXT NOT NULL
                );
                CREATE INDEX item_versions_by_folder ON item_versions(folder_id, first_time);
                CREATE INDEX item_versions_current ON item_versions(folder_id) WHERE end_time IS NULL;
                CREATE INDEX item_versions_by_item ON item_versions(item_id, first_time);
                CREATE INDEX item_versions_by_blob ON item_versions(blob_hash);
                """)
        }
        migrator.registerMigration("v3-explore") { db in
            try db.execute(sql: """
                ALTER TABLE folders ADD COLUMN first_time INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX item_versions_browse ON item_versions(folder_id, first_time, end_time, end_kind);
                CREATE INDEX item_versions_browse_mailbox ON item_versions(mailbox_id, first_time, end_time, end_kind);
                CREATE TABLE restore_targets (
                    organization_id BLOB PRIMARY KEY REFERENCES organizations(id),
                    maildir_root TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v4-ordered-browse-indexes") { db in
            // Listings are ordered by version id: these indexes give that order within a folder or mailbox and
            // cover the visibility filter, so a page never sorts the whole folder.
            try db.execute(sql: """
                DROP INDEX item_versions_browse;
                DROP INDEX item_versions_browse_mailbox;
                DROP INDEX item_versions_by_folder;
                CREATE INDEX item_versions_folder_order ON item_versions(folder_id, id, first_time, end_time, end_kind);
                CREATE INDEX item_versions_mailbox_order ON item_versions(mailbox_id, id, first_time, end_time, end_kind);
                """)
        }
        migrator.registerMigration("v5-installation-id") { db in
            // The id `GET /v8/ServiceInstance` reports: made once per data dir, kept for its life.
            try db.execute(sql: "CREATE TABLE installation (id BLOB NOT NULL)")
            try db.execute(sql: "INSERT INTO installation (id) VALUES (?)", arguments: [Identifier<SQLiteStore>(UUID())])
        }
        migrator.registerMigration("v6-restore-tally") { db in
            // Item counts of a session's restores, for v8's GET /RestoreSessions/{id}/Statistics.
            try db.execute(sql: """
                ALTER TABLE restore_sessions ADD COLUMN restored_items INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE restore_sessions ADD COLUMN failed_items INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE restore_sessions ADD COLUMN skipped_items INTEGER NOT NULL DEFAULT 0;
                """)
        }
        migrator.registerMigration("v7-token-families") { db in
            // A password grant starts a family, refresh grants continue it; spent refresh tokens stay (used_at) until
            // they expire, so a second use is detected and revokes the family.
            try db.execute(sql: """
                ALTER TABLE tokens ADD COLUMN family BLOB;
                ALTER TABLE tokens ADD COLUMN used_at INTEGER;
                CREATE INDEX tokens_by_family ON tokens(family) WHERE family IS NOT NULL;
                """)
        }
        migrator.registerMigration("v8-blob-checksums") { db in
            // XXH64 of a blob's bytes, which an export checks instead of the SHA-256 (a sixth of its CPU). Blobs stored
            // before have none and are checked against their SHA-256 as before.
            try db.execute(sql: "ALTER TABLE blobs ADD COLUMN checksum INTEGER")
        }
        migrator.registerMigration("v9-version-blob-locations") { db in
            // Where each version's bytes are, kept on the version: an export looked each blob up by its hash, a random
            // read of a table as large as the mailbox index, which on a 2.3 GB mailbox took 2.3 of the query's 2.9 s.
            // Pack names become small integers. Existing versions get their blob's location here, once.
            try db.execute(sql: """
                CREATE TABLE packs (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
                INSERT INTO packs (name) SELECT DISTINCT pack FROM blobs ORDER BY pack;
                ALTER TABLE item_versions ADD COLUMN blob_pack INTEGER REFERENCES packs(id);
                ALTER TABLE item_versions ADD COLUMN blob_offset INTEGER;
                ALTER TABLE item_versions ADD COLUMN blob_checksum INTEGER;
                UPDATE item_versions SET (blob_pack, blob_offset, blob_checksum) = (
                    SELECT p.id, b.offset, b.checksum FROM blobs b JOIN packs p ON p.name = b.pack WHERE b.hash = item_versions.blob_hash
                );
                """)
        }
        // Only an index changes, so foreign keys need no check of every row at the end (on a million sessions, that
        // check took longer than building the index).
        migrator.registerMigration("v10-session-list-index", foreignKeyChecks: .immediate) { db in
            // A user's sessions are listed by creation time, ties by rowid, either way round. An index kept in
            // descending time still holds its rowids ascending, so SQLite sorted each run of equal times again (a temp
            // B-tree); an ascending index read backwards gives `creation_time DESC, rowid DESC` as it is, and forwards
            // the ascending order, with no sort.
            try db.execute(sql: """
                DROP INDEX restore_sessions_by_owner;
                CREATE INDEX restore_sessions_by_owner_time ON restore_sessions(owner_id, creation_time);
                """)
        }
        return migrator
    }
}
