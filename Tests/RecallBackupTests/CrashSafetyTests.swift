import Foundation
import GRDB
import Testing
@testable import RecallCore
@testable import RecallStore

/// Kills a real `recall import` process mid-run and checks the repository afterwards.
@Suite struct CrashSafetyTests {
    /// The `recall` binary built next to the test bundle.
    static var recallBinary: URL {
        URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent().appendingPathComponent("recall")
    }

    static func bigMbox(messages: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(messages * 2200)
        let filler = String(repeating: "All work and no play makes a dull backup. ", count: 40)
        for index in 0..<messages {
            out += Array("From MAILER-DAEMON Mon Jan  5 10:00:00 2026\nFrom: a@example.com\nSubject: Message \(index)\nMessage-ID: <\(index)@crash>\n\n\(index) \(filler)\n\n".utf8)
        }
        return out
    }

    @Test func killedImport_leavesTheRepositoryAsItWas_andARerunWorks() async throws {
        let fixture = try RepositoryFixture()
        try fixture.importMbox(try fixture.file("small", Mail.mbox([Mail.message(id: "keep@x", subject: "Kept")])), day: 1)
        let count = 60_000
        let mbox = try fixture.file("big.mbox", Self.bigMbox(messages: count))
        let binary = Self.recallBinary
        #expect(FileManager.default.fileExists(atPath: binary.path), "build the recall product first (scripts/test does)")

        // The import reads a FIFO that the test feeds, so it cannot finish before it is killed, however fast it is:
        // the test writes the first ~25 MB, waits for a pack file to be under way, kills, and only then closes its end.
        let fifo = fixture.directory.appendingPathComponent("feed.mbox")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let process = Process()
        process.executableURL = binary
        let arguments = [
            "--organization", "contoso.onmicrosoft.com", "--mailbox", "adele@contoso.onmicrosoft.com",
            "--at", "2026-01-05T22:00:00Z", "--data-dir", fixture.directory.path, "--quiet",
        ]
        process.arguments = ["import", "mbox", fifo.path] + arguments
        try process.run()
        let bytes = try Data(contentsOf: mbox)
        let fed = FIFOFeeder(path: fifo.path, bytes: bytes.prefix(bytes.count / 5))
        fed.start()
        let packs = fixture.directory.appendingPathComponent("packs")
        let deadline = Date().addingTimeInterval(120)
        var killedMidRun = false
        while Date() < deadline, process.isRunning {
            let temporary = ((try? FileManager.default.contentsOfDirectory(atPath: packs.path)) ?? []).filter { $0.hasSuffix(".tmp") }
            let size = temporary.compactMap { try? FileManager.default.attributesOfItem(atPath: packs.appendingPathComponent($0).path)[.size] as? Int }.max() ?? 0
            if size > 0 && fed.isDone {  // a pack is being written, and the rest of the mbox has not been sent
                kill(process.processIdentifier, SIGKILL)
                killedMidRun = true
                break
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        process.waitUntilExit()
        fed.close()
        #expect(killedMidRun, "the import ended before it could be killed (status \(process.terminationStatus))")

        let store = fixture.store
        let report = try store.verifyRepository(blobs: BlobReader(dataDirectory: fixture.directory))
        #expect(report.problems.isEmpty)
        let stats = try store.repositoryStats()
        #expect(stats.restorePoints == 1)
        #expect(stats.currentItems == 1)

        let rerun = Process()
        rerun.executableURL = binary
        rerun.arguments = ["import", "mbox", mbox.path] + arguments
        try rerun.run()
        rerun.waitUntilExit()
        #expect(rerun.terminationStatus == 0)
        let after = try store.repositoryStats()
        #expect(after.restorePoints == 2)
        #expect(after.currentItems == count)  // the Inbox run replaces the Inbox: "Kept" is deleted at this point
        #expect(try store.verifyRepository(blobs: BlobReader(dataDirectory: fixture.directory)).problems.isEmpty)
    }
}

/// Writes bytes into a FIFO from its own thread (opening and writing block until the reader reads), and keeps the
/// write end open until `close()`, so the reader sees no end of file.
final class FIFOFeeder: @unchecked Sendable {
    private let path: String
    private let bytes: Data
    private let lock = NSLock()
    private var descriptor: Int32 = -1
    private var done = false

    init(path: String, bytes: Data) {
        self.path = path
        self.bytes = bytes
    }

    var isDone: Bool { lock.withLock { done } }

    func start() {
        signal(SIGPIPE, SIG_IGN)
        Thread.detachNewThread { [self] in
            let fd = open(path, O_WRONLY)
            lock.withLock { descriptor = fd }
            guard fd >= 0 else { return }
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
            lock.withLock { done = true }
        }
    }

    func close() {
        lock.withLock {
            if descriptor >= 0 { _ = Glibc.close(descriptor) }
            descriptor = -1
        }
    }
}
