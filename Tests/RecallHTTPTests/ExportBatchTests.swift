import Foundation
import GRDB
import HummingbirdTesting
import NIOCore
import RecallBackup
@testable import RecallCore
@testable import RecallRestore
@testable import RecallStore
import Testing

/// Exports read messages in batches, a pack run at a time: these check what a user gets from a mailbox larger than a
/// batch, and from a repository with a damaged or cut-short pack.
@Suite struct ExportBatchTests {
    static let count = 2_100

    /// A message of ~4 KB whose body has lines the mbox format quotes (given here quoted, as an mboxrd file holds them).
    static func message(_ index: Int) -> String {
        let filler = String(repeating: "line \(index) of a body long enough to make batches end on their byte budget\n", count: 58)
        return "From: bob@example.com\nTo: adele@contoso.onmicrosoft.com\nSubject: Message \(index)\nMessage-ID: <m\(index)@x>\n"
            + "Date: Mon, 5 Jan 2026 10:00:00 +0000\n\n>From the start\n\(filler)>>From a quote\n>>>From deeper\nFromage\n"
    }

    /// One import of `count` messages (one pack); returns the stored messages in version order.
    func importMailbox(_ recall: TestRecall) async throws -> [(hash: ContentHash, bytes: [UInt8])] {
        let url = recall.directory.appendingPathComponent("big.mbox")
        try Data((0..<Self.count).map { "From MAILER-DAEMON Mon Jan  5 10:00:00 2026\n\(Self.message($0))\n" }.joined().utf8).write(to: url)
        var source = try MboxSource(url: url, folder: ["Inbox"])
        _ = try MailboxImporter(store: recall.store, dataDirectory: recall.directory).run(
            organization: "contoso.onmicrosoft.com", address: "adele@contoso.onmicrosoft.com",
            time: CivilTime(year: 2026, month: 1, day: 5, hour: 22).timestamp, source: &source, description: "test"
        )
        let items = try await recall.store.scopedItems(
            organizationID: recall.organization.id, scope: .organization,
            view: PointInTimeView(time: CivilTime(year: 2026, month: 1, day: 7).timestamp, showDeleted: false, showAllVersions: false),
            afterVersion: 0, limit: 10_000
        )
        var stored: [(ContentHash, [UInt8])] = []
        for item in items { stored.append((item.version.hash, try await recall.store.messageBytes(item.version.hash))) }
        return stored
    }

    /// The messages of an mboxrd file, unquoted, in order.
    func messages(in mbox: ByteBuffer) throws -> [[UInt8]] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).mbox")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(buffer: mbox).write(to: url)
        var source = try MboxSource(url: url, folder: ["Inbox"])
        var out: [[UInt8]] = []
        while let message = try source.next() { out.append(message.bytes) }
        return out
    }

    func export(_ recall: TestRecall) async throws -> (mbox: ByteBuffer, event: [String: Any]) {
        try await recall.withClient { client in
            let opened = try await ExchangeActionsTests().open(client)
            let response = try await client.post("\(opened.base)/Action", token: opened.token, json: #"{"exporttoMbox": null}"#)
            #expect(response.status == .ok)
            let events = try await client.get("/v3/RestoreSessions/\(opened.session)/Events", token: opened.token).jsonObject()["results"] as? [[String: Any]]
            return (response.body, try #require(events?.last))
        }
    }

    func location(_ recall: TestRecall, _ hash: ContentHash) async throws -> BlobPackWriter.Location {
        try #require(try await recall.store.blobLocations([hash])[hash])
    }

    /// The pack holding a message, opened for writing, and where the message is in it.
    func pack(_ recall: TestRecall, of hash: ContentHash) async throws -> (FileHandle, BlobPackWriter.Location) {
        let at = try await location(recall, hash)
        return (try FileHandle(forUpdating: recall.directory.appendingPathComponent("packs").appendingPathComponent(at.pack)), at)
    }

    /// Overwrites one byte of a stored message in its pack, at the offset `position` gives for the message's location.
    func damage(_ recall: TestRecall, _ hash: ContentHash, at position: (BlobPackWriter.Location) -> Int64) async throws {
        let (file, at) = try await pack(recall, of: hash)
        try file.seek(toOffset: UInt64(position(at)))
        try file.write(contentsOf: Data("X".utf8))
        try file.close()
    }

    /// Exports the mailbox, checks the file holds every stored message but the one at `missing`, in order, and that
    /// the event counts that one as failed; returns the event.
    func exportLacking(_ missing: Int, of stored: [(hash: ContentHash, bytes: [UInt8])], _ recall: TestRecall) async throws -> [String: Any] {
        let (mbox, event) = try await export(recall)
        var expected = stored.map(\.bytes)
        expected.remove(at: missing)
        #expect(try messages(in: mbox) == expected)
        #expect(event["message"] as? String == Self.failedMessage(1))
        return event
    }

    /// The export event's message when `failed` of the mailbox's messages could not be read.
    static func failedMessage(_ failed: Int) -> String {
        "Item adele@contoso.onmicrosoft.com was exported with \(failed) failed item(s) of \(count) (type: Mailbox; source: adele@contoso.onmicrosoft.com; target: adele@contoso.onmicrosoft.com.mbox)"
    }

    @Test func aMailboxOfManyBatches_exportsEveryMessageInOrder_quotedAsMboxrd() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        let stored = try await importMailbox(recall)
        #expect(stored.count == Self.count)
        // More rows than one query returns, and more bytes than one batch holds.
        #expect(Self.count > SQLiteStore.exportRows)
        #expect(stored.reduce(0) { $0 + $1.bytes.count } > ExchangeActions.exportBatchBytes)

        let (mbox, event) = try await export(recall)
        let text = String(buffer: mbox)
        // Each separator carries the message's date in asctime form (a one-digit day padded with a space).
        #expect(text.hasPrefix("From MAILER-DAEMON Mon Jan  5 10:00:00 2026\n"))
        #expect(text.components(separatedBy: "\n\nFrom MAILER-DAEMON Mon Jan  5 10:00:00 2026\n").count == Self.count)
        // The import took the lines out of their mboxrd quoting; the export quotes them again.
        #expect(stored[0].bytes.count > 4_000)
        #expect(String(decoding: stored[0].bytes, as: UTF8.self).contains("\n\nFrom the start\n"))
        #expect(text.components(separatedBy: "\n\n>From the start\n").count == Self.count + 1)
        #expect(text.components(separatedBy: "\n>>From a quote\n").count == Self.count + 1)
        #expect(text.components(separatedBy: "\n>>>From deeper\nFromage\n").count == Self.count + 1)
        #expect(try messages(in: mbox) == stored.map(\.bytes))
        #expect(event["status"] as? String == "Success")
    }

    @Test func aDamagedMessage_isLeftOut_andCountedAsFailed() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        let stored = try await importMailbox(recall)
        try await damage(recall, stored[700].hash) { $0.offset + 100 }

        let event = try await exportLacking(700, of: stored, recall)
        #expect(event["status"] as? String == "Warning")
        #expect(event["title"] as? String == "Mailbox is exported with errors.")
    }

    @Test func aDamagedMessage_storedBeforeChecksumsWereKept_isLeftOut_byItsHash() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        let stored = try await importMailbox(recall)
        // An import keeps a checksum for every blob and its versions; a repository written by an older Recall has none.
        let unchecked = try await recall.store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM blobs WHERE checksum IS NULL) + (SELECT COUNT(*) FROM item_versions WHERE blob_checksum IS NULL)")
        }
        #expect(unchecked == 0)
        try await recall.store.pool.write { db in
            try db.execute(sql: "UPDATE blobs SET checksum = NULL; UPDATE item_versions SET blob_checksum = NULL")
        }
        try await damage(recall, stored[10].hash) { $0.offset + $0.length - 2 }

        _ = try await exportLacking(10, of: stored, recall)
    }

    @Test func aPackCutShort_failsOnlyTheMessagesPastItsEnd() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        let stored = try await importMailbox(recall)
        let cut = 300
        let (file, at) = try await pack(recall, of: stored[cut].hash)
        #expect(try await location(recall, stored.last!.hash).pack == at.pack)
        try file.truncate(atOffset: UInt64(at.offset + at.length - 1))
        try file.close()

        let (mbox, event) = try await export(recall)
        #expect(try messages(in: mbox) == stored.prefix(cut).map(\.bytes))
        #expect(event["status"] as? String == "Warning")
        #expect(event["message"] as? String == Self.failedMessage(Self.count - cut))
    }
}
