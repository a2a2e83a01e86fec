import Foundation
import RecallCore

/// A batch of an export's messages with their bytes in one buffer. Blobs that lie one after the other in a pack (as an
/// import writes a mailbox) are read with a single `pread`; each message is checked against its checksum, and one that is
/// missing, unreadable or damaged has no bytes.
public struct MessageBatch: Sendable {
    public let entries: [ExportEntry]
    /// True when no message of the scope comes after this batch.
    public let isLast: Bool
    fileprivate let storage: BatchBuffer
    private let ranges: [Range<Int>?]

    public init(_ entries: [ExportEntry], packs: OpenPacks, buffers: ExportBuffers, isLast: Bool) {
        self.entries = entries
        self.isLast = isLast
        var ranges: [Range<Int>?] = []
        ranges.reserveCapacity(entries.count)
        var total = 0
        for entry in entries {
            let length = Int(entry.location?.length ?? 0)
            ranges.append(entry.location.map { _ in total..<(total + length) })
            total += length
        }
        storage = buffers.take(total)
        let whole = UnsafeMutableRawBufferPointer(rebasing: storage.memory[0..<total])
        // Two halves read and checked on two threads: the copy from the page cache and the checksum are most of the
        // work, and the writer of the batch before leaves a core to spare.
        let half = entries.count / 2
        let parts = [entries.startIndex..<(entries.startIndex + half), (entries.startIndex + half)..<entries.endIndex]
        let checked = UnsafeMutableBufferPointer<Range<Int>?>.allocate(capacity: ranges.count)
        _ = checked.initialize(from: ranges)
        defer { checked.deallocate() }
        let checks = entries.map { $0.checksum.map(Check.checksum) ?? .hash($0.hash) }, locations = entries.map(\.location)
        // Each half writes only its own messages' bytes and ranges.
        nonisolated(unsafe) let (memory, results) = (whole, checked)
        DispatchQueue.concurrentPerform(iterations: parts.count) { part in
            Self.read(parts[part], locations, checks, into: memory, ranges: results, packs: packs)
        }
        self.ranges = Array(checked)
    }

    /// Reads the messages in `indices`, one `pread` per run of adjacent blobs, and checks them; a message that cannot be
    /// read or does not match gets a nil range.
    private static func read(
        _ indices: Range<Int>, _ locations: [BlobPackWriter.Location?], _ checks: [Check], into whole: UnsafeMutableRawBufferPointer,
        ranges: UnsafeMutableBufferPointer<Range<Int>?>, packs: OpenPacks
    ) {
        var index = indices.lowerBound
        while index < indices.upperBound {
            guard let first = locations[index], let start = ranges[index]?.lowerBound else {
                index += 1
                continue
            }
            // The run: following messages whose blobs continue this one in the same pack.
            var end = index + 1
            var runLength = first.length
            while end < indices.upperBound, let next = locations[end], next.pack == first.pack, next.offset == first.offset + runLength {
                runLength += next.length
                end += 1
            }
            let region = UnsafeMutableRawBufferPointer(rebasing: whole[start..<(start + Int(runLength))])
            if (try? packs.read(pack: first.pack, offset: first.offset, into: region)) == nil {
                // Read the run's messages one by one, so a short pack fails only those past its end.
                for one in index..<end {
                    guard let location = locations[one], let range = ranges[one] else { continue }
                    let target = UnsafeMutableRawBufferPointer(rebasing: whole[range])
                    if (try? packs.read(pack: location.pack, offset: location.offset, into: target)) == nil { ranges[one] = nil }
                }
            }
            index = end
        }
        for index in indices {
            guard let range = ranges[index] else { continue }
            if !checks[index].matches(UnsafeRawBufferPointer(rebasing: whole[range])) { ranges[index] = nil }
        }
    }

    /// What a message's bytes are checked against.
    private enum Check {
        case checksum(UInt64)
        case hash(ContentHash)

        func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
            switch self {
            case .checksum(let checksum): XXH64.hash(bytes) == checksum
            case .hash(let hash): BlobPackWriter.hash(bytes) == hash
            }
        }
    }

    /// Not to be called after the batch went back to its `ExportBuffers`.
    public func withMessage<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>?) throws -> Result) rethrows -> Result {
        guard let range = ranges[index] else { return try body(nil) }
        return try body(UnsafeRawBufferPointer(rebasing: storage.memory[range]).bindMemory(to: UInt8.self))
    }
}

/// Memory for batches, given back when a batch is written so the next one reuses it: a fresh 4 MB buffer per batch
/// was mapped and page-faulted in anew each time, a tenth of an export's profile. One export uses an instance.
public final class ExportBuffers: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [BatchBuffer] = []

    public init() {}

    fileprivate func take(_ count: Int) -> BatchBuffer {
        let reused = lock.withLock { free.popLast() }
        guard let reused else { return BatchBuffer(count) }
        reused.reserve(count)
        return reused
    }

    /// Takes back the memory of a batch that will not be read again.
    public func recycle(_ batch: MessageBatch) {
        lock.withLock { if free.count < 2 { free.append(batch.storage) } }
    }
}

/// Raw memory of one batch; it grows for a batch larger than any before.
final class BatchBuffer: @unchecked Sendable {
    private(set) var memory: UnsafeMutableRawBufferPointer

    init(_ count: Int) {
        memory = .allocate(byteCount: max(count, 1), alignment: 16)
    }

    func reserve(_ count: Int) {
        guard memory.count < count else { return }
        memory.deallocate()
        memory = .allocate(byteCount: count, alignment: 16)
    }

    deinit {
        memory.deallocate()
    }
}
