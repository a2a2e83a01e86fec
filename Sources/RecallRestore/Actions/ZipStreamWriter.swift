/// Writes a ZIP archive of stored (uncompressed) entries piece by piece, so a save of many items streams.
/// Each entry's bytes are at hand when it is written, so sizes and CRC go in the local header (no data descriptor).
/// An archive that outgrows the classic format's 32-bit sizes and offsets or its 65 535 entries gets ZIP64 records
/// (APPNOTE 4.5.3, 4.3.14, 4.3.15) just where they are needed; smaller archives are byte for byte the classic format.
public struct ZipStreamWriter {
    private struct Central {
        let name: [UInt8]
        let crc: UInt32
        let size: UInt64
        let offset: UInt64
    }

    private var entries: [Central] = []
    private var offset: UInt64 = 0
    /// The largest value a classic field holds; tests lower it to write ZIP64 records without gigabytes of data.
    private let limit32: UInt64
    private let limit16: Int

    public init() {
        self.init(limit32: 0xFFFF_FFFE, limit16: 0xFFFE)
    }

    /// `limit32` and `limit16`: the largest size or offset, and entry count, written in classic fields.
    init(limit32: UInt64, limit16: Int) {
        self.limit32 = limit32
        self.limit16 = limit16
    }

    /// The local header and data of one file.
    public mutating func entry(name: String, data: [UInt8]) -> [UInt8] {
        let nameBytes = Array(name.utf8)
        let crc = CRC32.checksum(data)
        let size = UInt64(data.count)
        let large = size > limit32
        var out: [UInt8] = []
        out.reserveCapacity(30 + nameBytes.count + (large ? 20 : 0) + data.count)
        out += le32(0x0403_4B50) + le16(large ? 45 : 20) + le16(0x0800) + le16(0) + le16(0) + le16(0x21)
        out += le32(crc) + classic32(size) + classic32(size) + le16(UInt16(nameBytes.count)) + le16(large ? 20 : 0)
        out += nameBytes
        if large { out += le16(0x0001) + le16(16) + le64(size) + le64(size) }
        out += data
        entries.append(Central(name: nameBytes, crc: crc, size: size, offset: offset))
        offset += UInt64(out.count)
        return out
    }

    /// The central directory and end record (preceded by the ZIP64 end record and its locator when needed).
    public func finish() -> [UInt8] {
        var out: [UInt8] = []
        let start = offset
        for entry in entries {
            var extra: [UInt8] = []
            if entry.size > limit32 { extra += le64(entry.size) + le64(entry.size) }
            if entry.offset > limit32 { extra += le64(entry.offset) }
            if !extra.isEmpty { extra = le16(0x0001) + le16(UInt16(extra.count)) + extra }
            let version: UInt16 = extra.isEmpty ? 20 : 45
            out += le32(0x0201_4B50) + le16(version) + le16(version) + le16(0x0800) + le16(0) + le16(0) + le16(0x21)
            out += le32(entry.crc) + classic32(entry.size) + classic32(entry.size) + le16(UInt16(entry.name.count))
            out += le16(UInt16(extra.count)) + le16(0) + le16(0) + le16(0) + le32(0) + classic32(entry.offset)
            out += entry.name
            out += extra
        }
        // The directory's size is taken before the end records are appended to the same bytes: counting the end
        // record's first 12 bytes in it made every archive unreadable to unzip and Python's zipfile.
        let directorySize = UInt64(out.count)
        let count = UInt64(entries.count)
        if entries.count > limit16 || directorySize > limit32 || start > limit32 {
            let record = start + directorySize
            out += le32(0x0606_4B50) + le64(44) + le16(45) + le16(45) + le32(0) + le32(0)
            out += le64(count) + le64(count) + le64(directorySize) + le64(start)
            out += le32(0x0706_4B50) + le32(0) + le64(record) + le32(1)
        }
        let classicCount = entries.count > limit16 ? le16(0xFFFF) : le16(UInt16(entries.count))
        out += le32(0x0605_4B50) + le16(0) + le16(0) + classicCount + classicCount
        out += classic32(directorySize) + classic32(start) + le16(0)
        return out
    }

    /// A size or offset in a classic 32-bit field: the value, or 0xFFFFFFFF when the ZIP64 extra field holds it.
    private func classic32(_ value: UInt64) -> [UInt8] { le32(value > limit32 ? 0xFFFF_FFFF : UInt32(value)) }

    private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    private func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }
    private func le64(_ v: UInt64) -> [UInt8] { le32(UInt32(v & 0xFFFF_FFFF)) + le32(UInt32(v >> 32)) }
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
