import Foundation
import GRDB
import RecallCore

/// What `recall repository verify` found.
public struct RepositoryReport: Sendable {
    public var blobsChecked = 0
    public var versionsChecked = 0
    /// Damage: a blob whose bytes no longer hash to its name, a missing pack, a row pointing at no blob.
    public var problems: [String] = []
    /// Not damage: packs no row refers to (left by an interrupted import).
    public var orphanPacks: [String] = []
}

extension SQLiteStore: RepositoryStatsStore {
    /// Re-hashes every blob (and re-computes its checksum), and checks every version points at one and keeps its location.
    public func verifyRepository(blobs reader: BlobReader, progress: (Int, Int) -> Void = { _, _ in }) throws -> RepositoryReport {
        var report = RepositoryReport()
        report.problems = try integrityProblems().map { "SQLite integrity: \($0)" }
        let (total, referencedPacks) = try pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM blobs") ?? 0, Set(try String.fetchAll(db, sql: "SELECT DISTINCT pack FROM blobs")))
        }
        try pool.read { db in
            let cursor = try Row.fetchCursor(db, sql: "SELECT hash, pack, offset, length, checksum FROM blobs ORDER BY pack, offset")
            while let row = try cursor.next() {
                let hashData: Data = row[0]
                let expected = ContentHash(bytes: [UInt8](hashData))
                let pack: String = row[1]
                do {
                    let bytes = try reader.read(pack: pack, offset: row[2], length: row[3])
                    if BlobPackWriter.hash(bytes) != expected {
                        report.problems.append("Blob \(expected?.hex ?? "?") in \(pack) does not match its hash.")
                    } else if let checksum: Int64 = row[4], XXH64.hash(bytes) != UInt64(bitPattern: checksum) {
                        report.problems.append("Blob \(expected?.hex ?? "?") in \(pack) does not match its checksum.")
                    }
                } catch {
                    report.problems.append("Blob \(expected?.hex ?? "?") cannot be read from \(pack): \(error)")
                }
                report.blobsChecked += 1
                if report.blobsChecked % 1000 == 0 { progress(report.blobsChecked, total) }
            }
            report.versionsChecked = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM item_versions") ?? 0
            let dangling = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM item_versions v WHERE NOT EXISTS (SELECT 1 FROM blobs b WHERE b.hash = v.blob_hash)") ?? 0
            if dangling > 0 { report.problems.append("\(dangling) item versions point at no blob.") }
            let misplaced = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM item_versions v JOIN blobs b ON b.hash = v.blob_hash LEFT JOIN packs p ON p.id = v.blob_pack
                WHERE p.name IS NOT b.pack OR v.blob_offset IS NOT b.offset OR v.size IS NOT b.length OR v.blob_checksum IS NOT b.checksum
                """) ?? 0
            if misplaced > 0 { report.problems.append("\(misplaced) item versions disagree with their blob on where its bytes are.") }
        }
        report.orphanPacks = reader.packNames().filter { !referencedPacks.contains($0) }
        return report
    }

    public func repositoryStats() throws -> RepositoryStats {
        try pool.read { db in
            var stats = RepositoryStats()
            stats.organizations = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM organizations") ?? 0
            stats.mailboxes = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mailboxes") ?? 0
            stats.folders = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM folders") ?? 0
            stats.restorePoints = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM restore_points") ?? 0
            stats.itemVersions = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM item_versions") ?? 0
            stats.currentItems = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM item_versions WHERE end_time IS NULL") ?? 0
            stats.blobs = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM blobs") ?? 0
            stats.storedBytes = try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(length), 0) FROM blobs") ?? 0
            stats.logicalBytes = try Int64.fetchOne(db, sql: """
                SELECT COALESCE(SUM(v.size), 0) FROM item_versions v JOIN restore_points r
                    ON r.mailbox_id = v.mailbox_id AND r.time >= v.first_time AND (v.end_time IS NULL OR r.time < v.end_time)
                """) ?? 0
            return stats
        }
    }
}
