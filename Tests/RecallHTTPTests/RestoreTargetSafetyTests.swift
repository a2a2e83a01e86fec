import Foundation
import HummingbirdTesting
@testable import RecallCore
import RecallRestore
import Testing

/// A restore target is a tree other programs (a mail server, its users) write into too: a link planted anywhere in it
/// must not send a restore's writes, reads or removals outside the root, and a Message-ID someone else chose must
/// not make a restore delete live mail.
@Suite struct RestoreTargetSafetyTests {
    static let mailbox = "adele@contoso.onmicrosoft.com"

    struct Setup {
        let recall: TestRecall
        let target: URL
        let outside: URL

        var mailboxDirectory: URL { target.appendingPathComponent(RestoreTargetSafetyTests.mailbox) }

        func remove() {
            recall.remove()
        }

        /// Restores the Inbox (and its subfolder Projects) of the day-7 point in time; returns the answer's text.
        func restoreInbox(_ body: String = #"{"restoretoOriginallocation": null}"#) async throws -> String {
            try await recall.withClient { client in
                let opened = try await ExchangeActionsTests().open(client)
                let folders = try #require(try await client.get("\(opened.base)/Folders?parentId=null", token: opened.token).jsonObject()["results"] as? [[String: Any]])
                let inbox = try #require(folders.first?["id"] as? String)
                let response = try await client.post("\(opened.base)/Folders/\(inbox)/Action", token: opened.token, json: body)
                #expect(response.status == .ok)
                return response.text
            }
        }

        /// Every file under `outside`, relative, sorted.
        func outsideFiles() -> [String] {
            let walker = FileManager.default.enumerator(atPath: outside.path)
            return (walker?.allObjects as? [String] ?? []).sorted()
        }
    }

    func setUp() async throws -> Setup {
        let recall = try await TestRecall()
        try ExploreTests.importHistory(recall)
        let target = recall.directory.appendingPathComponent("restored")
        let outside = recall.directory.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try await recall.store.setRestoreTarget(organizationID: recall.organization.id, maildirRoot: target.path)
        return Setup(recall: recall, target: target, outside: outside)
    }

    func link(_ url: URL, to destination: URL) throws {
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: destination.path)
    }

    @Test func aLinkedMailboxDirectory_failsItsItems_andNothingIsWrittenOutside() async throws {
        let setup = try await setUp()
        defer { setup.remove() }
        try link(setup.mailboxDirectory, to: setup.outside)
        let answer = try await setup.restoreInbox()
        #expect(answer == #"{"createdItemsCount":0,"mergedItemsCount":0,"failedItemsCount":4,"skippedItemsCount":0}"#)
        #expect(setup.outsideFiles() == [])
    }

    @Test func aLinkedNewDirectory_failsItsFolder_andNothingIsWrittenOutside() async throws {
        let setup = try await setUp()
        defer { setup.remove() }
        try FileManager.default.createDirectory(at: setup.mailboxDirectory, withIntermediateDirectories: true)
        try link(setup.mailboxDirectory.appendingPathComponent("new"), to: setup.outside)
        let answer = try await setup.restoreInbox()
        // The three Inbox items fail; Projects is a directory of its own, untouched by the link.
        #expect(answer == #"{"createdItemsCount":1,"mergedItemsCount":0,"failedItemsCount":3,"skippedItemsCount":0}"#)
        #expect(setup.outsideFiles() == [])
    }

    /// Through a linked `cur/`, a file outside the root whose Message-ID and bytes match an older version of a restored
    /// message was once deleted as the copy being replaced.
    @Test func aLinkedCurDirectory_isNeitherReadNorEmptied() async throws {
        let setup = try await setUp()
        defer { setup.remove() }
        try FileManager.default.createDirectory(at: setup.mailboxDirectory, withIntermediateDirectories: true)
        try Data(ExploreTests.message("b@x", "B").utf8).write(to: setup.outside.appendingPathComponent("victim:2,S"))
        try link(setup.mailboxDirectory.appendingPathComponent("cur"), to: setup.outside)
        let answer = try await setup.restoreInbox()
        #expect(answer == #"{"createdItemsCount":1,"mergedItemsCount":0,"failedItemsCount":3,"skippedItemsCount":0}"#)
        #expect(setup.outsideFiles() == ["victim:2,S"])
    }

    @Test func aLinkedSubfolder_failsItsItems_andNothingIsWrittenOutside() async throws {
        let setup = try await setUp()
        defer { setup.remove() }
        try FileManager.default.createDirectory(at: setup.mailboxDirectory, withIntermediateDirectories: true)
        try link(setup.mailboxDirectory.appendingPathComponent(".Inbox.Projects"), to: setup.outside)
        let answer = try await setup.restoreInbox()
        #expect(answer == #"{"createdItemsCount":3,"mergedItemsCount":0,"failedItemsCount":1,"skippedItemsCount":0}"#)
        #expect(setup.outsideFiles() == [])
    }

    /// A linked message file in the target is not read (as an existing copy) and not replaced: the restore writes its
    /// own copy beside it, and the file the link points at is unchanged.
    @Test func aLinkedMessageFile_isLeftAlone() async throws {
        let setup = try await setUp()
        defer { setup.remove() }
        let cur = setup.mailboxDirectory.appendingPathComponent("cur")
        try FileManager.default.createDirectory(at: cur, withIntermediateDirectories: true)
        let victim = setup.outside.appendingPathComponent("victim")
        try Data(ExploreTests.message("b@x", "B").utf8).write(to: victim)
        try link(cur.appendingPathComponent("planted:2,S"), to: victim)
        let answer = try await setup.restoreInbox()
        #expect(answer == #"{"createdItemsCount":4,"mergedItemsCount":0,"failedItemsCount":0,"skippedItemsCount":0}"#)
        #expect(try String(contentsOf: victim, encoding: .utf8) == ExploreTests.message("b@x", "B"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: cur.appendingPathComponent("planted:2,S").path) == victim.path)
    }

    /// Only a copy that is one of the item's own stored versions is replaced; another message that carries the same
    /// Message-ID (whoever sent it chose it) stays, and the restored one is written beside it.
    @Test func aSharedMessageID_replacesOnlyAStoredVersionOfTheSameItem() async throws {
        let setup = try await setUp()
        defer { setup.remove() }
        let cur = setup.mailboxDirectory.appendingPathComponent("cur")
        try FileManager.default.createDirectory(at: cur, withIntermediateDirectories: true)
        let older = ExploreTests.message("b@x", "B")  // B as backed up on day 5, before its edit
        let foreign = ExploreTests.message("a@x", "Not A", body: "someone else's mail")
        try Data(older.utf8).write(to: cur.appendingPathComponent("1.older:2,S"))
        try Data(foreign.utf8).write(to: cur.appendingPathComponent("2.foreign:2,S"))
        let answer = try await setup.restoreInbox()
        #expect(answer == #"{"createdItemsCount":3,"mergedItemsCount":1,"failedItemsCount":0,"skippedItemsCount":0}"#)
        let names = try FileManager.default.contentsOfDirectory(atPath: cur.path)
        #expect(names.contains("2.foreign:2,S"))
        #expect(!names.contains("1.older:2,S"))
        #expect(try String(contentsOf: cur.appendingPathComponent("2.foreign:2,S"), encoding: .utf8) == foreign)
    }

    /// With `changedItems` false, an older version of the item already there is kept and the item skipped.
    @Test func withoutChangedItems_nothingIsReplaced() async throws {
        let setup = try await setUp()
        defer { setup.remove() }
        let cur = setup.mailboxDirectory.appendingPathComponent("cur")
        try FileManager.default.createDirectory(at: cur, withIntermediateDirectories: true)
        try Data(ExploreTests.message("b@x", "B").utf8).write(to: cur.appendingPathComponent("1.older:2,S"))
        let answer = try await setup.restoreInbox(#"{"restoreTo": {"mailbox": "adele@contoso.onmicrosoft.com", "changedItems": false}}"#)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cur.path).contains("1.older:2,S"))
        #expect(answer == #"{"createdItemsCount":3,"mergedItemsCount":0,"failedItemsCount":0,"skippedItemsCount":1}"#)
    }
}

/// `set-target --maildir /` once made every restore fail; unusable targets are refused when they are set, and a stored
/// one is refused (400, nothing written) when a restore starts.
@Suite struct RestoreTargetCheckTests {
    func reason(_ path: String, dataDirectory: URL) -> String? {
        do {
            try RestoreTargetCheck.prepare(path, dataDirectory: dataDirectory)
            return nil
        } catch {
            return (error as? RecallError)?.message ?? "\(error)"
        }
    }

    @Test func unusableTargets_areRefused_withTheReason() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("recall-target-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: data) }
        let file = data.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        #expect(reason("/", dataDirectory: data) == "The restore target / cannot be used: it is the root of the file system.")
        #expect(reason("/tmp/..", dataDirectory: data) == "The restore target /tmp/.. cannot be used: it is the root of the file system.")
        #expect(reason("relative", dataDirectory: data) == "The restore target relative cannot be used: it is not an absolute path.")
        #expect(reason(data.path, dataDirectory: data) == "The restore target \(data.path) cannot be used: it is Recall's data directory.")
        #expect(reason(data.path + "/packs/x", dataDirectory: data)?.hasSuffix("cannot be used: Recall keeps its own files in \(data.resolvingSymlinksInPath().path)/packs.") == true)
        #expect(reason(file.path, dataDirectory: data)?.hasPrefix("The restore target \(file.path) cannot be used: it cannot be created") == true)
        let fine = data.appendingPathComponent("restored/deeper")
        #expect(reason(fine.path, dataDirectory: data) == nil)
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: fine.path, isDirectory: &isDirectory) && isDirectory.boolValue)
    }

    @Test func aStoredRootTarget_answers400_andWritesNothing() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try ExploreTests.importHistory(recall)
        try await recall.store.setRestoreTarget(organizationID: recall.organization.id, maildirRoot: "/")
        try await recall.withClient { client in
            let opened = try await ExchangeActionsTests().open(client)
            let response = try await client.post("\(opened.base)/Action", token: opened.token, json: #"{"restoretoOriginallocation": null}"#)
            #expect(response.status == .badRequest)
            #expect(response.text == #"{"message":"The restore target / cannot be used: it is the root of the file system."}"#)
        }
        #expect(!FileManager.default.fileExists(atPath: "/\(RestoreTargetSafetyTests.mailbox)"))
    }
}
