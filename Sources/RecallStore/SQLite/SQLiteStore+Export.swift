import Foundation
import GRDB
import RecallCore

extension SQLiteStore {
    /// Rows an export asks for at a time; a batch keeps as many as fit in its byte budget. Each batch has a fixed cost
    /// (a query, a hop to the reader and back, the wake-up of two reading threads): 128 rows a batch took a 190 MB mailbox
    /// 69 cs of CPU, 512 rows 57-63 and 2 048 rows 56-59.
    static let exportRows = 2_048

    /// The next messages of `scope` in the view after `afterVersion`, in version order, read from their packs with one
    /// `pread` per run of adjacent blobs and each checked against its checksum (its hash when it has none). A batch
    /// holds at most `maxBytes` of messages (or one message, however large), so an export of any size runs in constant
    /// memory.
    ///
    /// Export decodes only the columns it needs, where it decoded whole items and looked their blobs up one by one; the
    /// location is the version's own copy (see the `v9-version-blob-locations` migration), and `folders` is joined only
    /// for a folder's scope (the join was a third of the query's time on a mailbox).
    public func exportBatch(
        organizationID: Identifier<Organization>, scope: ItemScope, view: PointInTimeView, afterVersion: Int64, maxBytes: Int,
        packs: OpenPacks, buffers: ExportBuffers
    ) async throws -> MessageBatch {
        let (sql, arguments) = Self.scopeQuery(
            select: "v.id, v.blob_hash, coalesce(v.received, v.first_time), v.blob_pack, v.blob_offset, v.size, v.blob_checksum",
            folders: false, organizationID: organizationID, scope: scope, view: view, afterVersion: afterVersion, limit: Self.exportRows
        )
        let (entries, exhausted) = try await pool.read { db in
            var entries: [ExportEntry] = []
            var bytes = 0
            var packs: [Int64: String?] = [:]
            let packName = try db.cachedStatement(sql: "SELECT name FROM packs WHERE id = ?")
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try cursor.next() {
                // A blob that is missing, or whose index row makes no sense, counts as a failed message.
                let packID: Int64? = row[3], offset: Int64? = row[4], length: Int64? = row[5]
                var location: BlobPackWriter.Location?
                let pack = try packID.flatMap { id in
                    if let known = packs[id] { return known }
                    let name = try String.fetchOne(packName, arguments: [id])
                    packs[id] = name
                    return name
                }
                if let pack, let offset, let length, (0...Int64(Int32.max)).contains(length) {
                    if !entries.isEmpty, bytes + Int(length) > maxBytes { return (entries, false) }
                    bytes += Int(length)
                    location = BlobPackWriter.Location(pack: pack, offset: offset, length: length)
                }
                let hash: Data = row[1], checksum: Int64? = row[6]
                entries.append(ExportEntry(
                    versionID: row[0], hash: ContentHash(bytes: [UInt8](hash)) ?? ContentHash(bytes: [UInt8](repeating: 0, count: 32))!,
                    date: row[2], location: location, checksum: checksum.map { UInt64(bitPattern: $0) }
                ))
            }
            return (entries, true)
        }
        return MessageBatch(entries, packs: packs, buffers: buffers, isLast: exhausted && entries.count < Self.exportRows)
    }
}
