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
        try OpenPacks(packsDirectory: packs).read(pack: pack, offset: offset, length: length)
    }

    /// Pack files present in the data dir, sealed ones only.
    public func packNames() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: packs.path)) ?? []).filter { $0.hasSuffix(".pack") }.sorted()
    }
}
