import Foundation
import RecallCore

/// Pack files kept open across many reads: an export reads thousands of messages from a handful of packs, and
/// opening the pack again for each (a `URL` built, a path resolved, a `FileHandle` made and closed) was a fifth of
/// its time. Reads are `pread`s; the descriptor table is locked, so an export can read its next batch in a child
/// task. The files close when the instance goes.
public final class OpenPacks: @unchecked Sendable {
    private let directory: URL
    private let lock = NSLock()
    private var descriptors: [String: Int32] = [:]

    public convenience init(dataDirectory: URL) {
        self.init(packsDirectory: dataDirectory.appendingPathComponent("packs"))
    }

    init(packsDirectory: URL) {
        directory = packsDirectory
    }

    deinit {
        for descriptor in descriptors.values { close(descriptor) }
    }

    /// The bytes at a location; throws when the pack is missing or too short.
    public func read(pack: String, offset: Int64, length: Int64) throws -> [UInt8] {
        guard length >= 0, length <= Int64(Int32.max) else { throw RecallError.notFound("Blob pack \(pack) is not valid.") }
        return try [UInt8](unsafeUninitializedCapacity: Int(length)) { buffer, initialized in
            try read(pack: pack, offset: offset, into: UnsafeMutableRawBufferPointer(buffer))
            initialized = buffer.count
        }
    }

    /// Fills `buffer` with the bytes of `pack` from `offset`; throws when the pack is missing or too short.
    public func read(pack: String, offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws {
        guard offset >= 0 else { throw RecallError.notFound("Blob pack \(pack) is not valid.") }
        guard let base = buffer.baseAddress else { return }
        let descriptor = try self.descriptor(pack)
        var done = 0
        while done < buffer.count {
            let got = pread(descriptor, base + done, buffer.count - done, off_t(offset) + off_t(done))
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { throw RecallError.notFound("Blob pack \(pack) is shorter than its index says.") }
            done += got
        }
    }

    private func descriptor(_ pack: String) throws -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        if let descriptor = descriptors[pack] { return descriptor }
        guard !pack.utf8.contains(UInt8(ascii: "/")) else { throw RecallError.notFound("Blob pack \(pack) is not valid.") }
        let descriptor = open(directory.appendingPathComponent(pack).path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw RecallError.notFound("Blob pack \(pack) is missing.") }
        descriptors[pack] = descriptor
        return descriptor
    }
}
