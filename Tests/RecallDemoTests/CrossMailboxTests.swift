import Foundation
import Testing
@testable import RecallDemo

@Suite("Cross-mailbox duplicates")
struct CrossMailboxTests {
    @Test("mail between demo users is byte-identical in Sent Items and the recipient's Inbox", arguments: [20, 400])
    func sharedMessages(scale: Int) throws {
        let org = DemoOrganization(seed: 4, scale: scale)
        let located = TestSupport.all(org, point: org.restorePoints.count - 1)
        let groups = Dictionary(grouping: located) { $0.message.bytes }.values.filter { group in
            Set(group.map(\.mailbox)).count > 1
        }
        #expect(!groups.isEmpty)
        for group in groups {
            #expect(group.count == 2)
            let sent = try #require(group.first { $0.message.folderPath == ["Sent Items"] })
            let received = try #require(group.first { $0.message.folderPath == ["Inbox"] })
            #expect(sent.mailbox != received.mailbox)
            #expect(sent.message.messageID == received.message.messageID)
            #expect(sent.message.key == received.message.key)
            let from = try #require(TestSupport.header("From", in: sent.message.bytes))
            let to = try #require(TestSupport.header("To", in: sent.message.bytes))
            #expect(from.hasSuffix("<\(org.mailboxes[sent.mailbox].address)>"))
            #expect(to.hasSuffix("<\(org.mailboxes[received.mailbox].address)>"))
        }
    }
}
