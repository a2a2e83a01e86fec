import Foundation
import GRDB
import Testing
@testable import RecallBackup
@testable import RecallCore
@testable import RecallStore

@Suite struct MaildirAndEMLImportTests {
    func makeMaildir(_ root: URL, flagsOfFirst: String) throws {
        for folder in ["", ".Sent", ".Projects.Contoso"] {
            for sub in ["cur", "new", "tmp"] {
                try FileManager.default.createDirectory(at: root.appendingPathComponent(folder).appendingPathComponent(sub), withIntermediateDirectories: true)
            }
        }
        try Data(Mail.message(id: "in1@x", subject: "In one").utf8).write(to: root.appendingPathComponent("cur/1700000001.M1P1.host:2,\(flagsOfFirst)"))
        try Data(Mail.message(id: "in2@x", subject: "In two").utf8).write(to: root.appendingPathComponent("new/1700000002.M2P1.host"))
        try Data(Mail.message(id: "s1@x", subject: "Sent one").utf8).write(to: root.appendingPathComponent(".Sent/cur/1700000003.M3P1.host:2,S"))
        try Data("half-written".utf8).write(to: root.appendingPathComponent("tmp/1700000009.M9P1.host"))
    }

    @Test func maildir_foldersFlagsAndFlagChanges() throws {
        let fixture = try RepositoryFixture()
        let root = fixture.directory.appendingPathComponent("maildir")
        try makeMaildir(root, flagsOfFirst: "S")
        var source = try MaildirSource(root: root)
        let first = try fixture.importer.run(organization: "contoso.onmicrosoft.com", address: "adele@contoso.onmicrosoft.com", time: RepositoryFixture.day(5), source: &source, description: "t")
        #expect(first.new == 3)
        let folders = try fixture.store.pool.read { db in try String.fetchAll(db, sql: "SELECT path FROM folders ORDER BY path") }
        #expect(folders == ["Inbox", "Projects", "Projects/Contoso", "Sent"])
        let rows = try fixture.versions()
        let inOne = try #require(rows.first { ($0["subject"] as String) == "In one" })
        #expect(MessageFlags(rawValue: inOne["flags"]) == [.seen])
        #expect(inOne["source_name"] as String == "1700000001.M1P1.host")

        try FileManager.default.moveItem(
            at: root.appendingPathComponent("cur/1700000001.M1P1.host:2,S"), to: root.appendingPathComponent("cur/1700000001.M1P1.host:2,FRS")
        )
        try FileManager.default.removeItem(at: root.appendingPathComponent(".Sent/cur/1700000003.M3P1.host:2,S"))
        var again = try MaildirSource(root: root)
        let second = try fixture.importer.run(organization: "contoso.onmicrosoft.com", address: "adele@contoso.onmicrosoft.com", time: RepositoryFixture.day(6), source: &again, description: "t")
        #expect((second.new, second.changed, second.unchanged, second.deleted, second.storedBytes) == (0, 1, 1, 1, 0))
        let current = try fixture.versions().first { ($0["subject"] as String) == "In one" && ($0["end_time"] as Int64?) == nil }
        #expect(MessageFlags(rawValue: current?["flags"] ?? 0) == [.seen, .flagged, .replied])
    }

    @Test func eml_filesGoIntoTheFolder() throws {
        let fixture = try RepositoryFixture()
        let one = try fixture.file("one.eml", Array(Mail.message(id: "e1@x", subject: "E one").utf8))
        let two = try fixture.file("two.eml", Array("no headers at all, just text".utf8))
        var source = EMLSource(urls: [one, two], folder: ["Archive", "2025"])
        let summary = try fixture.importer.run(organization: "contoso.onmicrosoft.com", address: "adele@contoso.onmicrosoft.com", time: RepositoryFixture.day(5), source: &source, description: "t")
        #expect(summary.new == 2)
        #expect(!summary.warnings.isEmpty)
        let rows = try fixture.versions()
        #expect(try fixture.bytes(of: rows[1]) == Array("no headers at all, just text".utf8))
        let folders = try fixture.store.pool.read { db in try String.fetchAll(db, sql: "SELECT path FROM folders ORDER BY path") }
        #expect(folders == ["Archive", "Archive/2025"])
    }
}
