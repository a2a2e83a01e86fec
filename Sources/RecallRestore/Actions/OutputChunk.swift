/// Gathers streamed output into chunks of at least `size` bytes: one write per message cost a network write and
/// an HTTP chunk header per message, which capped exports far below the disk's speed.
struct OutputChunk {
    static let size = 64 << 10

    let size: Int
    private var pending: [UInt8] = []

    init(size: Int = OutputChunk.size) {
        self.size = size
    }

    mutating func append(_ bytes: [UInt8], to write: ([UInt8]) async throws -> Void) async throws {
        pending.append(contentsOf: bytes)
        try await flushIfFull(to: write)
    }

    /// Lets `body` append to the chunk in place (an export escapes messages straight into it).
    mutating func fill<Result>(_ body: (inout [UInt8]) throws -> Result) rethrows -> Result {
        try body(&pending)
    }

    mutating func flushIfFull(to write: ([UInt8]) async throws -> Void) async throws {
        if pending.count >= size { try await flush(to: write) }
    }

    mutating func flush(to write: ([UInt8]) async throws -> Void) async throws {
        guard !pending.isEmpty else { return }
        try await write(pending)
        pending.removeAll(keepingCapacity: true)
    }
}
