import Foundation
import GRDB
import Testing
@testable import RecallBackup
@testable import RecallCore
@testable import RecallStore

/// Issue 20: Maildirs and directories of `.eml` files written by someone else.
@Suite struct HostileImportTests {
    static let address = "adele@contoso.onmicrosoft.com"

    func write(_ text: String, _ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func link(_ url: URL, to target: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target.path)
    }

    func folders(_ fixture: RepositoryFixture) throws -> [String] {
        try fixture.store.pool.read { db in try String.fetchAll(db, sql: "SELECT path FROM folders ORDER BY path") }
    }

    /// Defect 3: a link to a file outside the Maildir was imported (and then exported to anyone in the organization).
    @Test func maildirLinksAreSkippedNotImported() throws {
        let fixture = try RepositoryFixture()
        let secret = fixture.directory.appendingPathComponent("secret.txt")
        try write(Mail.message(id: "secret@x", subject: "SECRET"), secret)
        let outside = fixture.directory.appendingPathComponent("outside")
        try write(Mail.message(id: "o@x", subject: "OUTSIDE"), outside.appendingPathComponent("cur/5.o.o:2,S"))
        let root = fixture.directory.appendingPathComponent("maildir")
        try write(Mail.message(id: "mine@x", subject: "Mine"), root.appendingPathComponent("cur/1.a.b:2,S"))
        try link(root.appendingPathComponent("cur/2.a.b:2,S"), to: secret)
        try link(root.appendingPathComponent(".Stolen"), to: outside)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("new"), withIntermediateDirectories: true)
        #expect(mkfifo(root.appendingPathComponent("new/3.fifo.b").path, 0o600) == 0)  // would block a plain read forever

        var source = try MaildirSource(root: root)
        let summary = try fixture.importer.run(organization: "contoso.onmicrosoft.com", address: Self.address, time: RepositoryFixture.day(5), source: &source, description: "t")
        #expect((summary.messages, summary.new) == (1, 1))
        #expect(summary.skipped == [
            ".Stolen: symbolic link, not followed",
            "cur/2.a.b:2,S: symbolic link, not followed",
            "new/3.fifo.b: not a regular file",
        ])
        #expect(summary.line.hasSuffix("; 0 warnings; 3 skipped"))
        #expect(try fixture.versions().map { $0["subject"] as String } == ["Mine"])
        #expect(try folders(fixture) == ["Inbox"])
    }

    /// Defect 3: a message file swapped for a link between the listing and the read is not read either.
    @Test func maildirFileSwappedForALinkAfterTheScanIsSkipped() throws {
        let fixture = try RepositoryFixture()
        let secret = fixture.directory.appendingPathComponent("secret.txt")
        try write(Mail.message(id: "secret@x", subject: "SECRET"), secret)
        let root = fixture.directory.appendingPathComponent("maildir")
        let victim = root.appendingPathComponent("cur/2.a.b:2,S")
        try write(Mail.message(id: "mine@x", subject: "Mine"), root.appendingPathComponent("cur/1.a.b:2,S"))
        try write(Mail.message(id: "later@x", subject: "Later"), victim)
        var source = try MaildirSource(root: root)
        try FileManager.default.removeItem(at: victim)
        try link(victim, to: secret)
        let summary = try fixture.importer.run(organization: "contoso.onmicrosoft.com", address: Self.address, time: RepositoryFixture.day(5), source: &source, description: "t")
        #expect(summary.skipped == ["cur/2.a.b:2,S: symbolic link, not followed"])
        #expect(try fixture.versions().map { $0["subject"] as String } == ["Mine"])
    }

    /// Defect 3, `import eml DIR`: links found in a directory are skipped; a file named on the command line is the
    /// user's own choice and is read even when it is a link.
    @Test func emlDirectoryLinksAreSkippedNamedLinksAreRead() throws {
        let fixture = try RepositoryFixture()
        let secret = fixture.directory.appendingPathComponent("secret.txt")
        try write(Mail.message(id: "secret@x", subject: "SECRET"), secret)
        let dir = fixture.directory.appendingPathComponent("emls")
        try write(Mail.message(id: "e1@x", subject: "One"), dir.appendingPathComponent("one.eml"))
        try link(dir.appendingPathComponent("two.eml"), to: secret)
        let named = fixture.directory.appendingPathComponent("named.eml")
        try link(named, to: dir.appendingPathComponent("one.eml"))
        var source = try EMLSource(paths: [dir.path, named.path], folder: ["Inbox"])
        let summary = try fixture.importer.run(organization: "contoso.onmicrosoft.com", address: Self.address, time: RepositoryFixture.day(5), source: &source, description: "t")
        #expect(summary.skipped == ["\(dir.appendingPathComponent("two.eml").path): symbolic link, not followed"])
        #expect(try fixture.versions().map { $0["subject"] as String } == ["One", "One"])
    }

    /// Defect 16: `&AAA-` decodes to NUL, which SQLite's text binding cut, so `.A&AAA-x` and `.A&AAA-y` merged
    /// into one folder `A`; an escape sequence in a name was kept. Such folders are refused, with a warning each.
    @Test func folderNamesWithControlCharactersAreRefused() throws {
        let fixture = try RepositoryFixture()
        let root = fixture.directory.appendingPathComponent("maildir")
        try write(Mail.message(id: "in@x", subject: "In"), root.appendingPathComponent("cur/1.a.b:2,S"))
        try write(Mail.message(id: "x@x", subject: "X"), root.appendingPathComponent(".A&AAA-x/cur/2.a.b:2,S"))
        try write(Mail.message(id: "y@x", subject: "Y"), root.appendingPathComponent(".A&AAA-y/cur/3.a.b:2,S"))
        try write(Mail.message(id: "e@x", subject: "E"), root.appendingPathComponent(".Esc&ABs-[2J/cur/4.a.b:2,S"))
        try write(Mail.message(id: "r@x", subject: "R"), root.appendingPathComponent("Raw\u{7}Bell/cur/5.a.b:2,S"))
        try write(Mail.message(id: "k@x", subject: "K"), root.appendingPathComponent(".Kept &- Caf&AOk-/cur/6.a.b:2,S"))
        var source = try MaildirSource(root: root)
        let summary = try fixture.importer.run(organization: "contoso.onmicrosoft.com", address: Self.address, time: RepositoryFixture.day(5), source: &source, description: "t")
        #expect(try folders(fixture) == ["Inbox", "Kept & Café"])
        #expect(summary.new == 2)
        #expect(summary.skipped == [
            ".A&AAA-x: folder name has a control character or is over 255 characters; its 1 messages are not imported",
            ".A&AAA-y: folder name has a control character or is over 255 characters; its 1 messages are not imported",
            ".Esc&ABs-[2J: folder name has a control character or is over 255 characters; its 1 messages are not imported",
            "Raw\u{7}Bell: folder name has a control character or is over 255 characters; its 1 messages are not imported",
        ])
    }

    /// Defect 16: two directories that would become one folder are not merged; the second is refused.
    @Test func foldersLandingOnOneNameAreNotMerged() throws {
        let fixture = try RepositoryFixture()
        let root = fixture.directory.appendingPathComponent("maildir")
        try write(Mail.message(id: "a@x", subject: "Slash"), root.appendingPathComponent(".a&AC8-b/cur/1.a.b:2,S"))
        try write(Mail.message(id: "b@x", subject: "Division"), root.appendingPathComponent(".a∕b/cur/2.a.b:2,S"))
        var source = try MaildirSource(root: root)
        let summary = try fixture.importer.run(organization: "contoso.onmicrosoft.com", address: Self.address, time: RepositoryFixture.day(5), source: &source, description: "t")
        #expect(try fixture.versions().map { $0["subject"] as String } == ["Slash"])
        #expect(summary.skipped == [".a∕b: folder a∕b is already .a&AC8-b; its 1 messages are not imported"])
    }

    /// Defect 17: `Work/.Drafts` (a nested folder whose name starts with a dot) was dropped without a word.
    @Test func dotNamedNestedFoldersAreImported() throws {
        let fixture = try RepositoryFixture()
        let root = fixture.directory.appendingPathComponent("maildir")
        try write(Mail.message(id: "w@x", subject: "Work"), root.appendingPathComponent("Work/cur/1.a.b:2,S"))
        try write(Mail.message(id: "d@x", subject: "Draft"), root.appendingPathComponent("Work/.Drafts/cur/2.a.b:2,S"))
        var source = try MaildirSource(root: root)
        let summary = try fixture.importer.run(organization: "contoso.onmicrosoft.com", address: Self.address, time: RepositoryFixture.day(5), source: &source, description: "t")
        #expect(summary.new == 2)
        #expect(try folders(fixture) == ["Work", "Work/.Drafts"])
    }

    /// Defect 18: a 300-byte address was stored, and every restore of it failed later.
    @Test func overlongAddressIsRefusedAndChangesNothing() throws {
        let fixture = try RepositoryFixture()
        let mbox = try fixture.file("m.mbox", Mail.mbox([Mail.message(id: "a@x", subject: "A")]))
        let address = String(repeating: "a", count: 60) + "@" + String(repeating: "d", count: 240) + ".com"
        #expect(throws: RecallError.self) { try fixture.importMbox(mbox, mailbox: address, day: 5) }
        #expect(try fixture.count("mailboxes") == 0)
        #expect(try fixture.count("organizations") == 0)
    }
}
