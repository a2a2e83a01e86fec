import Foundation
import Testing
@testable import RecallDemo

@Suite("Scale")
struct ScaleTests {
    private func total(_ org: DemoOrganization, point: Int) -> Int {
        org.mailboxes.indices.reduce(0) { $0 + org.messageCount(mailbox: $1, restorePoint: point) }
    }

    @Test("message counts roughly match the requested scale", arguments: [20, 400, 20_000])
    func countsMatchScale(scale: Int) {
        let org = DemoOrganization(seed: 5, scale: scale)
        let last = org.restorePoints.count - 1
        let count = total(org, point: last)
        #expect(abs(count - scale) <= max(8, scale / 10), "scale \(scale) gave \(count) messages")
        // Earlier restore points hold fewer messages (mail keeps arriving).
        #expect(total(org, point: 0) < count)
    }

    @Test("built messages agree with counts", arguments: [20, 400])
    func sequenceMatchesCount(scale: Int) {
        let org = DemoOrganization(seed: 9, scale: scale)
        for mailbox in org.mailboxes.indices {
            let built = Array(org.messages(mailbox: mailbox, restorePoint: 3))
            #expect(built.count == org.messageCount(mailbox: mailbox, restorePoint: 3))
            let inbox = built.filter { $0.folderPath == ["Inbox"] }.count
            #expect(inbox == org.messageCount(mailbox: mailbox, restorePoint: 3, folder: ["Inbox"]))
        }
    }

    @Test("mailbox count grows slowly with scale")
    func mailboxCountGrows() {
        #expect(DemoOrganization(scale: 20).mailboxes.count == 4)
        #expect(DemoOrganization(scale: 400).mailboxes.count == 4)
        let medium = DemoOrganization(scale: 20_000).mailboxes.count
        let huge = DemoOrganization(scale: 1_000_000).mailboxes.count
        #expect(medium > 4 && medium < huge)
        #expect(huge >= 40 && huge <= 50)
    }

    @Test("at 20,000 messages the first Inbox holds more than half of everything")
    func firstInboxDominates() {
        let org = DemoOrganization(seed: 5, scale: 20_000)
        let inbox = org.messageCount(mailbox: 0, restorePoint: 3, folder: ["Inbox"])
        #expect(inbox * 2 > total(org, point: 3))
    }

    @Test("at small scale no mailbox dominates")
    func smallScaleIsBalanced() {
        let org = DemoOrganization(seed: 5, scale: 400)
        let inbox = org.messageCount(mailbox: 0, restorePoint: 3, folder: ["Inbox"])
        #expect(inbox * 4 < total(org, point: 3))
    }

    @Test("a million-message organization is lazy and filters folders before building")
    func millionIsLazy() {
        let org = DemoOrganization(seed: 1, scale: 1_000_000)
        for folder in [["Sent Items"], ["Archive", "2025"], ["Inbox", "Projects", "Contoso"]] {
            let first = Array(org.messages(mailbox: 0, restorePoint: 3, folder: folder).prefix(5))
            #expect(first.count == 5)
            #expect(first.allSatisfy { $0.folderPath == folder })
        }
    }

    @Test("out-of-range requests are empty, not traps")
    func outOfRangeIsEmpty() {
        let org = DemoOrganization(scale: 20)
        #expect(org.messageCount(mailbox: 99, restorePoint: 0) == 0)
        #expect(org.messageCount(mailbox: 0, restorePoint: 9) == 0)
        #expect(org.messageCount(mailbox: -1, restorePoint: -1) == 0)
        #expect(org.messageCount(mailbox: 0, restorePoint: 3, folder: ["Nope"]) == 0)
    }
}
