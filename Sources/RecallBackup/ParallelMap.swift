import Dispatch

/// Maps a batch on every core (hashing and header parsing are pure and independent per message).
enum ParallelMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer {
            // The slots still own their (already copied-out) results: release them, or every result leaks.
            results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let output = results
        let lanes = min(items.count, 4)
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            var index = lane
            while index < items.count {
                output[index] = transform(items[index])
                index += lanes
            }
        }
        return results.map { $0! }
    }
}
