import Foundation
import GRDB
@testable import RecallBackup
@testable import RecallCore
@testable import RecallStore

/// A fresh data dir with a store and an importer on fixed ids and a manual clock.
final class RepositoryFixture {
    let directory: URL
    let store: SQLiteStore
    let importer: MailboxImporter

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("recall-repo-\(UUID().uuidString)")
        store = try SQLiteStore(directory: directory)
        importer = MailboxImporter(store: store, dataDirectory: directory, clock: ManualClock(Timestamp(secondsSince1970: 1_800_000_000)))
    }

    deinit {
        try? store.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Writes `text` (with `\n` line ends unless it has its own) to a file in the data dir's parent.
    func file(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let url = directory.appendingPathComponent("input-\(name)")
        try Data(bytes).write(to: url)
        return url
    }

    @discardableResult
    func importMbox(_ url: URL, mailbox: String = "adele@contoso.onmicrosoft.com", day: Int, folder: [String] = ["Inbox"]) throws -> ImportSummary {
        var source = try MboxSource(url: url, folder: folder)
        return try importer.run(organization: "contoso.onmicrosoft.com", address: mailbox, time: Self.day(day), source: &source, description: "test")
    }

    static func day(_ n: Int) -> Timestamp { CivilTime(year: 2026, month: 1, day: n, hour: 22).timestamp }

    /// Every version row, oldest first.
    func versions() throws -> [Row] {
        try store.pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM item_versions ORDER BY id") }
    }

    func count(_ table: String) throws -> Int {
        try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    /// The stored bytes of a version.
    func bytes(of row: Row) throws -> [UInt8] {
        let hash: Data = row["blob_hash"]
        let location = try store.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT pack, offset, length FROM blobs WHERE hash = ?", arguments: [hash])!
        }
        return try BlobReader(dataDirectory: directory).read(pack: location["pack"], offset: location["offset"], length: location["length"])
    }
}

/// Mail fixtures.
enum Mail {
    static func message(id: String?, subject: String, body: String = "Hello.\n", from: String = "Bob <bob@example.com>") -> String {
        var text = "From: \(from)\nTo: adele@contoso.onmicrosoft.com\nSubject: \(subject)\nDate: Mon, 5 Jan 2026 10:00:00 +0000\n"
        if let id { text += "Message-ID: <\(id)>\n" }
        return text + "\n" + body
    }

    /// An mboxrd file of these messages (bodies already `>From `-escaped by the caller where needed).
    static func mbox(_ messages: [String]) -> [UInt8] {
        Array(messages.map { "From MAILER-DAEMON Mon Jan  5 10:00:00 2026\n" + $0 + ($0.utf8.last == 0x0A ? "" : "\n") + "\n" }.joined().utf8)
    }
}
