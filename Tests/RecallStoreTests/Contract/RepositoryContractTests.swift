import Foundation
import RecallCore
import RecallStore
import Testing

/// A mailbox with two restore points, browsed at points in time and exported, as a restore session sees it.
///
/// Day 5: `alpha` and `beta` in Inbox. Day 7: `alpha` changed to `alpha v2`, `beta` deleted, `gamma` new in
/// Inbox/Projects.
@Suite struct RepositoryContractTests {
    static func view(day: Int, showDeleted: Bool = false, showAllVersions: Bool = false) -> PointInTimeView {
        PointInTimeView(time: Contract.time(day: day), showDeleted: showDeleted, showAllVersions: showAllVersions)
    }

    /// The two restore points; returns the mailbox.
    static func history(_ store: any ContractStore, _ directory: URL) async throws -> Mailbox {
        let importer = ContractImport(store: store, directory: directory)
        let mailbox = try importer.run(at: Contract.time(day: 5), new: [("Inbox", "alpha"), ("Inbox", "beta")])
        let current = try store.currentVersions(mailboxID: mailbox.id, folderKeys: nil)
        let versions = Dictionary(uniqueKeysWithValues: current.map { ($0.hash, $0.versionID) })
        try importer.run(
            at: Contract.time(day: 7), new: [("Inbox/Projects", "gamma")],
            changed: [(try #require(versions[ContractImport.hash("alpha")]), "alpha v2")], deleted: [try #require(versions[ContractImport.hash("beta")])]
        )
        return mailbox
    }

    static func subjects(_ store: any ContractStore, _ mailbox: Mailbox, _ view: PointInTimeView, folder: MailFolder? = nil) async throws -> [String] {
        try await store.items(mailboxID: mailbox.id, folderID: folder?.id, view: view, offset: 0, limit: 100).map(\.metadata.subject).sorted()
    }

    @Test(arguments: StoreUnderTest.all) func explore_showsTheMailboxAsItWasAtThePointInTime(_ kind: StoreUnderTest) async throws {
        try await kind.with { store, directory in
            let mailbox = try await Self.history(store, directory)
            let organization = mailbox.organizationID

            #expect(try await store.mailboxes(organizationID: organization, at: Contract.time(day: 4), offset: 0, limit: 10).isEmpty)
            #expect(try await store.mailboxes(organizationID: organization, at: Contract.time(day: 6), offset: 0, limit: 10).map(\.address) == [ContractImport.address])
            #expect(try await store.mailbox(id: mailbox.id, organizationID: organization, at: Contract.time(day: 6))?.address == ContractImport.address)
            #expect(try await store.mailbox(id: mailbox.id, organizationID: organization, at: Contract.time(day: 4)) == nil)

            #expect(try await store.folders(mailboxID: mailbox.id, at: Contract.time(day: 6), filter: .all, offset: 0, limit: 10).map(\.path) == [["Inbox"]])
            let folders = try await store.folders(mailboxID: mailbox.id, at: Contract.time(day: 8), filter: .all, offset: 0, limit: 10)
            #expect(folders.map(\.path) == [["Inbox"], ["Inbox", "Projects"]])
            let inbox = try #require(folders.first)
            #expect(try await store.folder(id: inbox.id, mailboxID: mailbox.id, at: Contract.time(day: 6)) == inbox)
            #expect(try await store.folders(mailboxID: mailbox.id, at: Contract.time(day: 8), filter: .children(of: inbox.id), offset: 0, limit: 10).map(\.name) == ["Projects"])

            #expect(try await Self.subjects(store, mailbox, Self.view(day: 6)) == ["alpha", "beta"])
            #expect(try await Self.subjects(store, mailbox, Self.view(day: 8)) == ["alpha v2", "gamma"])
            #expect(try await Self.subjects(store, mailbox, Self.view(day: 8), folder: inbox) == ["alpha v2"])
            #expect(try await Self.subjects(store, mailbox, Self.view(day: 8, showDeleted: true)) == ["alpha v2", "beta", "gamma"])

            let alpha = try #require(try await store.items(mailboxID: mailbox.id, folderID: nil, view: Self.view(day: 6), offset: 0, limit: 10).first { $0.metadata.subject == "alpha" })
            #expect(try await store.item(versionID: alpha.versionID, mailboxID: mailbox.id, view: Self.view(day: 6))?.hash == ContractImport.hash("alpha"))
            #expect(try await store.item(versionID: alpha.versionID, mailboxID: mailbox.id, view: Self.view(day: 8)) == nil)
            #expect(try await store.versionHashes(itemID: alpha.itemID) == [ContractImport.hash("alpha"), ContractImport.hash("alpha v2")])
        }
    }

    @Test(arguments: StoreUnderTest.all) func anExport_deliversEveryVisibleMessageIntact_inBatchesWithinTheBudget(_ kind: StoreUnderTest) async throws {
        try await kind.with { store, directory in
            let mailbox = try await Self.history(store, directory)
            let (packs, buffers) = (store.openPacks(), ExportBuffers())
            func export(maxBytes: Int) async throws -> (messages: [[UInt8]], batches: Int) {
                var (messages, batches, after) = ([[UInt8]](), 0, Int64(0))
                while true {
                    let batch = try await store.exportBatch(
                        organizationID: mailbox.organizationID, scope: .mailbox(mailbox.id), view: Self.view(day: 8), afterVersion: after,
                        maxBytes: maxBytes, packs: packs, buffers: buffers
                    )
                    batches += 1
                    for index in batch.entries.indices {
                        messages.append(try #require(batch.withMessage(index) { message in message.map { Array($0) } }))
                    }
                    after = batch.entries.last?.versionID ?? after
                    if batch.isLast { return (messages, batches) }
                    guard batches < 10 else {
                        Issue.record("an export that never ends")
                        return (messages, batches)
                    }
                }
            }

            let whole = try await export(maxBytes: 8 << 20)
            #expect(whole.batches == 1)
            #expect(Set(whole.messages) == [ContractImport.bytes("alpha v2"), ContractImport.bytes("gamma")])
            let small = try await export(maxBytes: 1)
            #expect(small.messages == whole.messages)
            #expect(small.batches == 2)
        }
    }

    @Test(arguments: StoreUnderTest.all) func restoreReads_findEachItemsPlace_andItsCheckedBytes(_ kind: StoreUnderTest) async throws {
        try await kind.with { store, directory in
            let mailbox = try await Self.history(store, directory)
            let inbox = try #require(try await store.folders(mailboxID: mailbox.id, at: Contract.time(day: 8), filter: .roots, offset: 0, limit: 10).first)

            let items = try await store.scopedItems(
                organizationID: mailbox.organizationID, scope: .folder(mailbox.id, inbox.id), view: Self.view(day: 8), afterVersion: 0, limit: 10
            )
            #expect(items.map(\.version.metadata.subject).sorted() == ["alpha v2", "gamma"])
            #expect(Set(items.map(\.mailboxAddress)) == [ContractImport.address])
            #expect(items.map(\.folderPath).sorted { $0.count < $1.count } == [["Inbox"], ["Inbox", "Projects"]])
            let next = try await store.scopedItems(
                organizationID: mailbox.organizationID, scope: .organization, view: Self.view(day: 8), afterVersion: try #require(items.map(\.version.versionID).max()), limit: 10
            )
            #expect(next.isEmpty)

            let missing = ContractImport.hash("never stored")
            let locations = try await store.blobLocations([ContractImport.hash("gamma"), missing])
            #expect(locations[missing] == nil)
            let gamma = try #require(locations[ContractImport.hash("gamma")])
            #expect(try store.messageBytes(ContractImport.hash("gamma"), at: gamma, packs: store.openPacks()) == ContractImport.bytes("gamma"))
            #expect(try await store.messageBytes(ContractImport.hash("alpha")) == ContractImport.bytes("alpha"))
            await #expect(throws: RecallError.self) { try await store.messageBytes(missing) }
        }
    }

    @Test(arguments: StoreUnderTest.all) func theCounts_matchWhatWasImported(_ kind: StoreUnderTest) async throws {
        try await kind.with { store, directory in
            let before = try await store.operationalCounts()
            #expect(before.restorePoints == 0)
            _ = try await Self.history(store, directory)

            let stats = try store.repositoryStats()
            #expect(stats.organizations == 1)
            #expect(stats.mailboxes == 1)
            #expect(stats.restorePoints == 2)
            #expect(stats.itemVersions == 4)
            #expect(stats.blobs == 4)
            #expect(try await store.operationalCounts().restorePoints == 2)
            let installation = try await store.installationID()
            #expect(try await store.installationID() == installation)
        }
    }
}
