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

        let process = Process()
        process.executableURL = binary
        process.arguments = [
            "import", "mbox", mbox.path, "--organization", "contoso.onmicrosoft.com", "--mailbox", "adele@contoso.onmicrosoft.com",
            "--at", "2026-01-05T22:00:00Z", "--data-dir", fixture.directory.path, "--quiet",
        ]
        try process.run()
        let packs = fixture.directory.appendingPathComponent("packs")
        let deadline = Date().addingTimeInterval(60)
        var killedMidRun = false
        while Date() < deadline, process.isRunning {
            let temporary = ((try? FileManager.default.contentsOfDirectory(atPath: packs.path)) ?? []).filter { $0.hasSuffix(".tmp") }
            let size = temporary.compactMap { try? FileManager.default.attributesOfItem(atPath: packs.appendingPathComponent($0).path)[.size] as? Int }.max() ?? 0
            if size > 0 {  // the first 4 MB flush has happened; tens of MB are still to come
                kill(process.processIdentifier, SIGKILL)
                killedMidRun = true
                break
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        process.waitUntilExit()
        #expect(killedMidRun, "the import finished before it could be killed")

        let store = fixture.store
        let report = try store.verifyRepository(blobs: BlobReader(dataDirectory: fixture.directory))
        #expect(report.problems.isEmpty)
        let stats = try store.repositoryStats()
        #expect(stats.restorePoints == 1)
        #expect(stats.currentItems == 1)

        let rerun = Process()
        rerun.executableURL = binary
        rerun.arguments = process.arguments
        try rerun.run()
        rerun.waitUntilExit()
        #expect(rerun.terminationStatus == 0)
        let after = try store.repositoryStats()
        #expect(after.restorePoints == 2)
        #expect(after.currentItems == count)  // the Inbox run replaces the Inbox: "Kept" is deleted at this point
        #expect(try store.verifyRepository(blobs: BlobReader(dataDirectory: fixture.directory)).problems.isEmpty)
    }
}
