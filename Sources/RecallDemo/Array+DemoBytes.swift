/// Fast bulk appends for byte buffers.
extension Array where Element == UInt8 {
    /// Appends at most `upperBound` bytes written by `body` through a raw pointer;
    /// `body` returns how many it wrote. Avoids per-byte capacity and uniqueness checks.
    @inline(__always)
    mutating func appendBytes(upperBound: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        guard upperBound > 0 else { return }
        let start = count
        var remaining = upperBound
        let zeros = DemoZeroPage.bytes
        while remaining > 0 {
            let chunk = Swift.min(remaining, zeros.count)
            append(contentsOf: zeros[0..<chunk])
            remaining -= chunk
        }
        let written = withUnsafeMutableBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            return Swift.min(upperBound, Swift.max(0, body(base + start)))
        }
        removeLast(upperBound - written)
    }
}

/// A page of zero bytes used to grow buffers with a plain memory copy.
enum DemoZeroPage {
    /// 16 KiB of zeros.
    static let bytes = [UInt8](repeating: 0, count: 16384)
}
