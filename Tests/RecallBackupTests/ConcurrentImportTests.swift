import Foundation
import GRDB
import Testing
@testable import RecallBackup
@testable import RecallCore
@testable import RecallStore

/// A source that hands out its messages but stops before the second one until the test lets it go on.
struct PausingSource: MessageSource {
    let messages: [IncomingMessage]
    var reached: DispatchSemaphore?
    var resume: DispatchSemaphore?
    var index = 0

    var scope: Set<String>? { ["Inbox"] }
    var folders: [[String]] { [["Inbox"]] }
    var progress: (done: UInt64, total: UInt64) { (UInt64(index), UInt64(messages.count)) }

    mutating func next() throws -> IncomingMessage? {
        if index == 1, let reached, let resume {
            reached.signal()
            resume.wait()
        }
        guard index < messages.count else { return nil }
        index += 1
        return messages[index - 1]
    }
}

final class WaitRecorder: ImportProgress, @unchecked Sendable {
    private let lock = NSLock()
    private var waited = 0
    let started = DispatchSemaphore(value: 0)
    func update(messages: Int, bytesDone: UInt64, bytesTotal: UInt64) {}
    func waitingForAnotherImport() {
        lock.withLock { waited += 1 }
        started.signal()
    }
    var waits: Int { lock.withLock { waited } }
}

/// Issue 20, defect 4: two imports into one data dir.
@Suite struct ConcurrentImportTests {
    static func messages(_ prefix: String, count: Int) -> [IncomingMessage] {
        (0..<count).map { IncomingMessage(folderPath: ["Inbox"], bytes: Array(Mail.message(id: "\(prefix)\($0)@x", subject: "\(prefix) \($0)").utf8)) }
    }

    /// Runs `body` on its own thread; the result arrives through the returned semaphore.
    final class Background: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var result: Result<ImportSummary, any Error>?
        init(_ body: @escaping @Sendable () throws -> ImportSummary) {
            Thread.detachNewThread { [self] in
                result = Result { try body() }
                done.signal()
            }
        }
    }

    /// Each import emptied `staging/` when it started, so the earlier one failed at commit ("no such table:
    /// staging.blobs") and left its pack behind. Now both commit, and nothing is left over.
    @Test func importsOfTwoMailboxesRunSideBySide() throws {
        let fixture = try RepositoryFixture()
        let reached = DispatchSemaphore(value: 0)
        let resume = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let importer = fixture.importer
        let first = Background {
            var source = PausingSource(messages: Self.messages("a", count: 3), reached: reached, resume: resume)
            return try importer.run(organization: "contoso.onmicrosoft.com", address: "adele@contoso.onmicrosoft.com", time: RepositoryFixture.day(5), source: &source, description: "a")
        }
        reached.wait()  // the first import has its staging file and is reading
        var second = PausingSource(messages: Self.messages("b", count: 2), reached: nil, resume: nil)
        let summary = try fixture.importer.run(organization: "contoso.onmicrosoft.com", address: "bob@contoso.onmicrosoft.com", time: RepositoryFixture.day(5), source: &second, description: "b")
        #expect(summary.new == 2)
        resume.signal()
        first.done.wait()
        let firstSummary = try #require(try first.result?.get())
        #expect(firstSummary.new == 3)
        #expect(try fixture.count("restore_points") == 2)
        #expect(try fixture.count("item_versions") == 5)
        #expect(try fixture.count("organizations") == 1)
        let report = try fixture.store.verifyRepository(blobs: BlobReader(dataDirectory: fixture.directory))
        #expect(report.problems.isEmpty)
        #expect(report.orphanPacks.isEmpty)
        let staging = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.appendingPathComponent("staging").path)
        #expect(staging.filter { !$0.hasPrefix("mailbox-") }.isEmpty)
    }

    /// A second import of the same mailbox waits for the first, then compares against its restore point.
    @Test func secondImportOfOneMailboxWaitsForTheFirst() throws {
        let fixture = try RepositoryFixture()
        let reached = DispatchSemaphore(value: 0)
        let resume = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let importer = fixture.importer
        let first = Background {
            var source = PausingSource(messages: Self.messages("a", count: 3), reached: reached, resume: resume)
            return try importer.run(organization: "contoso.onmicrosoft.com", address: "adele@contoso.onmicrosoft.com", time: RepositoryFixture.day(5), source: &source, description: "a")
        }
        reached.wait()
        let recorder = WaitRecorder()
        let second = Background {
            var source = PausingSource(messages: Self.messages("a", count: 3), reached: nil, resume: nil)
            return try importer.run(organization: "contoso.onmicrosoft.com", address: "adele@contoso.onmicrosoft.com", time: RepositoryFixture.day(6), source: &source, description: "b", progress: recorder)
        }
        recorder.started.wait()
        resume.signal()
        first.done.wait()
        second.done.wait()
        #expect(try first.result?.get().new == 3)
        let again = try #require(try second.result?.get())
        #expect((again.new, again.unchanged) == (0, 3))
        #expect(recorder.waits == 1)
    }

    /// An import that died (its lock file unheld) left a staging file and an unsealed pack: the next import removes
    /// them, `repository verify` names them until then, and a live import's files are never touched.
    @Test func abandonedStagingIsRemovedAndLiveStagingKept() throws {
        let fixture = try RepositoryFixture()
        let staging = fixture.directory.appendingPathComponent("staging")
        let packs = fixture.directory.appendingPathComponent("packs")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: packs, withIntermediateDirectories: true)
        let dead = UUID().uuidString.lowercased()
        for file in [staging.appendingPathComponent(dead + ".lock"), staging.appendingPathComponent(dead + ".sqlite"), packs.appendingPathComponent(dead + ".pack.tmp")] {
            try Data("x".utf8).write(to: file)
        }
        let live = UUID().uuidString.lowercased()
        let liveLock = try #require(try ImportLock.create(staging.appendingPathComponent(live + ".lock").path))
        try Data("x".utf8).write(to: staging.appendingPathComponent(live + ".sqlite"))
        try Data("x".utf8).write(to: packs.appendingPathComponent(live + ".pack.tmp"))

        let abandoned = ImportStaging.abandoned(dataDirectory: fixture.directory)
        #expect(abandoned.map(\.id) == [dead])
        #expect(abandoned.first?.files.count == 3)

        try fixture.importMbox(try fixture.file("m.mbox", Mail.mbox([Mail.message(id: "a@x", subject: "A")])), day: 5)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: staging.path) + FileManager.default.contentsOfDirectory(atPath: packs.path))
        #expect(!left.contains(dead + ".lock") && !left.contains(dead + ".sqlite") && !left.contains(dead + ".pack.tmp"))
        #expect(left.isSuperset(of: [live + ".lock", live + ".sqlite", live + ".pack.tmp"]))
        #expect(ImportStaging.abandoned(dataDirectory: fixture.directory).isEmpty)
        liveLock.release()
    }
}
