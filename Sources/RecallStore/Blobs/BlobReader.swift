import Foundation
import RecallCore

/// Reads blobs back out of pack files.
public struct BlobReader: Sendable {
    let packs: URL

    public init(dataDirectory: URL) {
        packs = dataDirectory.appendingPathComponent("packs")
    }

    /// The bytes at a location; throws when the pack is missing or too short.
    public func read(pack: String, offset: Int64, length: Int64) throws -> [UInt8] {
        guard !pack.contains("/"), length >= 0 else { throw RecallError.notFound("Blob pack \(pack) is not valid.") }
        let handle = try FileHandle(forReadingFrom: packs.appendingPathComponent(pack))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        let data = try handle.read(upToCount: Int(length)) ?? Data()
        guard data.count == length else { throw RecallError.notFound("Blob pack \(pack) is shorter than its index says.") }
        return [UInt8](data)
    }

    /// Pack files present in the data dir, sealed ones only.
    public func packNames() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: packs.path)) ?? []).filter { $0.hasSuffix(".pack") }.sorted()
    }
}
