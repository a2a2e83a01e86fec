import Foundation
import Testing
@testable import RecallMail

@Suite struct MaildirReaderTests {
    @Test func readsMaildirPlusPlusTree() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let root = dir.url.appendingPathComponent("Maildir")
        for folder in ["", ".Sub", ".Sub.Child", ".Caf&AOk-", ".Archive.2023"] {
            for sub in ["cur", "new", "tmp"] { try dir.makeDirectory("Maildir/\(folder)/\(sub)".replacingOccurrences(of: "//", with: "/")) }
        }
        try dir.makeDirectory("Maildir/.NotAFolder")          // no cur/new: ignored
        try dir.makeDirectory("Maildir/courierimapkeywords")  // no cur/new: ignored
        try dir.write("x", to: "Maildir/dovecot-uidlist")
        try dir.write("m3", to: "Maildir/cur/1700000003.M3P1.host:2,SF")
        try dir.write("m1", to: "Maildir/cur/1700000001.M1P1.host,S=120:2,RS")
        try dir.write("m2", to: "Maildir/new/1700000002.M2P1.host")
        try dir.write("tmp", to: "Maildir/tmp/1700000009.tmp")
        try dir.write("hidden", to: "Maildir/cur/.hidden")
        try dir.makeDirectory("Maildir/cur/not-a-file")
        try dir.write("c", to: "Maildir/.Sub.Child/cur/1600000000.A.host:2,DPT")

        let folders = try MaildirReader(root: root).folders()
        #expect(folders.map(\.path) == [[], ["Archive", "2023"], ["Café"], ["Sub"], ["Sub", "Child"]])
        #expect(folders[0].url.standardizedFileURL == root.standardizedFileURL)

        let inbox = try folders[0].entries()
        #expect(inbox.map(\.relativePath) == [
            "cur/1700000001.M1P1.host,S=120:2,RS", "new/1700000002.M2P1.host", "cur/1700000003.M3P1.host:2,SF",
        ])
        #expect(inbox.map(\.uniqueName) == ["1700000001.M1P1.host,S=120", "1700000002.M2P1.host", "1700000003.M3P1.host"])
        #expect(inbox.map(\.flags) == [[.replied, .seen], [], [.seen, .flagged]])
        #expect(inbox.map(\.isNew) == [false, true, false])
        #expect(try String(contentsOf: inbox[1].url, encoding: .utf8) == "m2")

        let child = try folders[4].entries()
        #expect(child.count == 1)
        #expect(child[0].flags == [.draft, .passed, .trashed])
        #expect(child[0].flags.suffix == ":2,DPT")
        #expect(try folders[1].entries().isEmpty)
    }

    @Test func nestedFsLayoutAndMissingInbox() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.makeDirectory("mail/Work/cur")
        try dir.makeDirectory("mail/Work/Projects/new")
        try dir.write("p", to: "mail/Work/Projects/new/1.x.y")
        let folders = try MaildirReader(root: dir.url.appendingPathComponent("mail")).folders()
        #expect(folders.map(\.path) == [["Work"], ["Work", "Projects"]])
        #expect(try folders[1].entries().map(\.relativePath) == ["new/1.x.y"])
    }

    @Test func symlinkLoopsAreNotFollowed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.makeDirectory("m/cur")
        try dir.makeDirectory("m/Work/new")
        try FileManager.default.createSymbolicLink(at: dir.url.appendingPathComponent("m/Work/loop"),
                                                   withDestinationURL: dir.url.appendingPathComponent("m"))
        let folders = try MaildirReader(root: dir.url.appendingPathComponent("m")).folders()
        #expect(folders.map(\.path) == [[], ["Work"]])
    }

    @Test func writerNamesRoundTripThroughReader() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = ["Entwürfe", "a.b", "R&D"]
        try dir.makeDirectory("m/\(MaildirFolderName.encode(path))/cur")
        try dir.write("x", to: "m/\(MaildirFolderName.encode(path))/cur/1.a.b\(MaildirFlags([.seen, .flagged]).suffix)")
        let folders = try MaildirReader(root: dir.url.appendingPathComponent("m")).folders()
        #expect(folders.map(\.path) == [path])
        let entries = try folders[0].entries()
        #expect(entries.map(\.relativePath) == ["cur/1.a.b:2,FS"])
        #expect(entries.map(\.flags) == [[.seen, .flagged]])
    }

    @Test func notAMaildirThrows() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.makeDirectory("empty")
        let empty = dir.url.appendingPathComponent("empty")
        #expect(throws: MailParseError.notAMaildir(path: empty.path)) { try MaildirReader(root: empty).folders() }
        let file = try dir.write("x", to: "file")
        #expect(throws: MailParseError.notAMaildir(path: file.path)) { try MaildirReader(root: file).folders() }
    }

    /// Issue 20, defect 3: a linked message file, a linked `.Folder`, and a linked `new/` led outside the Maildir.
    @Test func linksAreNeverFollowedAndEachIsReported() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("secret", to: "outside/secret.txt")
        try dir.makeDirectory("outside/Maildir/cur")
        try dir.write("outside mail", to: "outside/Maildir/cur/9.x.y:2,S")
        try dir.write("mine", to: "m/cur/1.a.b:2,S")
        try dir.makeDirectory("m/.Sub/cur")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: dir.url.appendingPathComponent("m/cur/2.a.b:2,S").path, withDestinationPath: dir.url.appendingPathComponent("outside/secret.txt").path)
        try fm.createSymbolicLink(atPath: dir.url.appendingPathComponent("m/.Linked").path, withDestinationPath: dir.url.appendingPathComponent("outside/Maildir").path)
        try fm.createSymbolicLink(atPath: dir.url.appendingPathComponent("m/.Sub/new").path, withDestinationPath: dir.url.appendingPathComponent("outside/Maildir/cur").path)

        let scan = try MaildirReader(root: dir.url.appendingPathComponent("m")).scan()
        #expect(scan.folders.map(\.folder.path) == [[], ["Sub"]])
        #expect(scan.folders.map { $0.entries.map(\.relativePath) } == [["cur/1.a.b:2,S"], []])
        #expect(scan.skipped == [
            ".Linked: symbolic link, not followed",
            ".Sub/new: symbolic link, not followed",
            "cur/2.a.b:2,S: symbolic link, not followed",
        ])
    }

    /// Issue 20, defect 3: a file swapped for a link after the listing is still not read.
    @Test func readingRefusesALinkAndASpecialFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let secret = try dir.write("secret", to: "secret.txt")
        let link = dir.url.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: secret)
        let fifo = dir.url.appendingPathComponent("fifo")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        guard case .skipped(let reason) = try RegularFile.read(link, followLinks: false) else { Issue.record("read a link"); return }
        #expect(reason == "symbolic link, not followed")
        guard case .skipped(let special) = try RegularFile.read(fifo, followLinks: true) else { Issue.record("read a FIFO"); return }
        #expect(special == "not a regular file")
        guard case .read(let bytes, _) = try RegularFile.read(link, followLinks: true) else { Issue.record("named link not read"); return }
        #expect(bytes == Array("secret".utf8))
    }

    /// Issue 20, defect 17: folders whose names start with a dot below the root were dropped without a word.
    @Test func dotNamedNestedFoldersAreRead() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("w", to: "m/Work/cur/1.a.b:2,S")
        try dir.write("d", to: "m/Work/.Drafts/cur/2.a.b:2,S")
        try dir.write("y", to: "m/.Archive/2025/new/3.a.b")
        let scan = try MaildirReader(root: dir.url.appendingPathComponent("m")).scan()
        #expect(scan.folders.map(\.folder.path) == [["Archive", "2025"], ["Work"], ["Work", ".Drafts"]])
        #expect(scan.folders.map(\.folder.directory) == [".Archive/2025", "Work", "Work/.Drafts"])
        #expect(scan.folders.map(\.entries.count) == [1, 1, 1])
        #expect(scan.skipped.isEmpty)
    }
}
