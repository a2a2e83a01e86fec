import Foundation
import GRDB
import Testing
@testable import RecallBackup
@testable import RecallCore
@testable import RecallStore

@Suite struct MboxImportTests {
    @Test func storesEveryMessageByteForByte_withUnescapingAndMetadata() throws {
        let fixture = try RepositoryFixture()
        let escaped = Mail.message(id: "a@x", subject: "=?UTF-8?B?UsOpdW5pb24gw7xiZXIgU3RyYcOfZQ==?=", body: "Line one\n>From the start of a line\n>>From twice\n")
        let crlf = Mail.message(id: "b@x", subject: "CRLF").replacingOccurrences(of: "\n", with: "\r\n")
        let noID = Mail.message(id: nil, subject: "No id", body: "Body mentions\nFrom here without escaping, after a non-blank line\n")
        var eightBit = Array(Mail.message(id: "c@x", subject: "X").utf8)
        let subjectRange = eightBit.firstRange(of: Array("Subject: X".utf8))!
        eightBit.replaceSubrange(subjectRange, with: Array("Subject: caf".utf8) + [0xE9, 0xFF])
        let url = try fixture.file("a.mbox", Mail.mbox([escaped, crlf, noID]) + Array("From MAILER-DAEMON Mon Jan  5 10:00:00 2026\n".utf8) + eightBit + Array("\n".utf8))
        let summary = try fixture.importMbox(url, day: 5)
        #expect(summary.messages == 4)
        #expect(summary.new == 4)
        let rows = try fixture.versions()
        #expect(rows.count == 4)
        #expect(rows[0]["subject"] as String == "Réunion über Straße")
        #expect(try fixture.bytes(of: rows[0]) == Array(Mail.message(id: "a@x", subject: "=?UTF-8?B?UsOpdW5pb24gw7xiZXIgU3RyYcOfZQ==?=", body: "Line one\nFrom the start of a line\n>From twice\n").utf8))
        let storedCRLF = try fixture.bytes(of: rows[1])
        #expect(storedCRLF == Array(crlf.utf8), "\(String(decoding: storedCRLF, as: UTF8.self).debugDescription)")
        #expect(rows[2]["message_id"] as String? == nil)
        #expect((rows[2]["warnings"] as String).contains("Message-ID"))
        #expect(try fixture.bytes(of: rows[2]) == Array(noID.utf8))
        #expect(try fixture.bytes(of: rows[3]) == eightBit)
        #expect((rows[3]["subject"] as String).hasPrefix("caf"))
        #expect(rows[0]["sender"] as String == "Bob <bob@example.com>")
        #expect(rows[0]["item_class"] as String == "IPM.Note")
        #expect(summary.warnings.count >= 2)
    }

    @Test func truncatedMbox_keepsTheLastMessageWithAWarning() throws {
        let fixture = try RepositoryFixture()
        var bytes = Mail.mbox([Mail.message(id: "a@x", subject: "Whole")])
        bytes += Array("From MAILER-DAEMON Mon Jan  5 10:00:00 2026\nFrom: x@y\nSubject: Cut off\n\nThe body stops he".utf8)
        let summary = try fixture.importMbox(try fixture.file("t.mbox", bytes), day: 5)
        #expect(summary.messages == 2)
        let rows = try fixture.versions()
        #expect(rows.map { $0["subject"] as String } == ["Whole", "Cut off"])
        #expect(try fixture.bytes(of: rows[1]) == Array("From: x@y\nSubject: Cut off\n\nThe body stops he".utf8))
    }

    @Test func notAnMbox_failsAndStoresNothing() throws {
        let fixture = try RepositoryFixture()
        let url = try fixture.file("x.txt", Array("hello world\n".utf8))
        #expect(throws: (any Error).self) { try fixture.importMbox(url, day: 5) }
        #expect(try fixture.count("restore_points") == 0)
        #expect(try fixture.count("organizations") == 0)
    }

    @Test func deletionAndChangeDetection_acrossRestorePoints() throws {
        let fixture = try RepositoryFixture()
        let a = Mail.message(id: "a@x", subject: "A")
        let b = Mail.message(id: "b@x", subject: "B")
        let c = Mail.message(id: "c@x", subject: "C")
        try fixture.importMbox(try fixture.file("1", Mail.mbox([a, b, c])), day: 5)
        let edited = Mail.message(id: "b@x", subject: "B", body: "Edited.\n")
        let d = Mail.message(id: "d@x", subject: "D")
        let second = try fixture.importMbox(try fixture.file("2", Mail.mbox([a, edited, d])), day: 6)
        #expect((second.new, second.changed, second.unchanged, second.deleted) == (1, 1, 1, 1))
        let rows = try fixture.versions()
        let byEnd = Dictionary(grouping: rows) { ($0["end_kind"] as String?) ?? "current" }
        #expect(byEnd["deleted"]?.map { $0["subject"] as String } == ["C"])
        #expect(byEnd["changed"]?.map { $0["subject"] as String } == ["B"])
        let oldB = try #require(byEnd["changed"]?.first)
        let newB = try #require(rows.first { ($0["message_id"] as String?) == "b@x" && ($0["end_time"] as Int64?) == nil })
        #expect((oldB["item_id"] as Data) == (newB["item_id"] as Data))
        #expect((oldB["end_time"] as Int64?) == RepositoryFixture.day(6).ticks)
        #expect(Set(byEnd["current"]!.map { $0["subject"] as String }) == ["A", "B", "D"])
    }

    @Test func unchangedRerun_andSecondMailbox_storeNoNewBytes() throws {
        let fixture = try RepositoryFixture()
        let url = try fixture.file("m", Mail.mbox([Mail.message(id: "a@x", subject: "A"), Mail.message(id: "b@x", subject: "B")]))
        let first = try fixture.importMbox(url, day: 5)
        #expect(first.storedBytes > 0)
        let rerun = try fixture.importMbox(url, day: 6)
        #expect((rerun.new, rerun.changed, rerun.unchanged, rerun.deleted, rerun.storedBytes) == (0, 0, 2, 0, 0))
        let other = try fixture.importMbox(url, mailbox: "alex@contoso.onmicrosoft.com", day: 6)
        #expect(other.new == 2)
        #expect(other.storedBytes == 0)
        #expect(try fixture.count("blobs") == 2)
        let stats = try fixture.store.repositoryStats()
        #expect(stats.restorePoints == 3)
        #expect(stats.logicalBytes == 3 * stats.storedBytes)
        // The commit switches foreign-key checks off for its bulk insert; the writer connection gets them back.
        let enforced = try fixture.store.pool.write { db in try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") }
        #expect(enforced == true)
    }

    @Test func outOfOrderRestorePoint_isRefusedAndChangesNothing() throws {
        let fixture = try RepositoryFixture()
        let url = try fixture.file("m", Mail.mbox([Mail.message(id: "a@x", subject: "A")]))
        try fixture.importMbox(url, day: 6)
        #expect(throws: RecallError.self) { try fixture.importMbox(url, day: 5) }
        #expect(try fixture.count("restore_points") == 1)
        #expect(try fixture.count("item_versions") == 1)
        #expect(try fixture.store.verifyRepository(blobs: BlobReader(dataDirectory: fixture.directory)).problems.isEmpty)
    }

    @Test func folderImport_leavesOtherFoldersAlone() throws {
        let fixture = try RepositoryFixture()
        try fixture.importMbox(try fixture.file("i", Mail.mbox([Mail.message(id: "a@x", subject: "A")])), day: 5)
        let sent = try fixture.importMbox(try fixture.file("s", Mail.mbox([Mail.message(id: "s@x", subject: "S")])), day: 6, folder: ["Sent Items"])
        #expect(sent.deleted == 0)
        #expect(try fixture.store.repositoryStats().currentItems == 2)
    }
}
