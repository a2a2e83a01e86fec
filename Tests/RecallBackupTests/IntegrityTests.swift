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

    @Test func verify_catchesAMissingPack() throws {
        let fixture = try RepositoryFixture()
        try fixture.importMbox(try fixture.file("m", Mail.mbox([Mail.message(id: "a@x", subject: "A")])), day: 5)
        let reader = BlobReader(dataDirectory: fixture.directory)
        try FileManager.default.removeItem(at: fixture.directory.appendingPathComponent("packs").appendingPathComponent(reader.packNames()[0]))
        #expect(try fixture.store.verifyRepository(blobs: reader).problems.count == 1)
    }
}
