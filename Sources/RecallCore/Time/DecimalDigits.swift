/// Zero-padded decimal numbers written as ASCII bytes, for the dates the server writes on every request and every
/// exported message (interpolated, padded Strings were a visible part of both profiles).
public enum DecimalDigits {
    /// Appends the last `width` decimal digits of a non-negative `value`, zero-padded.
    public static func append(_ value: Int, width: Int, to out: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<max(width, 1) { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8((value / divisor) % 10))
            divisor /= 10
        }
    }

    /// Writes the last `width` decimal digits of a non-negative `value`, zero-padded, at `position` of `out` (which must
    /// have room), for text built straight in a String's storage.
    public static func write(_ value: Int, width: Int, into out: UnsafeMutableBufferPointer<UInt8>, at position: Int) {
        var rest = value
        for offset in stride(from: width - 1, through: 0, by: -1) {
            out[position + offset] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }
}
