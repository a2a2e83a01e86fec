import Foundation
import RecallBackup
@testable import RecallCore
@testable import RecallStore
import Testing

/// The "explore at time T" rule is written twice: `PointInTimeView.shows` in the domain and the SQL the store runs
/// (`SQLiteStore.visibility`). Random histories of adds, edits, deletes and moves between folders, imported as
/// restore points, are explored at every boundary and between them with every combination of `showDeleted` and
/// `showAllVersions`: browsing (`items`) and actions (`scopedItems`) must show exactly the versions `shows` picks.
@Suite struct PointInTimeAgreementTests {
    /// A small deterministic generator (SplitMix64), so a failure names a seed that reproduces it.
    struct Generator {
        var state: UInt64

        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    @Test(arguments: [1, 2, 3, 4])
    func theStoreShowsWhatTheDomainRuleShows(seed: Int) async throws {
        let fixture = try RepositoryFixture()
        var random = Generator(state: UInt64(seed))
        var next = 0
        // Message-ID → (folder, body) of what the mailbox holds now.
        var mailbox: [String: (folder: String, body: String)] = [:]
        let folders = ["Inbox", "Archive"]
        for day in 5...10 {
            for id in mailbox.keys.sorted() {
                switch random.next(6) {
                case 0: mailbox[id] = nil
                case 1: mailbox[id]?.body += "edited on day \(day)\n"
                case 2: mailbox[id]?.folder = folders[random.next(folders.count)]
                default: break
                }
            }
            for _ in 0..<random.next(5) + 1 {
                next += 1
                mailbox["m\(next)@x"] = (folders[random.next(folders.count)], "message \(next)\n")
            }
            // A restore point is the whole mailbox: a Maildir whose root is the Inbox and `.Archive` the archive.
            let root = fixture.directory.appendingPathComponent("maildir-\(day)")
            for sub in ["cur", "new", "tmp"] {
                try FileManager.default.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
            }
            for (index, entry) in mailbox.sorted(by: { $0.key < $1.key }).enumerated() {
                let folder = entry.value.folder == "Inbox" ? root : root.appendingPathComponent(".\(entry.value.folder)")
                for sub in ["cur", "new", "tmp"] {
                    try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
                }
                let text = Mail.message(id: entry.key, subject: entry.key, body: entry.value.body)
                try Data(text.utf8).write(to: folder.appendingPathComponent("cur/\(index).msg:2,S"))
            }
            var source = try MaildirSource(root: root)
            _ = try fixture.importer.run(
                organization: "contoso.onmicrosoft.com", address: "adele@contoso.onmicrosoft.com", time: RepositoryFixture.day(day),
                source: &source, description: "test"
            )
        }
        let organization = try #require(try await fixture.store.organization(named: "contoso.onmicrosoft.com"))
        let everything = PointInTimeView(time: Timestamp(ticks: .max), showDeleted: true, showAllVersions: true)
        let all = try await fixture.store.scopedItems(organizationID: organization.id, scope: .organization, view: everything, afterVersion: 0, limit: 100_000)
        #expect(all.count == (try fixture.count("item_versions")))
        let mailboxID = try #require(all.first?.version.mailboxID)

        var times: [Timestamp] = []
        for day in 4...11 {
            let point = RepositoryFixture.day(day)
            times += [point, Timestamp(ticks: point.ticks - 1), Timestamp(ticks: point.ticks + 1), Timestamp(ticks: point.ticks + 3_600 * Timestamp.ticksPerSecond)]
        }
        var compared = 0
        for time in times {
            for (showDeleted, showAllVersions) in [(false, false), (true, false), (false, true), (true, true)] {
                let view = PointInTimeView(time: time, showDeleted: showDeleted, showAllVersions: showAllVersions)
                let expected = Set(all.filter { view.shows(first: $0.version.firstSeen, end: $0.version.end, reason: $0.version.endReason) }.map(\.version.versionID))
                let scoped = try await fixture.store.scopedItems(organizationID: organization.id, scope: .organization, view: view, afterVersion: 0, limit: 100_000)
                #expect(Set(scoped.map(\.version.versionID)) == expected, "seed \(seed), \(view): actions")
                let browsed = try await fixture.store.items(mailboxID: mailboxID, folderID: nil, view: view, offset: 0, limit: 10_000)
                #expect(Set(browsed.map(\.versionID)) == expected, "seed \(seed), \(view): browsing")
                compared += expected.count
            }
        }
        // The histories are not trivial: ended versions of both kinds exist and the views differ.
        #expect(all.contains { $0.version.endReason == .deleted })
        #expect(all.contains { $0.version.endReason == .changed })
        #expect(compared > 0)
    }
}
