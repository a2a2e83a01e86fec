import Foundation
import HummingbirdTesting
import NIOCore
import RecallBackup
@testable import RecallCore
import RecallStore
import Testing

func sha256(_ text: String) -> String {
    BlobPackWriter.hash(Array(text.utf8)).hex
}

@Suite struct ExchangeActionsTests {
    struct Opened {
        let session: String
        let mailbox: String
        let base: String
        let token: String
    }

    func open(_ client: some TestClientProtocol, datetime: String = "2026-01-07 23:00", options: String = "") async throws -> Opened {
        let token = try await client.token()
        let session = try await client.explore(token: token, body: #"{"explore": {"datetime": "\#(datetime)"\#(options)}}"#)
        let base = "/v3/RestoreSessions/\(session)/Organization/Mailboxes"
        let mailbox = try #require((try await client.get(base, token: token).jsonObject()["results"] as? [[String: Any]])?.first?["id"] as? String)
        return Opened(session: session, mailbox: mailbox, base: "\(base)/\(mailbox)", token: token)
    }

    @Test func exportMailbox_toMbox_reimportsToTheSameMessages() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try ExploreTests.importHistory(recall)
        try await recall.withClient { client in
            let opened = try await open(client)
            let response = try await client.post("\(opened.base)/Action", token: opened.token, json: #"{"exporttoMbox": null}"#)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/mbox")
            #expect(response.headers[.contentDisposition] == #"attachment; filename="adele@contoso.onmicrosoft.com.mbox""#)
            let exported = recall.directory.appendingPathComponent("exported.mbox")
            try Data(buffer: response.body).write(to: exported)

            let python = try OutsideReader.pythonMbox(Array(buffer: response.body))
            #expect(python.status == 0, "\(python.output)")
            let expected = [("A", "a@x", "Hi"), ("B", "b@x", "edited"), ("D", "d@x", "Hi"), ("E", "e@x", "Hi")]
            #expect(python.output == expected.map { "\($0.0) \(sha256(ExploreTests.message($0.1, $0.0, body: $0.2)))\n" }.joined())

            let fresh = try RepositoryCopy()
            var source = try MboxSource(url: exported, folder: ["Inbox"])
            let summary = try MailboxImporter(store: fresh.store, dataDirectory: fresh.directory).run(
                organization: "copy.onmicrosoft.com", address: "adele@copy.onmicrosoft.com", time: Timestamp(secondsSince1970: 1_900_000_000),
                source: &source, description: "re-import"
            )
            #expect(summary.messages == 4)
            let originals = try await recall.store.scopedItems(
                organizationID: recall.organization.id, scope: .organization,
                view: PointInTimeView(time: CivilTime(year: 2026, month: 1, day: 7, hour: 23).timestamp, showDeleted: false, showAllVersions: false),
                afterVersion: 0, limit: 100
            )
            let copies = try fresh.store.repositoryStats()
            #expect(copies.blobs == 4)
            #expect(Set(originals.map(\.version.hash)).count == 4)
            for original in originals {
                let copy = try await fresh.store.messageBytes(original.version.hash)
                #expect(copy == (try await recall.store.messageBytes(original.version.hash)))
            }
            let events = try await client.get("/v3/RestoreSessions/\(opened.session)/Events", token: opened.token).jsonObject()["results"] as? [[String: Any]]
            let export = try #require(events?.last)
            #expect(export["type"] as? String == "Export")
            #expect(export["status"] as? String == "Success")
            #expect(export["itemType"] as? String == "Mailbox")
            #expect(export["message"] as? String == "Item adele@contoso.onmicrosoft.com was exported successfully (type: Mailbox; source: adele@contoso.onmicrosoft.com; target: adele@contoso.onmicrosoft.com.mbox)")
        }
    }

    @Test func saveToEml_oneItemIsRFC822_severalAreAZip() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try ExploreTests.importHistory(recall)
        try await recall.withClient { client in
            let opened = try await open(client)
            let items = try #require(try await client.get("\(opened.base)/Items", token: opened.token).jsonObject()["results"] as? [[String: Any]])
            let ids = items.compactMap { $0["id"] as? String }
            let one = try await client.post("\(opened.base)/Items/\(ids[0])/Action", token: opened.token, json: #"{"savetoEml": null}"#)
            #expect(one.status == .ok)
            #expect(one.headers[.contentType] == "message/rfc822")
            #expect(one.text == ExploreTests.message("a@x", "A"))
            let body = #"{"savetoEml": {"items": [{"id": "\#(ids[0])"}, {"Id": "\#(ids[1])"}]}}"#
            let zip = try await client.post("\(opened.base)/Items/Action", token: opened.token, json: body)
            #expect(zip.headers[.contentType] == "application/zip")
            let bytes = Array(zip.body.readableBytesView)
            #expect(bytes.prefix(4) == [0x50, 0x4B, 0x03, 0x04])
            #expect(String(decoding: bytes, as: UTF8.self).contains("1-A.eml"))
            #expect(bytes.suffix(22).prefix(4) == [0x50, 0x4B, 0x05, 0x06])
            #expect(bytes[bytes.count - 12] == 2)
            let unzip = try OutsideReader.unzipTest(bytes)
            #expect(unzip.status == 0, "\(unzip.output)")
            let python = try OutsideReader.pythonZip(bytes)
            #expect(python.status == 0, "\(python.output)")
            #expect(python.output == "1-A.eml \(sha256(ExploreTests.message("a@x", "A")))\n2-B.eml \(sha256(ExploreTests.message("b@x", "B", body: "edited")))\n")
        }
    }

    @Test func unsupportedFormats_are501_andUnknownActions400() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try ExploreTests.importHistory(recall)
        try await recall.withClient { client in
            let opened = try await open(client)
            let pst = try await client.post("\(opened.base)/Action", token: opened.token, json: #"{"exporttoPst": {"contentKeywords": "x"}}"#)
            #expect(pst.status == .notImplemented)
            #expect(pst.message?.contains("exporttoMbox") == true)
            #expect(try await client.post("\(opened.base)/Action", token: opened.token, json: #"{"savetoEml": null}"#).status == .badRequest)
            #expect(try await client.post("\(opened.base)/Action", token: opened.token, json: #"{"explode": null}"#).status == .badRequest)
            #expect(try await client.post("\(opened.base)/Items/Action", token: opened.token, json: #"{"savetoEml": {"items": []}}"#).status == .badRequest)
            // More items than one action takes are refused, not cut to the first 10 000 and reported as a success.
            let item = try #require((try await client.get("\(opened.base)/Items", token: opened.token).jsonObject()["results"] as? [[String: Any]])?.first?["id"] as? String)
            let tooMany = #"{"savetoEml": {"items": ["# + Array(repeating: #"{"id": "\#(item)"}"#, count: 10_001).joined(separator: ",") + "]}}"
            let refused = try await client.post("\(opened.base)/Items/Action", token: opened.token, json: tooMany)
            #expect(refused.status == .badRequest)
            #expect(refused.text == #"{"message":"'savetoeml' takes at most 10000 items per request; 10001 were sent."}"#)
        }
    }

    /// A folder's export holds the folder and its subfolders, a subfolder's only its own; a mailbox's holds all.
    @Test func exportFolder_toMbox_holdsTheFolderAndItsSubfolders_only() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try ExploreTests.importHistory(recall)
        try await recall.withClient { client in
            let opened = try await open(client)
            func folder(under parent: String) async throws -> String {
                let folders = try await client.get("\(opened.base)/Folders?parentId=\(parent)", token: opened.token).jsonObject()["results"] as? [[String: Any]]
                return try #require(folders?.first?["id"] as? String)
            }
            func exportedSubjects(_ path: String) async throws -> [String] {
                let response = try await client.post("\(opened.base)\(path)/Action", token: opened.token, json: #"{"exporttoMbox": null}"#)
                #expect(response.status == .ok)
                return String(buffer: response.body).split(separator: "\n").filter { $0.hasPrefix("Subject: ") }.map { String($0.dropFirst(9)) }
            }
            let inbox = try await folder(under: "null")
            let projects = try await folder(under: inbox)
            #expect(try await exportedSubjects("") == ["A", "B", "D", "E"])
            #expect(try await exportedSubjects("/Folders/\(inbox)") == ["A", "B", "D", "E"])
            #expect(try await exportedSubjects("/Folders/\(projects)") == ["E"])
        }
    }

    @Test func restoreFolder_intoMaildir_isIdempotent() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try ExploreTests.importHistory(recall)
        let target = recall.directory.appendingPathComponent("restored")
        try await recall.store.setRestoreTarget(organizationID: recall.organization.id, maildirRoot: target.path)
        try await recall.withClient { client in
            let opened = try await open(client)
            let folders = try #require(try await client.get("\(opened.base)/Folders?parentId=null", token: opened.token).jsonObject()["results"] as? [[String: Any]])
            let inbox = try #require(folders.first?["id"] as? String)
            let first = try await client.post("\(opened.base)/Folders/\(inbox)/Action", token: opened.token, json: #"{"restoretoOriginallocation": {"userName": "x", "userPassword": "y"}}"#)
            #expect(first.status == .ok)
            #expect(first.text == #"{"createdItemsCount":4,"mergedItemsCount":0,"failedItemsCount":0,"skippedItemsCount":0}"#)
            let again = try await client.post("\(opened.base)/Folders/\(inbox)/Action", token: opened.token, json: #"{"restoretoOriginallocation": null}"#)
            #expect(again.text == #"{"createdItemsCount":0,"mergedItemsCount":0,"failedItemsCount":0,"skippedItemsCount":4}"#)
            let mailbox = target.appendingPathComponent("adele@contoso.onmicrosoft.com")
            let inboxFiles = try FileManager.default.contentsOfDirectory(atPath: mailbox.appendingPathComponent("new").path)
            #expect(inboxFiles.count == 3)
            let projects = try FileManager.default.contentsOfDirectory(atPath: mailbox.appendingPathComponent(".Inbox.Projects/new").path)
            #expect(projects.count == 1)
            let restored = try Data(contentsOf: mailbox.appendingPathComponent(".Inbox.Projects/new").appendingPathComponent(projects[0]))
            #expect(String(decoding: restored, as: UTF8.self) == ExploreTests.message("e@x", "E"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: mailbox.appendingPathComponent("tmp").path).isEmpty)

            let elsewhere = try await client.post(
                "\(opened.base)/Folders/\(inbox)/Action", token: opened.token,
                json: #"{"restoreTo": {"mailbox": "alex@contoso.onmicrosoft.com", "folder": "Restored", "markRestoredAsUnread": true}}"#
            )
            #expect(try elsewhere.jsonObject()["createdItemsCount"] as? Int == 4)
            #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("alex@contoso.onmicrosoft.com/.Restored.Inbox/new").path))
            let events = try await client.get("/v3/RestoreSessions/\(opened.session)/Events", token: opened.token).jsonObject()["results"] as? [[String: Any]]
            #expect(events?.filter { $0["type"] as? String == "Restore" }.count == 3)
            #expect((events?.last?["message"] as? String)?.hasPrefix("Item Inbox was restored successfully (type: Folder; source: adele@contoso.onmicrosoft.com/Inbox; target: ") == true)
        }
    }

    @Test func restoreWithoutTarget_is400() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try ExploreTests.importHistory(recall)
        try await recall.withClient { client in
            let opened = try await open(client)
            let response = try await client.post("\(opened.base)/Action", token: opened.token, json: #"{"restoretoOriginallocation": null}"#)
            #expect(response.status == .badRequest)
            #expect(response.message?.contains("set-target") == true)
        }
    }
}

/// A second, empty repository for round trips.
final class RepositoryCopy {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("recall-copy-\(UUID().uuidString)")
    let store: SQLiteStore

    init() throws {
        store = try SQLiteStore(directory: directory)
    }

    deinit {
        try? store.close()
        try? FileManager.default.removeItem(at: directory)
    }
}
