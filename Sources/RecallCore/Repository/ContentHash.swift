/// SHA-256 of a message's bytes: the address of its blob.
public struct ContentHash: Hashable, Sendable, CustomStringConvertible {
    // Four big-endian words, stored inline: an import keeps one hash per new message in memory, and a heap array
    // per hash scattered long-lived chunks among the message buffers (the heap grew with the input).
    private let w0, w1, w2, w3: UInt64

    /// The 32 bytes.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for word in [w0, w1, w2, w3] {
            for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return out
    }

    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        (w0, w1, w2, w3) = bytes.withUnsafeBytes { raw in
            (
                raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self).bigEndian,
                raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self).bigEndian,
                raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self).bigEndian,
                raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self).bigEndian
            )
        }
    }

    public init?(hex: String) {
        guard hex.utf8.count == 64 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(32)
        var iterator = hex.utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            guard let h = HexDigit.value(high), let l = HexDigit.value(low) else { return nil }
            out.append(h << 4 | l)
        }
        self.init(bytes: out)
    }

    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public var description: String { hex }

    /// The first eight bytes of a SHA-256 are already uniform: hashing all 32 only costs time in big sets.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(w0)
    }
}
