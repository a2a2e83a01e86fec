import NIOCore

/// A response body written as JSON text: a `JSONValue` tree, or a resource that writes itself straight into the
/// bytes (a restore session, which dashboards poll and list by the thousand, without a tree built and freed each time).
protocol JSONWritable {
    func writeJSON(to sink: inout some JSONSink)
}

extension JSONWritable {
    /// Compact UTF-8 serialisation, written through one pointer: a `ByteBuffer` write per token checked capacity and
    /// uniqueness each time, dozens of times for a session's 400 bytes. The
    /// value is first written into the room the buffer has (at least 1 KiB), which a single resource fits; one that
    /// overflows it (a list, a page) is left at the first element that did not fit and written again, through a chunk
    /// of 64 KiB that is moved into the buffer each time it fills. Walking such a value to its end in the room, then
    /// counting it, then writing it at its size walked it three times: a tenth of listing 1 000 sessions. Gathering it
    /// in memory that doubled as it grew cost a fifth of the listing again, in copies and in first touches of pages.
    func write(to buffer: inout ByteBuffer) {
        let room = max(buffer.writableBytes, 1024)
        var overflowed = false
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: room) { raw in
            var writer = JSONByteWriter(raw)
            writeJSON(to: &writer)
            overflowed = writer.overflowed
            return overflowed ? 0 : writer.position
        }
        guard overflowed else { return }
        var writer = JSONChunkedWriter()
        defer { writer.deallocate() }
        // The buffer is moved into the writer and back, never shared: a second reference would copy it on write.
        swap(&writer.buffer, &buffer)
        writeJSON(to: &writer)
        writer.flush()
        swap(&writer.buffer, &buffer)
    }

    /// The serialised text, for tests and logs.
    var text: String {
        var buffer = ByteBuffer()
        write(to: &buffer)
        return String(buffer: buffer)
    }
}

/// A JSON array of resources that write themselves.
struct JSONList<Element: JSONWritable>: JSONWritable {
    let elements: [Element]

    func writeJSON(to sink: inout some JSONSink) {
        sink.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            // A list that overflowed the room is written again elsewhere: walking the rest of it is waste.
            if sink.overflowed { return }
            if index > 0 { sink.append(UInt8(ascii: ",")) }
            element.writeJSON(to: &sink)
        }
        sink.append(UInt8(ascii: "]"))
    }
}

/// Gathers what it is given in a chunk of its own and moves the chunk into `buffer` each time it fills (and at
/// `flush()`); a write bigger than the chunk goes to the buffer as it is. `deallocate()` frees the chunk.
private struct JSONChunkedWriter: JSONSink {
    /// Below glibc's threshold for mapping an allocation of its own, so the chunk comes from (and goes back to) the
    /// heap, its pages already touched.
    static let chunkSize = 64 << 10

    var buffer = ByteBuffer()
    private let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 1)
    private var position = 0
    let overflowed = false

    func deallocate() { chunk.deallocate() }

    mutating func append(_ byte: UInt8) {
        if position == chunk.count { flush() }
        chunk[position] = byte
        position += 1
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if bytes.count > chunk.count - position {
            flush()
            guard bytes.count <= chunk.count else {
                buffer.writeBytes(bytes)
                return
            }
        }
        UnsafeMutableRawBufferPointer(rebasing: chunk[position...]).copyMemory(from: bytes)
        position += bytes.count
    }

    /// Moves what the chunk holds into the buffer.
    mutating func flush() {
        buffer.writeBytes(UnsafeRawBufferPointer(rebasing: chunk[..<position]))
        position = 0
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
