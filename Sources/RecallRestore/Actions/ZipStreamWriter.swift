/// Writes a ZIP archive of stored (uncompressed) entries piece by piece, so a save of many items streams.
/// Each entry's bytes are at hand when it is written, so sizes and CRC go in the local header (no data descriptor).
public struct ZipStreamWriter {
    private struct Central {
        let name: [UInt8]
        let crc: UInt32
        let size: UInt32
        let offset: UInt32
    }

    private var entries: [Central] = []
    private var offset: UInt32 = 0

    public init() {}

    /// The local header and data of one file.
    public mutating func entry(name: String, data: [UInt8]) -> [UInt8] {
        let nameBytes = Array(name.utf8)
        let crc = CRC32.checksum(data)
        var out: [UInt8] = []
        out.reserveCapacity(30 + nameBytes.count + data.count)
        out += le32(0x0403_4B50) + le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x21)
        out += le32(crc) + le32(UInt32(data.count)) + le32(UInt32(data.count)) + le16(UInt16(nameBytes.count)) + le16(0)
        out += nameBytes
        out += data
        entries.append(Central(name: nameBytes, crc: crc, size: UInt32(data.count), offset: offset))
        offset &+= UInt32(out.count)
        return out
    }

    /// The central directory and end record.
    public func finish() -> [UInt8] {
        var out: [UInt8] = []
        let start = offset
        for entry in entries {
            out += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x21)
            out += le32(entry.crc) + le32(entry.size) + le32(entry.size) + le16(UInt16(entry.name.count))
            out += le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(entry.offset)
            out += entry.name
        }
        // The directory's size is taken before the end record is appended to the same bytes: counting the record's
        // first 12 bytes in it made every archive unreadable to unzip and Python's zipfile.
        let directorySize = UInt32(out.count)
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(min(entries.count, 0xFFFF))) + le16(UInt16(min(entries.count, 0xFFFF)))
        out += le32(directorySize) + le32(start) + le16(0)
        return out
    }

    private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    private func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }
}

/// CRC-32 (IEEE), as ZIP needs it.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
