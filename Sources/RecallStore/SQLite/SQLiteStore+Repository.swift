import Foundation
import GRDB
import RecallCore

extension SQLiteStore: ImportStore {
    /// The mailbox an import goes into: the stored one, or a new value (with new ids) that the import's commit
    /// creates together with its organization, so an interrupted first import leaves nothing behind.
    public func mailboxForImport(organizationName: String, address: String, ids: any IDGenerator) throws -> Mailbox {
        try pool.read { db in
            let organizationID = try Identifier<Organization>.fetchOne(db, sql: "SELECT id FROM organizations WHERE name = ?", arguments: [organizationName])
            if let organizationID,
               let row = try Row.fetchOne(db, sql: "SELECT * FROM mailboxes WHERE organization_id = ? AND address = ?", arguments: [organizationID, address]) {
                return Mailbox(row: row)
            }
            return Mailbox(id: ids.make(), organizationID: organizationID ?? ids.make(), address: address, displayName: Self.displayName(for: address))
        }
    }

    /// Inserts the organization and mailbox of an import if they are new (inside the import's transaction), and says
    /// which mailbox the run belongs to: an organization another import created meanwhile (imports of two new
    /// mailboxes of a new organization, side by side) is the run's organization too.
    static func ensureMailbox(_ db: Database, _ proposed: Mailbox, organizationName: String, now: Timestamp) throws -> Mailbox {
        try db.execute(
            sql: "INSERT OR IGNORE INTO organizations (id, name, created_at) VALUES (?, ?, ?)",
            arguments: [proposed.organizationID, organizationName, now]
        )
        guard let storedOrganization = try Identifier<Organization>.fetchOne(db, sql: "SELECT id FROM organizations WHERE name = ?", arguments: [organizationName]) else {
            throw RecallError.conflict("Organization \(organizationName) could not be created; run the import again.")
        }
        var mailbox = proposed
        if storedOrganization != proposed.organizationID {
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM mailboxes WHERE id = ?", arguments: [proposed.id]) != true else {
                throw RecallError.conflict("Organization \(organizationName) was created by another command meanwhile; run the import again.")
            }
            mailbox = Mailbox(id: proposed.id, organizationID: storedOrganization, address: proposed.address, displayName: proposed.displayName)
        }
        try db.execute(
            sql: "INSERT OR IGNORE INTO mailboxes (id, organization_id, address, display_name) VALUES (?, ?, ?, ?)",
            arguments: [mailbox.id, mailbox.organizationID, mailbox.address, mailbox.displayName]
        )
        let storedMailbox = try Identifier<Mailbox>.fetchOne(
            db, sql: "SELECT id FROM mailboxes WHERE organization_id = ? AND address = ?", arguments: [mailbox.organizationID, mailbox.address]
        )
        guard storedMailbox == mailbox.id else {
            throw RecallError.conflict("Mailbox \(mailbox.address) was created by another command meanwhile; run the import again.")
        }
        return mailbox
    }

    /// `adele.vance@…` → `Adele Vance`.
    static func displayName(for address: String) -> String {
        let local = address.split(separator: "@").first.map(String.init) ?? address
        return local.split(whereSeparator: { $0 == "." || $0 == "_" || $0 == "-" }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    /// Current versions of a mailbox, in every folder or in the given folders.
    public func currentVersions(mailboxID: Identifier<Mailbox>, folderKeys: Set<String>?) throws -> [CurrentVersion] {
        try pool.read { db in
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT v.id, f.path, v.blob_hash, v.flags, v.source_name, v.message_id
                    FROM item_versions v JOIN folders f ON f.id = v.folder_id
                    WHERE v.mailbox_id = ? AND v.end_time IS NULL
                    """,
                arguments: [mailboxID]
            )
            var result: [CurrentVersion] = []
            while let row = try cursor.next() {
                let key: String = row[1]
                if let folderKeys, !folderKeys.contains(key) { continue }
                let hashData: Data = row[2]
                result.append(CurrentVersion(
                    versionID: row[0], folderKey: key, hash: ContentHash(bytes: [UInt8](hashData))!,
                    flags: MessageFlags(rawValue: row[3]), sourceName: row[4], messageID: row[5]
                ))
            }
            return result
        }
    }

    /// Starts staging an import run.
    public func beginImport(dataDirectory: URL) throws -> any ImportRun {
        try ImportStaging(store: self, dataDirectory: dataDirectory)
    }

    /// Holds imports of one mailbox one at a time (`staging/mailbox-<SHA-256 of organization and address>.lock`, by
    /// name because a new mailbox has no id yet): each run compares against the mailbox's latest restore point, so a
    /// second run must not read it before the first commits. `onWait` runs when another import holds the mailbox;
    /// the caller then waits until that import ends.
    public func lockMailboxForImport(organizationName: String, address: String, dataDirectory: URL, onWait: () -> Void) throws -> ImportLock {
        let folder = ImportStaging.folder(dataDirectory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key = BlobPackWriter.hash(Array("\(organizationName)\n\(address)".utf8)).hex
        return try ImportLock.wait(folder.appendingPathComponent("mailbox-\(key).lock").path, onWait: onWait)
    }

    /// Commits a staged run as one restore point of `mailbox` at `time`.
    public func commitImport(
        _ staging: any ImportRun, mailbox: Mailbox, organizationName: String, folders: [String], time: Timestamp,
        importedAt: Timestamp, source: String, ids: any IDGenerator
    ) throws -> ImportCounts {
        try staging.commit(
            mailbox: mailbox, organizationName: organizationName, folders: folders, time: time, importedAt: importedAt, source: source, ids: ids
        )
    }

    /// Creates a folder and its parents if missing.
    static func ensureFolder(_ db: Database, mailboxID: Identifier<Mailbox>, key: String, time: Timestamp, ids: any IDGenerator) throws {
        var parentID: Identifier<MailFolder>?
        var path: [Substring] = []
        for segment in key.split(separator: "/") {
            path.append(segment)
            let partial = path.joined(separator: "/")
            if let existing = try Identifier<MailFolder>.fetchOne(db, sql: "SELECT id FROM folders WHERE mailbox_id = ? AND path = ?", arguments: [mailboxID, partial]) {
                parentID = existing
                continue
            }
            let id: Identifier<MailFolder> = ids.make()
            try db.execute(
                sql: "INSERT INTO folders (id, mailbox_id, parent_id, path, first_time) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, mailboxID, parentID, partial, time]
            )
            parentID = id
        }
    }
}

extension Mailbox {
    init(row: Row) {
        self.init(id: row["id"], organizationID: row["organization_id"], address: row["address"], displayName: row["display_name"])
    }
}
