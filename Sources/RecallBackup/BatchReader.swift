import Foundation
import RecallCore
import RecallStore

/// Messages read from a source and hashed, with the source's progress after them and their size.
struct ReadBatch: Sendable {
    var messages: [IncomingMessage]
    var hashes: [ContentHash]
    /// XXH64 of each message, stored with its blob for exports to check against.
    var checksums: [UInt64]
    var progress: (done: UInt64, total: UInt64)
    var bytes: Int
}

/// Reads and hashes the next batches on a thread of its own while the importer stores the current one, so reading,
/// hashing, parsing and writing overlap. At most `depth` batches wait, and batches read but not yet `release`d stay
/// under `maxInFlightBytes` (one batch may exceed it alone), which bounds memory; `finish()` stops the thread and hands
/// the source back.
final class BatchReader<Source: MessageSource>: @unchecked Sendable {
    static var maxMessages: Int { 512 }
    static var maxBytes: Int { 4 << 20 }
    static var maxInFlightBytes: Int { 4 * maxBytes }

    private let condition = NSCondition()
    private let depth = 2
    // Guarded by `condition`.
    private var ready: [ReadBatch] = []
    /// Bytes of batches read and not yet `release`d by whoever finished with them.
    private var inFlight = 0
    private var failure: (any Error)?
    private var finished = false
    private var stopped = false
    // Touched by the reading thread only, until `finished`.
    private var source: Source

    init(source: Source) {
        self.source = source
        let thread = Thread { [self] in produce() }
        thread.stackSize = 4 << 20
        thread.start()
    }

    /// The next batch, nil at the end; rethrows what the source threw once the batches before it are taken.
    func next() throws -> ReadBatch? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty, !finished { condition.wait() }
        if !ready.isEmpty {
            condition.broadcast()
            return ready.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Says that the consumer is done with a batch's bytes, so the reader may read more.
    func release(_ batch: ReadBatch) {
        condition.lock()
        inFlight -= batch.bytes
        condition.broadcast()
        condition.unlock()
    }

    /// Stops reading, waits for the thread to end and returns the source.
    func finish() -> Source {
        condition.lock()
        stopped = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
        return source
    }

    private func produce() {
        var exhausted = false
        while !exhausted {
            // Start reading only when a whole batch fits the budget: after a 50 MB message, the next one is read
            // once the writer is done with it, so two large messages are never held at once.
            condition.lock()
            while !stopped, inFlight > Self.maxInFlightBytes - Self.maxBytes { condition.wait() }
            condition.unlock()
            var messages: [IncomingMessage] = []
            var bytes = 0
            do {
                while messages.count < Self.maxMessages, bytes < Self.maxBytes {
                    guard let message = try source.next() else {
                        exhausted = true
                        break
                    }
                    bytes += message.bytes.count
                    messages.append(message)
                }
            } catch {
                end(failure: error)
                return
            }
            let digests = ParallelMap.map(messages) { (BlobPackWriter.hash($0.bytes), XXH64.hash($0.bytes)) }
            let batch = ReadBatch(
                messages: messages, hashes: digests.map(\.0), checksums: digests.map(\.1), progress: source.progress, bytes: bytes
            )
            condition.lock()
            // Bounded in batches and in bytes all the way to the writer: a run of 50 MB messages keeps one in flight.
            while !stopped, ready.count >= depth || (inFlight > 0 && inFlight + bytes > Self.maxInFlightBytes) { condition.wait() }
            if !stopped, !messages.isEmpty {
                ready.append(batch)
                inFlight += bytes
            }
            let stop = stopped
            condition.broadcast()
            condition.unlock()
            if stop { break }
        }
        end(failure: nil)
    }

    private func end(failure: (any Error)?) {
        condition.lock()
        self.failure = failure
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}
