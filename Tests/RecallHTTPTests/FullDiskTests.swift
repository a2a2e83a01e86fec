import Foundation
import HummingbirdTesting
import RecallBackup
@testable import RecallCore
@testable import RecallHTTP
import RecallStore
import Testing

/// A data directory on a small filesystem (a 24 MiB tmpfs this test mounts; it needs root, as CI has) that fills up
/// under the server: writes fail with a clear 507, reads keep working, nothing already stored is lost, and once
/// space is freed everything works again.
@Suite(.serialized, .enabled(if: geteuid() == 0, "mounts a tmpfs, which needs root: CI runs as root")) struct FullDiskTests {
    @Test func aFullDisk_refusesWritesClearly_keepsServingReads_andLosesNothing() async throws {
        let disk = try SmallFilesystem(megabytes: 24)
        defer { disk.remove() }
        let recall = try await TestRecall(directory: disk.url.appendingPathComponent("data"))
        try ExploreTests.importHistory(recall)
        let target = disk.url.appendingPathComponent("restored")
        try await recall.store.setRestoreTarget(organizationID: recall.organization.id, maildirRoot: target.path)
        let bigMbox = FileManager.default.temporaryDirectory.appendingPathComponent("full-disk-\(UUID()).mbox")
        defer { try? FileManager.default.removeItem(at: bigMbox) }
        try Data((0..<3000).map { "From MAILER-DAEMON Mon Jan  5 10:00:00 2026\nMessage-ID: <\($0)@full>\nSubject: \($0)\n\n\(String(repeating: "filler ", count: 300))\n" }.joined().utf8).write(to: bigMbox)

        try await recall.withClient { client in
            let opened = try await ExchangeActionsTests().open(client)
            let before = try await client.get("/v3/RestoreSessions/\(opened.session)/Events", token: opened.token).text
            let statsBefore = try recall.store.repositoryStats()
            try disk.fill()

            // Session creation: SQLite may still fit a few into its write-ahead log; then a clear 507, never a 5xx else.
            var created: [String] = []
            var refusal: TestResponse?
            for _ in 0..<5000 where refusal == nil {
                let response = try await client.post(
                    "/v3/Organizations/\(recall.organization.id)/Action", token: opened.token, json: #"{"explore": {"datetime": "2026-01-07 23:00"}}"#
                )
                if response.status == .created { created.append(try response.jsonObject()["id"] as! String) } else { refusal = response }
            }
            let refused = try #require(refusal, "the disk never filled")
            #expect(refused.status == .insufficientStorage)
            #expect(refused.message?.contains("out of disk space") == true)

            // Reads keep working, and every session the server said it created is there.
            #expect(try await client.get("/v3/RestoreSessions/\(opened.session)/Events", token: opened.token).text == before)
            #expect(try await client.get("\(opened.base)/Items", token: opened.token).status == .ok)
            for id in created { #expect(try await client.get("/v3/RestoreSessions/\(id)", token: opened.token).status == .ok) }

            // A restore into a target on the full disk: refused or counted as failed items, never a crash.
            let folders = try #require(try await client.get("\(opened.base)/Folders?parentId=null", token: opened.token).jsonObject()["results"] as? [[String: Any]])
            let restore = try await client.post("\(opened.base)/Folders/\(try #require(folders.first?["id"] as? String))/Action", token: opened.token, json: #"{"restoretoOriginallocation": null}"#)
            #expect(restore.status == .insufficientStorage || (restore.status == .ok && restore.text.contains(#""createdItemsCount":0"#)), "\(restore.status) \(restore.text)")
            // An export streams from the store; when its event does not fit, the stream ends abnormally (the client
            // sees an aborted transfer, not a clean end).
            do {
                let export = try await client.post("\(opened.base)/Action", token: opened.token, json: #"{"exporttoMbox": null}"#)
                #expect(export.status == .ok || export.status == .insufficientStorage)
            } catch {
                #expect(OutOfSpace.matches(error), "\(error)")
            }

            // An import on the full disk fails and leaves the repository as it was.
            var source = try MboxSource(url: bigMbox, folder: ["Inbox"])
            #expect(throws: (any Error).self) {
                _ = try MailboxImporter(store: recall.store, dataDirectory: recall.directory).run(
                    organization: "contoso.onmicrosoft.com", address: "adele@contoso.onmicrosoft.com",
                    time: CivilTime(year: 2026, month: 1, day: 9, hour: 22).timestamp, source: &source, description: "full disk"
                )
            }
            let statsAfter = try recall.store.repositoryStats()
            #expect(statsAfter.restorePoints == statsBefore.restorePoints)
            #expect(statsAfter.itemVersions == statsBefore.itemVersions)
            #expect(try recall.store.verifyRepository(blobs: BlobReader(dataDirectory: recall.directory)).problems == [])

            // Space again: writes work, and the store is sound.
            try disk.emptyFiller()
            #expect(try await client.post("/v3/Organizations/\(recall.organization.id)/Action", token: opened.token, json: #"{"explore": {"datetime": "2026-01-07 23:00"}}"#).status == .created)
            var retry = try MboxSource(url: bigMbox, folder: ["Inbox"])
            _ = try MailboxImporter(store: recall.store, dataDirectory: recall.directory).run(
                organization: "contoso.onmicrosoft.com", address: "adele@contoso.onmicrosoft.com",
                time: CivilTime(year: 2026, month: 1, day: 9, hour: 22).timestamp, source: &retry, description: "space again"
            )
            #expect(try recall.store.repositoryStats().restorePoints == statsBefore.restorePoints + 1)
            #expect(try recall.store.verifyRepository(blobs: BlobReader(dataDirectory: recall.directory)).problems == [])
        }
        try recall.close()
    }
}

/// A tmpfs of a few MiB mounted for one test, with a filler file that takes all its free space.
struct SmallFilesystem {
    let url: URL
    var filler: URL { url.appendingPathComponent("filler") }

    init(megabytes: Int) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("recall-small-fs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let status = Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m,mode=0700", "tmpfs", url.path])
        guard status == 0 else {
            try? FileManager.default.removeItem(at: url)
            throw RecallError.unsupported("mount -t tmpfs failed (\(status)): this test needs root, as CI has.")
        }
    }

    /// Writes the filler until the filesystem refuses more.
    func fill() throws {
        let descriptor = open(filler.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw RecallError.unsupported("cannot create \(filler.path)") }
        defer { close(descriptor) }
        let chunk = [UInt8](repeating: 0x55, count: 64 * 1024)
        var size = chunk.count
        while size > 0 {
            let written = chunk.withUnsafeBytes { write(descriptor, $0.baseAddress!, size) }
            if written < 0 { size /= 2 }  // ENOSPC: try smaller pieces down to the last byte
        }
    }

    func emptyFiller() throws {
        try FileManager.default.removeItem(at: filler)
    }

    func remove() {
        _ = Self.run("/bin/umount", ["-l", url.path])
        try? FileManager.default.removeItem(at: url)
    }

    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
