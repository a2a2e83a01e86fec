import Synchronization
import Testing
@testable import RecallBackup

@Suite struct ParallelMapTests {
    /// Counts live instances, so a result the map forgot to release shows up.
    final class Tracked: Sendable {
        static let live = Atomic<Int>(0)
        let value: Int
        init(_ value: Int) {
            self.value = value
            Self.live.add(1, ordering: .relaxed)
        }
        deinit { Self.live.subtract(1, ordering: .relaxed) }
    }

    @Test func keepsOrder_andReleasesEveryResult() {
        let before = Tracked.live.load(ordering: .relaxed)
        do {
            let results = ParallelMap.map(Array(0..<1_000)) { Tracked($0 * 2) }
            #expect(results.map(\.value) == Array(0..<1_000).map { $0 * 2 })
            #expect(Tracked.live.load(ordering: .relaxed) - before == 1_000)
        }
        // An import maps every batch; results the map still held after returning grew its memory with the input.
        #expect(Tracked.live.load(ordering: .relaxed) == before)
    }
}
