import Foundation

/// Runs jobs one after another, in order, on a thread of its own, so the importer can store batch n while it parses
/// batch n+1. At most `depth` jobs wait (memory stays bounded); after a job throws, the rest are skipped and
/// `finish()` rethrows. The caller must not touch what the jobs use until `finish()` returns.
final class SerialWorker: @unchecked Sendable {
    private let condition = NSCondition()
    private let depth: Int
    // Guarded by `condition`.
    private var jobs: [() throws -> Void] = []
    private var failure: (any Error)?
    private var closed = false
    private var finished = false

    init(depth: Int = 2) {
        self.depth = depth
        let thread = Thread { [self] in run() }
        thread.stackSize = 4 << 20
        thread.start()
    }

    /// Queues a job, waiting while `depth` are queued; throws at once if an earlier job failed.
    func submit(_ job: @escaping () throws -> Void) throws {
        condition.lock()
        defer { condition.unlock() }
        while jobs.count >= depth, failure == nil { condition.wait() }
        if let failure { throw failure }
        jobs.append(job)
        condition.broadcast()
    }

    /// Waits for every queued job and ends the thread; rethrows the first failure.
    func finish() throws {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        condition.broadcast()
        while !finished { condition.wait() }
        if let failure { throw failure }
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty, !closed { condition.wait() }
            if jobs.isEmpty {
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            let skip = failure != nil
            condition.unlock()
            var error: (any Error)?
            if !skip {
                do { try job() } catch let thrown { error = thrown }
            }
            condition.lock()
            if let error, failure == nil { failure = error }
            condition.broadcast()
            condition.unlock()
        }
    }
}
