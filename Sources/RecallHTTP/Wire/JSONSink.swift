/// Where JSON text is written, token by token: the room a response's buffer has, or memory of its own for a body
/// that overflows it (`JSONWritable.write(to:)`).
protocol JSONSink {
    mutating func append(_ byte: UInt8)
    mutating func append(_ bytes: UnsafeRawBufferPointer)
    /// True once a write did not fit; what follows is not written, and a writer may stop early.
    var overflowed: Bool { get }
}

extension JSONSink {
    /// Literal JSON text (punctuation, a key with its quotes): written as it is.
    mutating func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A JSON string: `string` escaped, in quotes.
    mutating func appendString(_ string: String) {
        append(UInt8(ascii: "\""))
        appendEscaped(string)
        append(UInt8(ascii: "\""))
    }

    /// `string` escaped, without quotes: a part of a JSON string written in pieces (a link's base, then its path).
    mutating func appendEscaped(_ string: String) {
        // Native Strings are contiguous UTF-8 (read in place, without the copy `withUTF8` needs); runs without an
        // escape are copied in one go.
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { bytes in appendEscaped(bytes) }
        if done == nil {
            var copy = string
            copy.withUTF8 { bytes in appendEscaped(bytes) }
        }
    }

    mutating func appendInt(_ value: Int64) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: digits[start...])))
        }
    }

    private mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var index = 0
        while index < bytes.count {
            // Eight bytes at a time while none of them needs escaping: the scan was half of writing an events page.
            if index + 8 <= bytes.count, !JSONEscaping.mayNeedEscape(UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)) {
                index += 8
                continue
            }
            let byte = bytes[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart..<index])))
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            default:
                append("\\u00")
                append(JSONEscaping.hexDigits.utf8Start[Int(byte >> 4)])
                append(JSONEscaping.hexDigits.utf8Start[Int(byte & 0x0F)])
            }
            index += 1
            runStart = index
        }
        append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart...])))
    }
}

private enum JSONEscaping {
    static let hexDigits: StaticString = "0123456789abcdef"

    /// False only when no byte of `word` is a control character, `"` or a backslash: the classic SWAR tests for a byte
    /// below a bound and for a zero byte, which can report a byte that is not there but never miss one.
    @inline(__always)
    static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let control = (word &- ones &* 0x20) & ~word & highs
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        return (control | ((quote &- ones) & ~quote & highs) | ((backslash &- ones) & ~backslash & highs)) != 0
    }
}
