import Foundation
import Testing
@testable import RecallDemo

@Suite("Determinism")
struct DeterminismTests {
    @Test("the same seed gives identical messages")
    func sameSeedSameBytes() {
        let first = DemoOrganization(seed: 42, scale: 400)
        let second = DemoOrganization(seed: 42, scale: 400)
        #expect(first.mailboxes == second.mailboxes)
        #expect(first.restorePoints == second.restorePoints)
        for point in first.restorePoints.indices {
            let a = TestSupport.all(first, point: point).map(\.message)
            let b = TestSupport.all(second, point: point).map(\.message)
            #expect(a.count == b.count)
            let differing = zip(a, b).filter { $0.0 != $0.1 }.map(\.0.key)
            #expect(differing.isEmpty, "point \(point) differs for \(differing.prefix(5))")
        }
    }

    @Test("iterating a sequence twice gives identical messages")
    func iterationIsRepeatable() {
        let org = DemoOrganization(seed: 3, scale: 200)
        let sequence = org.messages(mailbox: 1, restorePoint: 2)
        let first = Array(sequence)
        let second = Array(sequence)
        #expect(first.count == second.count)
        #expect(zip(first, second).allSatisfy { $0.0 == $0.1 })
        #expect(sequence.count == Array(sequence).count)
    }

    @Test("a different seed gives different messages")
    func differentSeedDifferentBytes() {
        let first = DemoOrganization(seed: 1, scale: 400)
        let second = DemoOrganization(seed: 2, scale: 400)
        let a = Set(TestSupport.all(first, point: 3).map(\.message.bytes))
        let b = Set(TestSupport.all(second, point: 3).map(\.message.bytes))
        #expect(!a.isEmpty && !b.isEmpty)
        #expect(a.intersection(b).isEmpty)
        let idsA = Set(TestSupport.all(first, point: 3).map(\.message.messageID).filter { !$0.isEmpty })
        let idsB = Set(TestSupport.all(second, point: 3).map(\.message.messageID).filter { !$0.isEmpty })
        #expect(idsA.intersection(idsB).isEmpty)
    }

    @Test("restore points are fixed dates one day apart")
    func restorePointsAreFixed() throws {
        let org = DemoOrganization()
        #expect(org.name == "demo.onmicrosoft.com")
        #expect(org.restorePoints.count == 4)
        let first = try #require(ISO8601DateFormatter().date(from: "2026-01-05T22:00:00Z"))
        #expect(org.restorePoints.first == first)
        for (earlier, later) in zip(org.restorePoints, org.restorePoints.dropFirst()) {
            #expect(later.timeIntervalSince(earlier) == 86_400)
        }
    }
}
