import Testing
@testable import RecallCore

@Suite struct VersionMatcherTests {
    static func hash(_ n: UInt8) -> ContentHash { ContentHash(bytes: [UInt8](repeating: n, count: 32))! }

    @Test func identicalBytes_areUnchanged_evenWithDuplicateMessageIDs() {
        var matcher = VersionMatcher<Int>(previous: [
            .init(id: 1, hash: Self.hash(1), flags: [], sourceName: nil, messageID: "a@x"),
            .init(id: 2, hash: Self.hash(2), flags: [], sourceName: nil, messageID: "a@x"),
        ])
        #expect(matcher.matchExactly(hash: Self.hash(2), flags: []) == .unchanged(2))
        #expect(matcher.matchExactly(hash: Self.hash(1), flags: []) == .unchanged(1))
        #expect(matcher.deleted.isEmpty)
    }

    @Test func duplicates_pairOneToOne_leftoversAreNewOrDeleted() {
        var matcher = VersionMatcher<Int>(previous: [
            .init(id: 1, hash: Self.hash(1), flags: [], sourceName: nil, messageID: nil),
            .init(id: 2, hash: Self.hash(1), flags: [], sourceName: nil, messageID: nil),
            .init(id: 3, hash: Self.hash(3), flags: [], sourceName: nil, messageID: "gone@x"),
        ])
        #expect(matcher.matchExactly(hash: Self.hash(1), flags: []) == .unchanged(1))
        #expect(matcher.matchExactly(hash: Self.hash(1), flags: []) == .unchanged(2))
        #expect(matcher.matchExactly(hash: Self.hash(1), flags: []) == nil)
        #expect(matcher.matchLoosely(hash: Self.hash(1), sourceName: nil, messageID: nil) == .new)
        #expect(matcher.deleted == [3])
    }

    @Test func changedBytes_matchByMessageID_changedFlags_matchByHash() {
        var matcher = VersionMatcher<Int>(previous: [
            .init(id: 1, hash: Self.hash(1), flags: [], sourceName: nil, messageID: "edited@x"),
            .init(id: 2, hash: Self.hash(2), flags: [], sourceName: nil, messageID: "read@x"),
            .init(id: 3, hash: Self.hash(3), flags: [], sourceName: "1700.M1.host", messageID: nil),
        ])
        #expect(matcher.matchExactly(hash: Self.hash(9), flags: []) == nil)
        #expect(matcher.matchExactly(hash: Self.hash(2), flags: [.seen]) == nil)
        #expect(matcher.matchLoosely(hash: Self.hash(2), sourceName: nil, messageID: "read@x") == .changed(2))
        #expect(matcher.matchLoosely(hash: Self.hash(9), sourceName: nil, messageID: "edited@x") == .changed(1))
        #expect(matcher.matchLoosely(hash: Self.hash(8), sourceName: "1700.M1.host", messageID: nil) == .changed(3))
        #expect(matcher.matchLoosely(hash: Self.hash(7), sourceName: nil, messageID: "edited@x") == .new)
        #expect(matcher.deleted.isEmpty)
        #expect(matcher.isExhausted)
    }
}
