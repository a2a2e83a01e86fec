import Crypto
import Foundation
import RecallCore

/// Appends message bytes to one new pack file for an import run: written under a temporary name, fsynced and
/// renamed by `seal()` before the run's database rows commit, so a crash never leaves a referenced blob half-written.
public final class BlobPackWriter {
    /// Where a blob landed.
    public struct Location: Sendable {
        public let pack: String
        public let offset: Int64
        public let length: Int64

        public init(pack: String, offset: Int64, length: Int64) {
            self.pack = pack
            self.offset = offset
            self.length = length
        }
    }

    public let name: String
    private let temporaryURL: URL
    private let finalURL: URL
    private let handle: FileHandle
    private var offset: Int64 = 0
    private var buffer: [UInt8] = []
    private static let flushSize = 4 << 20
    /// Written bytes are flushed to disk in the background every `backgroundSyncSize`, so `seal()` waits for
    /// the tail only instead of the whole pack.
    private static let backgroundSyncSize = 32 << 20
    private var unsynced = 0
    private let syncQueue = DispatchQueue(label: "recall.pack-sync")

    /// Opens `packs/<id>.pack.tmp` in the data dir; an import passes its staging id, so a run that died leaves a
    /// temporary pack the next import can tell apart from a live one's and remove.
    public init(dataDirectory: URL, id: String = UUID().uuidString.lowercased()) throws {
        let folder = dataDirectory.appendingPathComponent("packs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        name = id + ".pack"
        finalURL = folder.appendingPathComponent(name)
        temporaryURL = folder.appendingPathComponent(name + ".tmp")
        guard FileManager.default.createFile(atPath: temporaryURL.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw RecallError.unsupported("Cannot create \(temporaryURL.path).")
        }
        handle = try FileHandle(forWritingTo: temporaryURL)
        buffer.reserveCapacity(Self.flushSize)
    }

    /// Appends a blob and says where it is.
    public func append(_ bytes: [UInt8]) throws -> Location {
        let location = Location(pack: name, offset: offset, length: Int64(bytes.count))
        offset += Int64(bytes.count)
        if bytes.count >= Self.flushSize {
            // A large message goes straight to the file: copying it into the buffer would hold it twice.
            try flush()
            try write(bytes)
        } else {
            buffer.append(contentsOf: bytes)
            if buffer.count >= Self.flushSize { try flush() }
        }
        return location
    }

    /// Whether anything was appended.
    public var isEmpty: Bool { offset == 0 }

    /// Makes the pack durable under its final name.
    public func seal() throws {
        try flush()
        syncQueue.sync {}
        try handle.synchronize()
        try handle.close()
        try FileManager.default.moveItem(at: temporaryURL, to: finalURL)
        sealed = true
        let directory = open(finalURL.deletingLastPathComponent().path, O_RDONLY)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }

    /// Drops an unused or abandoned pack; also a sealed one, when the run's commit failed and no row refers to it.
    public func discard() {
        syncQueue.sync {}  // no background sync may outlive the descriptor
        try? handle.close()
        try? FileManager.default.removeItem(at: temporaryURL)
        if sealed { try? FileManager.default.removeItem(at: finalURL) }
    }

    private var sealed = false

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func write(_ bytes: [UInt8]) throws {
        try handle.write(contentsOf: bytes)
        unsynced += bytes.count
        if unsynced >= Self.backgroundSyncSize {
            unsynced = 0
            let descriptor = handle.fileDescriptor
            syncQueue.async { _ = fdatasync(descriptor) }
        }
    }

    /// SHA-256 of some bytes.
    public static func hash(_ bytes: [UInt8]) -> ContentHash {
        ContentHash(bytes: Array(SHA256.hash(data: bytes)))!
    }
}

extension BlobPackWriter {
    /// The hash of bytes inside a larger buffer (an export's batch), without copying them out.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> ContentHash {
        ContentHash(bytes: Array(SHA256.hash(data: bytes)))!
    }
}
