import Foundation
import GRDB
import RecallCore

extension SQLiteStore: ExploreStore {
    public func mailboxes(organizationID: Identifier<Organization>, at time: Timestamp, offset: Int, limit: Int) async throws -> [Mailbox] {
        try await readOneStatement { db in
            try Array(Row.fetchCursor(
                db.cachedStatement(sql: """
                    SELECT * FROM mailboxes m WHERE m.organization_id = ?
                        AND EXISTS (SELECT 1 FROM restore_points r WHERE r.mailbox_id = m.id AND r.time <= ?)
                    ORDER BY m.address LIMIT ? OFFSET ?
                    """),
                arguments: [organizationID, time, limit, offset]
            ).map(Mailbox.init(row:)))
        }
    }

    public func mailbox(id: Identifier<Mailbox>, organizationID: Identifier<Organization>, at time: Timestamp) async throws -> Mailbox? {
        try await readOneStatement { db in
            try Row.fetchOne(
                db.cachedStatement(sql: """
                    SELECT * FROM mailboxes m WHERE m.id = ? AND m.organization_id = ?
                        AND EXISTS (SELECT 1 FROM restore_points r WHERE r.mailbox_id = m.id AND r.time <= ?)
                    """),
                arguments: [id, organizationID, time]
            ).map(Mailbox.init(row:))
        }
    }

    public func folders(mailboxID: Identifier<Mailbox>, at time: Timestamp, filter: FolderFilter, offset: Int, limit: Int) async throws -> [MailFolder] {
        try await readOneStatement { db in
            var sql = "SELECT * FROM folders WHERE mailbox_id = ? AND first_time <= ?"
            var arguments: StatementArguments = [mailboxID, time]
            switch filter {
            case .all: break
            case .roots: sql += " AND parent_id IS NULL"
            case .children(let parent):
                sql += " AND parent_id = ?"
                arguments += [parent]
            }
            sql += " ORDER BY path LIMIT ? OFFSET ?"
            arguments += [limit, offset]
            return try Array(Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments).map(MailFolder.init(row:)))
        }
    }

    public func folder(id: Identifier<MailFolder>, mailboxID: Identifier<Mailbox>, at time: Timestamp) async throws -> MailFolder? {
        try await readOneStatement { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM folders WHERE id = ? AND mailbox_id = ? AND first_time <= ?"), arguments: [id, mailboxID, time]
            ).map(MailFolder.init(row:))
        }
    }

    public func items(
        mailboxID: Identifier<Mailbox>, folderID: Identifier<MailFolder>?, view: PointInTimeView, offset: Int, limit: Int
    ) async throws -> [ItemVersion] {
        let pageIndex = pageIndex
        return try await pool.read { db in
            let selected = "SELECT \(ItemVersion.columns()) FROM item_versions WHERE "
            var base = selected
            var arguments: StatementArguments = []
            if let folderID {
                base += "folder_id = ?"
                arguments += [folderID]
            } else {
                base += "mailbox_id = ?"
                arguments += [mailboxID]
            }
            let (filter, filterArguments) = Self.visibility(view)
            base += " AND \(filter)"
            arguments += filterArguments
            let latest = try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(id) FROM restore_points")) ?? 0
            let key = PageIndex.Key(folderID: folderID, mailboxID: mailboxID, view: view, latestRestorePoint: latest)
            let (startID, skip) = try pageIndex.start(for: offset, key: key, db: db) { afterID, skip in
                try Int64.fetchOne(
                    db.cachedStatement(sql: "SELECT id FROM item_versions WHERE " + base.dropFirst(selected.count) + " AND id > ? ORDER BY id LIMIT 1 OFFSET ?"),
                    arguments: arguments + [afterID, skip]
                )
            }
            var sql = base
            var pageArguments = arguments
            if let startID {
                sql += " AND id >= ?"
                pageArguments += [startID]
            }
            sql += " ORDER BY id LIMIT ? OFFSET ?"
            pageArguments += [limit, skip]
            return try Array(Row.fetchCursor(db.cachedStatement(sql: sql), arguments: pageArguments).map(ItemVersion.init(row:)))
        }
    }

    public func item(versionID: Int64, mailboxID: Identifier<Mailbox>, view: PointInTimeView) async throws -> ItemVersion? {
        try await readOneStatement { db in
            let (filter, filterArguments) = Self.visibility(view)
            var arguments: StatementArguments = [versionID, mailboxID]
            arguments += filterArguments
            let sql = "SELECT \(ItemVersion.columns()) FROM item_versions WHERE id = ? AND mailbox_id = ? AND \(filter)"
            return try Row.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
                .map(ItemVersion.init(row:))
        }
    }

    /// `PointInTimeView.shows` as SQL over the browse indexes.
    static func visibility(_ view: PointInTimeView) -> (String, StatementArguments) {
        var ended: [String] = []
        if view.showDeleted { ended.append("'deleted'") }
        if view.showAllVersions { ended.append("'changed'") }
        let endedClause = ended.isEmpty ? "" : " OR end_kind IN (\(ended.joined(separator: ", ")))"
        return ("first_time <= ? AND (end_time IS NULL OR end_time > ?\(endedClause))", [view.time, view.time])
    }
}

extension MailFolder {
    init(row: Row) {
        let path: String = row["path"]
        self.init(id: row["id"], mailboxID: row["mailbox_id"], parentID: row["parent_id"], path: path.split(separator: "/").map(String.init))
    }
}

extension ItemVersion {
    /// The columns `init(row:)` reads, in its order, each prefixed with `table` (`v.`): decoding by position instead
    /// of by name (GRDB lower-cases the name on every lookup) was a sixth of an export's time.
    static func columns(_ table: String = "") -> String {
        [
            "id", "item_id", "mailbox_id", "folder_id", "first_time", "end_time", "end_kind", "blob_hash", "size", "flags",
            "subject", "sender", "recipients", "cc", "received", "sent", "message_id", "has_attachments", "item_class", "warnings",
        ].map { table + $0 }.joined(separator: ", ")
    }

    /// A row whose first columns are `columns()`.
    init(row: Row) {
        let hash: Data = row[7]
        // Lists are stored one per line; an empty column is an empty list.
        // Split on UTF-8 bytes: splitting the String by Characters was a tenth of an export's time.
        let lines: (String) -> [String] = { text in
            text.isEmpty ? [] : text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(Substring($0)) }
        }
        self.init(
            versionID: row[0], itemID: row[1], mailboxID: row[2], folderID: row[3],
            firstSeen: row[4], end: row[5], endReason: (row[6] as String?).flatMap(VersionEnd.init(rawValue:)),
            hash: ContentHash(bytes: [UInt8](hash)) ?? ContentHash(bytes: [UInt8](repeating: 0, count: 32))!, size: row[8],
            flags: MessageFlags(rawValue: row[9]),
            metadata: MessageMetadata(
                subject: row[10], from: row[11], to: lines(row[12]), cc: lines(row[13]),
                received: row[14], sent: row[15], messageID: row[16], hasAttachments: row[17],
                itemClass: row[18], warnings: lines(row[19])
            )
        )
    }
}
