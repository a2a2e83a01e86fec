import Foundation
import GRDB
import Testing
@testable import RecallBackup
@testable import RecallCore
@testable import RecallStore

@Suite struct IntegrityTests {
    @Test func verify_catchesACorruptedBlob() throws {
        let fixture = try RepositoryFixture()
        try fixture.importMbox(try fixture.file("m", Mail.mbox([Mail.message(id: "a@x", subject: "A"), Mail.message(id: "b@x", subject: "B")])), day: 5)
        let reader = BlobReader(dataDirectory: fixture.directory)
        #expect(try fixture.store.verifyRepository(blobs: reader).problems.isEmpty)
        let pack = fixture.directory.appendingPathComponent("packs").appendingPathComponent(try #require(reader.packNames().first))
        var bytes = try Data(contentsOf: pack)
        bytes[10] ^= 0x01
        try bytes.write(to: pack)
        let report = try fixture.store.verifyRepository(blobs: reader)
        #expect(report.blobsChecked == 2)
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.contains("does not match its hash") == true)
    }

    @Test func verify_catchesAChecksumOrAVersionLocationThatDisagrees() throws {
        let fixture = try RepositoryFixture()
        try fixture.importMbox(try fixture.file("m", Mail.mbox([Mail.message(id: "a@x", subject: "A"), Mail.message(id: "b@x", subject: "B")])), day: 5)
        let reader = BlobReader(dataDirectory: fixture.directory)
        #expect(try fixture.store.verifyRepository(blobs: reader).problems.isEmpty)
        try fixture.store.pool.write { db in
            try db.execute(sql: "UPDATE blobs SET checksum = checksum + 1 WHERE hash = (SELECT MIN(hash) FROM blobs)")
            try db.execute(sql: "UPDATE item_versions SET blob_offset = blob_offset + 1 WHERE id = (SELECT MAX(id) FROM item_versions)")
        }
        let problems = try fixture.store.verifyRepository(blobs: reader).problems
        #expect(problems.count == 2)
        #expect(problems.contains { $0.contains("does not match its checksum") })
        // The damaged checksum no longer agrees with the copy on its version, and the moved version with its blob.
        #expect(problems.last == "2 item versions disagree with their blob on where its bytes are.")
    }

    /// A repository written before versions kept their blob's location (and blobs a checksum) gets both when the
    /// store opens; every version then agrees with its blob.
    @Test func aStoreFromBeforeVersionLocations_isFilledIn_whenItOpens() throws {
        let fixture = try RepositoryFixture()
        try fixture.importMbox(try fixture.file("m", Mail.mbox([Mail.message(id: "a@x", subject: "A"), Mail.message(id: "b@x", subject: "B")])), day: 5)
        try fixture.importMbox(try fixture.file("n", Mail.mbox([Mail.message(id: "a@x", subject: "A"), Mail.message(id: "c@x", subject: "C")])), day: 6)
        try fixture.store.pool.writeWithoutTransaction { db in
            try db.execute(sql: """
                ALTER TABLE item_versions DROP COLUMN blob_pack;
                ALTER TABLE item_versions DROP COLUMN blob_offset;
                ALTER TABLE item_versions DROP COLUMN blob_checksum;
                DROP TABLE packs;
                DELETE FROM grdb_migrations WHERE identifier = 'v9-version-blob-locations';
                """)
        }
        try fixture.store.close()
        let reopened = try SQLiteStore(directory: fixture.directory)
        defer { try? reopened.close() }
        let located = try reopened.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM item_versions WHERE blob_pack IS NOT NULL AND blob_offset IS NOT NULL AND blob_checksum IS NOT NULL")
        }
        #expect(located == 3)
        #expect(try reopened.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM packs") } == 2)
        #expect(try reopened.verifyRepository(blobs: BlobReader(dataDirectory: fixture.directory)).problems.isEmpty)
    }

    @Test func verify_catchesAMissingPack() throws {
        let fixture = try RepositoryFixture()
        try fixture.importMbox(try fixture.file("m", Mail.mbox([Mail.message(id: "a@x", subject: "A")])), day: 5)
        let reader = BlobReader(dataDirectory: fixture.directory)
        try FileManager.default.removeItem(at: fixture.directory.appendingPathComponent("packs").appendingPathComponent(reader.packNames()[0]))
        #expect(try fixture.store.verifyRepository(blobs: reader).problems.count == 1)
    }
}
