import Foundation
import Testing
@testable import RecallDemo

@Suite("Changes between restore points")
struct LifecycleTests {
    let org = DemoOrganization(seed: 11, scale: 400)

    /// For each mailbox, its messages keyed by `key` at every restore point.
    private func snapshots() -> [[[String: DemoMessage]]] {
        org.mailboxes.indices.map { m in
            org.restorePoints.indices.map { p in TestSupport.byKey(org, mailbox: m, point: p) }
        }
    }

    @Test("most messages are byte-identical at every point where they exist")
    func unchangedMessagesAreIdentical() {
        var present = 0
        var identical = 0
        for mailbox in snapshots() {
            for (earlier, later) in zip(mailbox, mailbox.dropFirst()) {
                for (key, message) in earlier {
                    guard let next = later[key] else { continue }
                    present += 1
                    if next.bytes == message.bytes { identical += 1 }
                }
            }
        }
        #expect(present > 800)
        #expect(Double(identical) >= 0.9 * Double(present))
        #expect(identical < present, "some messages must be edited")
    }

    @Test("every transition has new, deleted and edited messages")
    func everyTransitionChanges() {
        let all = snapshots()
        for point in 1..<org.restorePoints.count {
            var added = 0
            var deleted = 0
            var edited = 0
            for mailbox in all {
                let before = mailbox[point - 1]
                let after = mailbox[point]
                added += after.keys.filter { before[$0] == nil }.count
                deleted += before.keys.filter { after[$0] == nil }.count
                edited += before.filter { key, message in after[key].map { $0.bytes != message.bytes } ?? false }.count
            }
            #expect(added > 0, "no new messages at point \(point)")
            #expect(deleted > 0, "no deleted messages at point \(point)")
            #expect(edited > 0, "no edited messages at point \(point)")
        }
    }

    @Test("deleted messages stay absent from all later points")
    func deletedMessagesVanish() {
        var checked = 0
        for mailbox in snapshots() {
            for point in 1..<mailbox.count {
                for key in mailbox[point - 1].keys where mailbox[point][key] == nil {
                    checked += 1
                    for later in mailbox[point...] {
                        #expect(later[key] == nil, "\(key) came back")
                    }
                }
            }
        }
        #expect(checked > 0)
    }

    @Test("edited messages keep key and Message-ID but change bytes in a header or a body line")
    func editedMessagesKeepIdentity() {
        var edits = 0
        for mailbox in snapshots() {
            for (earlier, later) in zip(mailbox, mailbox.dropFirst()) {
                for (key, message) in earlier {
                    guard let next = later[key], next.bytes != message.bytes else { continue }
                    edits += 1
                    #expect(!message.messageID.isEmpty)
                    #expect(next.messageID == message.messageID)
                    #expect(TestSupport.header("Message-ID", in: next.bytes) == message.messageID)
                    let headerAdded = TestSupport.header("Keywords", in: next.bytes) != nil
                        && TestSupport.header("Keywords", in: message.bytes) == nil
                    let bodyChanged = TestSupport.headerText(next.bytes) == TestSupport.headerText(message.bytes)
                    #expect(headerAdded || bodyChanged)
                }
            }
        }
        #expect(edits > 0)
    }

    @Test("each message's Date precedes the restore point where it first appears")
    func datesPrecedeFirstAppearance() throws {
        var firstSeen: [String: Int] = [:]
        for point in org.restorePoints.indices {
            for located in TestSupport.all(org, point: point) {
                let id = "\(located.mailbox)/\(located.message.key)"
                let first = firstSeen[id] ?? point
                firstSeen[id] = first
                let header = try #require(TestSupport.header("Date", in: located.message.bytes))
                let parsed = try #require(TestSupport.parseDate(header))
                #expect(parsed == located.message.date)
                #expect(parsed < org.restorePoints[first])
                if first > 0 {
                    #expect(parsed > org.restorePoints[first - 1])
                }
            }
        }
    }

    @Test("flags can change while bytes stay the same")
    func flagsEvolve() {
        var changedFlags = 0
        for mailbox in snapshots() {
            for (earlier, later) in zip(mailbox, mailbox.dropFirst()) {
                for (key, message) in earlier {
                    if let next = later[key], next.bytes == message.bytes, next.flags != message.flags {
                        changedFlags += 1
                    }
                }
            }
        }
        #expect(changedFlags > 0)
    }
}
