import Foundation
import RecallCore

/// Pack files kept open across many reads: an export reads thousands of messages from a handful of packs, and
/// opening the pack again for each (a `URL` built, a path resolved, a `FileHandle` made and closed) was a fifth of
/// its time. Reads are `pread`s into the returned array. One task uses an instance; it closes its files when it goes.
public final class OpenPacks {
    private let directory: URL
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
        guard !pack.contains("/"), offset >= 0, length >= 0, length <= Int64(Int32.max) else {
            throw RecallError.notFound("Blob pack \(pack) is not valid.")
        }
        let descriptor = try self.descriptor(pack)
        let count = Int(length)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var done = 0
            while done < count {
                let got = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset) + off_t(done))
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { break }
                done += got
            }
            failed = done < count
            initialized = done
        }
        guard !failed else { throw RecallError.notFound("Blob pack \(pack) is shorter than its index says.") }
        return bytes
    }

    private func descriptor(_ pack: String) throws -> Int32 {
        if let descriptor = descriptors[pack] { return descriptor }
        let descriptor = open(directory.appendingPathComponent(pack).path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw RecallError.notFound("Blob pack \(pack) is missing.") }
        descriptors[pack] = descriptor
        return descriptor
    }
}
