import Foundation
import GRDB
import RecallCore

extension SQLiteStore: ActionStore, RestoreTargetStore {
    /// Pack files kept open across the reads of one action.
    public func openPacks() -> OpenPacks {
        OpenPacks(dataDirectory: directory)
    }

    /// The next `limit` versions of `scope` in the view after `afterVersion`, in version order (keyset paging, so a
    /// 10 GB mailbox streams in constant memory).
    public func scopedItems(
        organizationID: Identifier<Organization>, scope: ItemScope, view: PointInTimeView, afterVersion: Int64, limit: Int
    ) async throws -> [ScopedItem] {
        let (sql, arguments) = Self.scopeQuery(
            select: "\(ItemVersion.columns("v.")), m.address, f.path", organizationID: organizationID, scope: scope, view: view,
            afterVersion: afterVersion, limit: limit
        )
        return try await pool.read { db in
            try Array(Row.fetchCursor(db, sql: sql, arguments: arguments).map { row in
                let path: String = row[21]
                return ScopedItem(version: ItemVersion(row: row), mailboxAddress: row[20], folderPath: path.split(separator: "/").map(String.init))
            })
        }
    }

    /// A query of the next `limit` versions of `scope` in the view after `afterVersion`, in version order, selecting
    /// `select` from `item_versions v`, `mailboxes m` and `folders f` (unless `folders` is false and the scope is not a
    /// folder).
    static func scopeQuery(
        select: String, folders: Bool = true, organizationID: Identifier<Organization>, scope: ItemScope,
        view: PointInTimeView, afterVersion: Int64, limit: Int
    ) -> (String, StatementArguments) {
        var joinFolders = folders
        if case .folder = scope { joinFolders = true }
        var sql = """
            SELECT \(select) FROM item_versions v
            JOIN mailboxes m ON m.id = v.mailbox_id\(joinFolders ? " JOIN folders f ON f.id = v.folder_id" : "")
            WHERE m.organization_id = ? AND v.id > ?
            """
        var arguments: StatementArguments = [organizationID, afterVersion]
        switch scope {
        case .organization:
            break
        case .mailbox(let mailbox):
            sql += " AND v.mailbox_id = ?"
            arguments += [mailbox]
        case .folder(let mailbox, let folder):
            sql += " AND v.mailbox_id = ? AND (f.id = ? OR f.path LIKE (SELECT replace(replace(path, '%', '\\%'), '_', '\\_') FROM folders WHERE id = ?) || '/%' ESCAPE '\\')"
            arguments += [mailbox, folder, folder]
        case .items(let mailbox, let versions):
            sql += " AND v.mailbox_id = ? AND v.id IN (\(versions.map { _ in "?" }.joined(separator: ",")))"
            arguments += [mailbox]
            arguments += StatementArguments(versions)
        }
        let (filter, filterArguments) = Self.visibility(view)
        sql += " AND \(filter.replacingOccurrences(of: "first_time", with: "v.first_time").replacingOccurrences(of: "end_", with: "v.end_")) ORDER BY v.id LIMIT ?"
        arguments += filterArguments
        arguments += [limit]
        return (sql, arguments)
    }

    /// Where the bytes of these messages are, in one read for a whole batch; missing hashes are left out.
    public func blobLocations(_ hashes: [ContentHash]) async throws -> [ContentHash: BlobPackWriter.Location] {
        let keys = Array(Set(hashes))
        return try await pool.read { db in
            let statement = try db.cachedStatement(sql: "SELECT pack, offset, length FROM blobs WHERE hash = ?")
            var found: [ContentHash: BlobPackWriter.Location] = [:]
            for hash in keys {
                if let row = try Row.fetchOne(statement, arguments: [Data(hash.bytes)]) {
                    found[hash] = BlobPackWriter.Location(pack: row[0], offset: row[1], length: row[2])
                }
            }
            return found
        }
    }

    /// The stored bytes of one message (exports look up a whole batch with `blobLocations` instead).
    public func messageBytes(_ hash: ContentHash) async throws -> [UInt8] {
        try messageBytes(hash, at: try await blobLocations([hash])[hash])
    }

    /// The stored bytes of a message at `location`, checked against its hash; `packs` keeps the pack files open
    /// between calls.
    public func messageBytes(_ hash: ContentHash, at location: BlobPackWriter.Location?, packs: OpenPacks? = nil) throws -> [UInt8] {
        guard let location else { throw RecallError.notFound("The bytes of message \(hash.hex) are missing from the repository.") }
        let bytes = try (packs ?? OpenPacks(dataDirectory: directory)).read(pack: location.pack, offset: location.offset, length: location.length)
        guard BlobPackWriter.hash(bytes) == hash else { throw RecallError.notFound("The bytes of message \(hash.hex) are damaged.") }
        return bytes
    }

    /// The content hashes of every stored version of an item: what a restore may take for an earlier or later copy of
    /// it, where a Message-ID alone proves nothing.
    public func versionHashes(itemID: Identifier<MailItem>) async throws -> Set<ContentHash> {
        try await pool.read { db in
            var hashes = Set<ContentHash>()
            let rows = try Data.fetchCursor(db, sql: "SELECT blob_hash FROM item_versions WHERE item_id = ?", arguments: [itemID])
            while let data = try rows.next() {
                if let hash = ContentHash(bytes: [UInt8](data)) { hashes.insert(hash) }
            }
            return hashes
        }
    }

    /// Where restores of an organization's mail go: a directory with one Maildir per mailbox address.
    public func restoreTarget(organizationID: Identifier<Organization>) async throws -> String? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT maildir_root FROM restore_targets WHERE organization_id = ?", arguments: [organizationID])
        }
    }

    public func setRestoreTarget(organizationID: Identifier<Organization>, maildirRoot: String) async throws {
        try await write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO restore_targets (organization_id, maildir_root) VALUES (?, ?)",
                arguments: [organizationID, maildirRoot]
            )
        }
    }
}
