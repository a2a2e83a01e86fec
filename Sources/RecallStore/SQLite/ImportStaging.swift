import Foundation
import GRDB
import RecallCore

/// Collects one import run outside the main database (so a long import never holds the main write lock), then
/// moves it in with one transaction.
///
/// Every run has its own files, named by its id: `staging/<id>.sqlite`, locked through `staging/<id>.lock` for as
/// long as the run lives, and the pack it writes, `packs/<id>.pack.tmp`. So imports into one data dir run side by
/// side; one that starts removes only the files of runs whose lock nobody holds (they died: killed, crashed, power
/// lost), and `recall repository verify` notes such leftovers until then.
public final class ImportStaging: ImportRun {
    private let queue: DatabaseQueue
    /// A plain read connection to the main database: one cached statement per blob lookup, no pool round trip.
    private let mainReader: DatabaseQueue
    private let url: URL
    private let lock: ImportLock
    /// Names this run's files; its pack is `packs/<id>.pack`.
    public let id: String
    private var pending = 0
    private var knownBlobs: Set<ContentHash> = []
    private let store: SQLiteStore

    init(store: SQLiteStore, dataDirectory: URL) throws {
        let folder = Self.folder(dataDirectory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        Self.removeAbandoned(dataDirectory: dataDirectory)
        var claimed: (String, ImportLock)?
        for _ in 0..<8 where claimed == nil {
            let id = UUID().uuidString.lowercased()
            if let lock = try ImportLock.create(folder.appendingPathComponent(id + ".lock").path) { claimed = (id, lock) }
        }
        guard let claimed else { throw RecallError.unsupported("Cannot claim a staging file in \(folder.path).") }
        id = claimed.0
        lock = claimed.1
        self.store = store
        url = folder.appendingPathComponent(claimed.0 + ".sqlite")
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true  // the staging file keeps a batch transaction open between rows
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
        }
        queue = try DatabaseQueue(path: url.path, configuration: configuration)
        var readOnly = Configuration()
        readOnly.readonly = true
        readOnly.busyMode = .timeout(10)
        mainReader = try DatabaseQueue(path: dataDirectory.appendingPathComponent("recall.sqlite").path, configuration: readOnly)
        try queue.inDatabase { db in
            try db.execute(sql: """
                CREATE TABLE messages (
                    folder_key TEXT NOT NULL, item_id BLOB, previous_version INTEGER, blob_hash BLOB NOT NULL,
                    size INTEGER NOT NULL, flags INTEGER NOT NULL, source_name TEXT, subject TEXT NOT NULL,
                    sender TEXT NOT NULL, recipients TEXT NOT NULL, cc TEXT NOT NULL, received INTEGER, sent INTEGER,
                    message_id TEXT, has_attachments INTEGER NOT NULL, item_class TEXT NOT NULL, warnings TEXT NOT NULL
                );
                CREATE TABLE blobs (hash BLOB PRIMARY KEY, pack TEXT NOT NULL, offset INTEGER NOT NULL, length INTEGER NOT NULL, checksum INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE ended (version INTEGER PRIMARY KEY, kind TEXT NOT NULL);
                BEGIN;
                """)
        }
    }

    /// The hashes among `hashes` that neither the repository nor this run holds yet: one read for a whole batch.
    public func unknownBlobs(_ hashes: some Sequence<ContentHash>) throws -> Set<ContentHash> {
        let candidates = Set(hashes.lazy.filter { !self.knownBlobs.contains($0) })
        guard !candidates.isEmpty else { return [] }
        return try mainReader.inDatabase { db in
            let statement = try db.cachedStatement(sql: "SELECT 1 FROM blobs WHERE hash = ?")
            var unknown = Set<ContentHash>()
            for hash in candidates where try Bool.fetchOne(statement, arguments: [Data(hash.bytes)]) != true {
                unknown.insert(hash)
            }
            return unknown
        }
    }

    /// Stages a batch: where its new bytes were written, then its new items and versions, in one database call.
    public func stage(blobs: [StagedBlob], messages: [StagedMessage]) throws {
        knownBlobs.formUnion(blobs.map(\.hash))
        try queue.inDatabase { db in
            let blobStatement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO blobs VALUES (?, ?, ?, ?, ?)")
            for blob in blobs {
                let location = blob.location
                try blobStatement.execute(arguments: [
                    Data(blob.hash.bytes), location.pack, location.offset, location.length, Int64(bitPattern: blob.checksum),
                ])
            }
            let messageStatement = try db.cachedStatement(sql: "INSERT INTO messages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            for message in messages {
                var itemID: Identifier<MailItem>?
                var previous: Int64?
                switch message.outcome {
                case .new(let id): itemID = id
                case .changed(let version): previous = version
                }
                let m = message.metadata
                try messageStatement.execute(arguments: [
                    message.folderKey, itemID, previous, Data(message.hash.bytes), message.size, message.flags.rawValue,
                    message.sourceName, m.subject, m.from, m.to.joined(separator: "\n"), m.cc.joined(separator: "\n"),
                    m.received, m.sent, m.messageID, m.hasAttachments, m.itemClass, m.warnings.joined(separator: "\n"),
                ])
            }
        }
        try tick(rows: blobs.count + messages.count)
    }

    /// Marks a previous version as ended at this run (deleted, or changed when a new version follows).
    public func end(version: Int64, as kind: VersionEnd) throws {
        try queue.inDatabase { db in
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO ended VALUES (?, ?)").execute(arguments: [version, kind.rawValue])
        }
        try tick(rows: 1)
    }

    /// Commits every 10 000 rows or so to keep the staging journal small.
    private func tick(rows: Int) throws {
        pending += rows
        if pending >= 10_000 {
            pending = 0
            try queue.inDatabase { db in try db.execute(sql: "COMMIT; BEGIN") }
        }
    }

    /// Moves the run into the main database in one transaction: folders, restore point, blobs, ended and new versions.
    public func commit(
        mailbox proposed: Mailbox, organizationName: String, folders: [String], time: Timestamp, importedAt: Timestamp, source: String,
        ids: any IDGenerator
    ) throws -> ImportCounts {
        try queue.inDatabase { db in try db.execute(sql: "COMMIT") }
        try queue.close()
        try mainReader.close()
        defer { removeFiles() }
        return try store.writeWithoutTransaction { db in
            // The rows below reference folders, the restore point and blobs written in the same transaction, so
            // per-row foreign-key checks only cost time (a quarter of the insert); a somewhat bigger cache keeps the index
            // pages of a large run in memory. Both are restored for the connection's next user.
            try db.execute(sql: "PRAGMA cache_size = -8192; PRAGMA foreign_keys = OFF")
            try db.execute(sql: "ATTACH DATABASE ? AS staging", arguments: [url.path])
            defer {
                try? db.execute(sql: "DETACH DATABASE staging")
                try? db.execute(sql: "PRAGMA foreign_keys = ON; PRAGMA cache_size = -2000")
            }
            var counts = ImportCounts()
            try db.inTransaction {
                let mailbox = try SQLiteStore.ensureMailbox(db, proposed, organizationName: organizationName, now: importedAt)
                if let latest = try Timestamp.fetchOne(db, sql: "SELECT MAX(time) FROM restore_points WHERE mailbox_id = ?", arguments: [mailbox.id]),
                   latest >= time {
                    throw RecallError.invalidArgument("Mailbox \(mailbox.address) already has a restore point at or after \(time); import restore points in time order.")
                }
                for folder in folders {
                    try SQLiteStore.ensureFolder(db, mailboxID: mailbox.id, key: folder, time: time, ids: ids)
                }
                try db.execute(
                    sql: "INSERT INTO restore_points (mailbox_id, organization_id, time, imported_at, source) VALUES (?, ?, ?, ?, ?)",
                    arguments: [mailbox.id, mailbox.organizationID, time, importedAt, source]
                )
                let point = db.lastInsertedRowID
                counts.restorePointID = point
                counts.storedBytes = try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(length), 0) FROM staging.blobs WHERE hash NOT IN (SELECT hash FROM main.blobs)") ?? 0
                try db.execute(sql: "INSERT OR IGNORE INTO main.blobs (hash, pack, offset, length, checksum) SELECT hash, pack, offset, length, checksum FROM staging.blobs")
                try db.execute(sql: "INSERT OR IGNORE INTO main.packs (name) SELECT DISTINCT pack FROM staging.blobs")
                try db.execute(
                    sql: """
                        UPDATE main.item_versions SET end_time = ?, end_point = ?,
                            end_kind = (SELECT kind FROM staging.ended e WHERE e.version = item_versions.id)
                        WHERE id IN (SELECT version FROM staging.ended) AND end_time IS NULL
                        """,
                    arguments: [time, point]
                )
                counts.deleted = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM staging.ended WHERE kind = 'deleted'") ?? 0
                counts.changed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM staging.ended WHERE kind = 'changed'") ?? 0
                counts.new = (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM staging.messages") ?? 0) - counts.changed
                try db.execute(
                    sql: """
                        INSERT INTO main.item_versions (item_id, mailbox_id, folder_id, first_time, first_point, blob_hash, size,
                            flags, source_name, subject, sender, recipients, cc, received, sent, message_id, has_attachments,
                            item_class, warnings, blob_pack, blob_offset, blob_checksum)
                        SELECT COALESCE(m.item_id, (SELECT p.item_id FROM main.item_versions p WHERE p.id = m.previous_version)),
                            ?, f.id, ?, ?, m.blob_hash, m.size, m.flags, m.source_name, m.subject, m.sender, m.recipients,
                            m.cc, m.received, m.sent, m.message_id, m.has_attachments, m.item_class, m.warnings,
                            (SELECT id FROM main.packs WHERE name = b.pack), b.offset, b.checksum
                        FROM staging.messages m JOIN main.folders f ON f.mailbox_id = ? AND f.path = m.folder_key
                        LEFT JOIN main.blobs b ON b.hash = m.blob_hash
                        ORDER BY m.rowid
                        """,
                    arguments: [mailbox.id, time, point, mailbox.id]
                )
                return .commit
            }
            return counts
        }
    }

    /// Abandons the run: nothing reaches the main database.
    public func discard() {
        try? queue.close()
        try? mainReader.close()
        removeFiles()
    }

    private func removeFiles() {
        try? FileManager.default.removeItem(at: url)
        lock.removeAndRelease()
    }

    static func folder(_ dataDirectory: URL) -> URL { dataDirectory.appendingPathComponent("staging") }

    /// Staging runs nobody holds any more: their ids, each with the files it left. Only looks.
    public static func abandoned(dataDirectory: URL) -> [(id: String, files: [String])] {
        sweep(dataDirectory: dataDirectory, remove: false)
    }

    /// Removes what dead runs left: their staging file, their unsealed pack, then their lock file.
    @discardableResult
    static func removeAbandoned(dataDirectory: URL) -> [(id: String, files: [String])] {
        sweep(dataDirectory: dataDirectory, remove: true)
    }

    private static func sweep(dataDirectory: URL, remove: Bool) -> [(id: String, files: [String])] {
        let folder = Self.folder(dataDirectory)
        let packs = dataDirectory.appendingPathComponent("packs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var ids: [String: [String]] = [:]
        for name in names {
            guard let dot = name.firstIndex(of: "."), UUID(uuidString: String(name[..<dot])) != nil else { continue }  // mailbox-… locks stay
            ids[String(name[..<dot]), default: []].append(name)
        }
        var found: [(id: String, files: [String])] = []
        for (id, _) in ids.sorted(by: { $0.key < $1.key }) {
            let lockPath = folder.appendingPathComponent(id + ".lock").path
            var abandonedLock: ImportLock?
            if FileManager.default.fileExists(atPath: lockPath) {
                guard let taken = ImportLock.takeAbandoned(lockPath) else { continue }  // alive
                abandonedLock = taken
            }
            // A staging file with no lock file at all was left by a Recall from before per-run locks.
            var files = [folder.appendingPathComponent(id + ".sqlite"), packs.appendingPathComponent(id + ".pack.tmp")]
                .filter { FileManager.default.fileExists(atPath: $0.path) }
            if remove { for file in files { try? FileManager.default.removeItem(at: file) } }
            if abandonedLock != nil { files.append(URL(fileURLWithPath: lockPath)) }
            if remove { abandonedLock?.removeAndRelease() } else { abandonedLock?.release() }
            found.append((id, files.map(\.path)))
        }
        return found
    }
}
