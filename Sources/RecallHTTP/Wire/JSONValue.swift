import NIOCore

/// JSON to send: objects keep their key order, so responses read like the real server's.
public enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case int(Int64)
    case bool(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.array(let a), .array(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    /// An object from key–value pairs, leaving out pairs whose value is nil (the API omits null fields).
    /// The array is sized once: `compactMap` grew it from empty, four allocations for a session's seven fields.
    public static func object(_ pairs: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        var kept: [(String, JSONValue)] = []
        kept.reserveCapacity(pairs.count)
        for (key, value) in pairs {
            if let value { kept.append((key, value)) }
        }
        return .object(kept)
    }

    /// Compact UTF-8 serialisation, written through one pointer: a `ByteBuffer` write per token checked capacity and
    /// uniqueness each time, which made writing a session's 400 bytes 4 % of a `GET /v3/RestoreSessions/{id}`. The
    /// value is first written into the room the buffer has (at least 1 KiB), which a single resource fits; one that
    /// overflows it (a list, a page) is left at the first element that did not fit and written again into memory that
    /// grows as it goes, then copied in. Walking such a value to its end in the room, then counting it, then writing
    /// it at its size walked it three times: a tenth of listing 1 000 sessions.
    public func write(to buffer: inout ByteBuffer) {
        let room = max(buffer.writableBytes, 1024)
        var overflowed = false
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: room) { raw in
            var writer = JSONByteWriter(raw)
            serialize(into: &writer)
            overflowed = writer.overflowed
            return overflowed ? 0 : writer.position
        }
        guard overflowed else { return }
        var writer = JSONGrowingWriter(capacity: 4 * room)
        defer { writer.deallocate() }
        serialize(into: &writer)
        buffer.writeBytes(writer.written)
    }

    /// The serialised text, for tests and logs.
    public var text: String {
        var buffer = ByteBuffer()
        write(to: &buffer)
        return String(buffer: buffer)
    }

    private func serialize(into sink: inout some JSONSink) {
        switch self {
        case .object(let pairs):
            sink.append(UInt8(ascii: "{"))
            // Walked in place: iterating copied each key and value out, a retain and a release apiece.
            pairs.withUnsafeBufferPointer { pairs in
                for index in pairs.indices {
                    // A value that overflowed the room is written again elsewhere: walking the rest of it is waste.
                    if sink.overflowed { return }
                    if index > 0 { sink.append(UInt8(ascii: ",")) }
                    Self.serialize(pairs[index].0, into: &sink)
                    sink.append(UInt8(ascii: ":"))
                    pairs[index].1.serialize(into: &sink)
                }
            }
            sink.append(UInt8(ascii: "}"))
        case .array(let values):
            sink.append(UInt8(ascii: "["))
            values.withUnsafeBufferPointer { values in
                for index in values.indices {
                    if sink.overflowed { return }
                    if index > 0 { sink.append(UInt8(ascii: ",")) }
                    values[index].serialize(into: &sink)
                }
            }
            sink.append(UInt8(ascii: "]"))
        case .string(let string):
            Self.serialize(string, into: &sink)
        case .int(let value):
            Self.serialize(value, into: &sink)
        case .bool(let value):
            sink.append(value ? "true" : "false")
        case .null:
            sink.append("null")
        }
    }

    private static func serialize(_ value: Int64, into sink: inout some JSONSink) {
        if value < 0 { sink.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            sink.append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: digits[start...])))
        }
    }

    private static func serialize(_ string: String, into sink: inout some JSONSink) {
        // Native Strings are contiguous UTF-8 (read in place, without the copy `withUTF8` needs); runs without an
        // escape are copied in one go.
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { bytes in Self.serializeEscaped(bytes, into: &sink) }
        if done == nil {
            var copy = string
            copy.withUTF8 { bytes in Self.serializeEscaped(bytes, into: &sink) }
        }
    }

    private static let hexDigits: StaticString = "0123456789abcdef"

    private static func serializeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into sink: inout some JSONSink) {
        sink.append(UInt8(ascii: "\""))
        var runStart = 0
        var index = 0
        while index < bytes.count {
            // Eight bytes at a time while none of them needs escaping: the scan was half of writing an events page.
            if index + 8 <= bytes.count, !mayNeedEscape(UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)) {
                index += 8
                continue
            }
            let byte = bytes[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            sink.append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart..<index])))
            switch byte {
            case UInt8(ascii: "\""): sink.append("\\\"")
            case UInt8(ascii: "\\"): sink.append("\\\\")
            case 0x0A: sink.append("\\n")
            case 0x0D: sink.append("\\r")
            case 0x09: sink.append("\\t")
            case 0x08: sink.append("\\b")
            case 0x0C: sink.append("\\f")
            default:
                sink.append("\\u00")
                sink.append(hexDigits.utf8Start[Int(byte >> 4)])
                sink.append(hexDigits.utf8Start[Int(byte & 0x0F)])
            }
            index += 1
            runStart = index
        }
        sink.append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart...])))
        sink.append(UInt8(ascii: "\""))
    }

    /// False only when no byte of `word` is a control character, `"` or a backslash: the classic SWAR tests for a byte
    /// below a bound and for a zero byte, which can report a byte that is not there but never miss one.
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let control = (word &- ones &* 0x20) & ~word & highs
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        return (control | ((quote &- ones) & ~quote & highs) | ((backslash &- ones) & ~backslash & highs)) != 0
    }
}

/// Where `JSONValue` serialises to: the buffer's room, then, for a value that overflows it, memory of its own.
private protocol JSONSink {
    mutating func append(_ byte: UInt8)
    mutating func append(_ bytes: UnsafeRawBufferPointer)
    /// True once a write did not fit; what follows is not written.
    var overflowed: Bool { get }
}

extension JSONSink {
    mutating func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}

/// Writes into memory it owns, doubling it whenever a write would pass its end; `deallocate()` frees it.
private struct JSONGrowingWriter: JSONSink {
    private var memory: UnsafeMutableRawBufferPointer
    private var position = 0
    let overflowed = false

    init(capacity: Int) {
        memory = .allocate(byteCount: capacity, alignment: 1)
    }

    /// What has been written.
    var written: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: memory[..<position]) }

    func deallocate() { memory.deallocate() }

    mutating func append(_ byte: UInt8) {
        if position == memory.count { grow(toFit: 1) }
        memory[position] = byte
        position += 1
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        if bytes.count > memory.count - position { grow(toFit: bytes.count) }
        UnsafeMutableRawBufferPointer(rebasing: memory[position...]).copyMemory(from: bytes)
        position += bytes.count
    }

    private mutating func grow(toFit extra: Int) {
        var capacity = memory.count * 2
        while capacity - position < extra { capacity *= 2 }
        let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 1)
        grown.copyMemory(from: written)
        memory.deallocate()
        memory = grown
    }
}

/// Writes into the memory it is given until a write would pass its end; from then on it only notes the overflow
/// (and writes nothing more), so a value too big for the room is never written past it.
private struct JSONByteWriter: JSONSink {
    let memory: UnsafeMutableRawBufferPointer
    var position = 0
    private(set) var overflowed = false

    init(_ memory: UnsafeMutableRawBufferPointer) {
        self.memory = memory
    }

    mutating func append(_ byte: UInt8) {
        guard position < memory.count else { overflowed = true; return }
        memory[position] = byte
        position += 1
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        guard bytes.count <= memory.count - position, !overflowed else { overflowed = true; return }
        UnsafeMutableRawBufferPointer(rebasing: memory[position...]).copyMemory(from: bytes)
        position += bytes.count
    }
}
