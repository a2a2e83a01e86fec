import Foundation
import FuzzSupport
import RecallMail

// The mbox reader (separators, mboxrd un-escaping, over-long lines, truncation), fed through a file as in an import,
// and the writer an export uses.
//
// Checks, besides not trapping: the messages do not depend on the read chunk size (4 KiB, the smallest, against
// 64 KiB) wherever no line is longer than the small chunk (and their number never does); a small `maxMessageSize` cuts
// each message to a prefix of itself and loses or merges none; every byte is read; offsets point at `From ` lines and
// increase; the messages read, written back by `MboxEntryWriter` (as an export writes them), read back the same, with
// a final newline added to those that lack one.

private let scratch: URL = {
    let directory = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return URL(fileURLWithPath: directory).appendingPathComponent("recall-fuzz-mbox-\(getpid()).mbox")
}()

private func readAll(chunkSize: Int, maxMessageSize: Int, size: Int, url: URL = scratch) -> [MboxMessage]? {
    let reader: MboxReader
    do {
        reader = try MboxReader(url: url, chunkSize: chunkSize, maxMessageSize: maxMessageSize)
    } catch MailParseError.notAnMbox {
        return nil
    } catch {
        fatalError("opening the scratch mbox failed: \(error)")
    }
    var messages: [MboxMessage] = []
    do {
        while let message = try reader.next() { messages.append(message) }
    } catch {
        fatalError("reading a regular file failed: \(error)")
    }
    check(reader.bytesRead == UInt64(size), "read \(reader.bytesRead) of \(size) bytes")
    return messages
}

private func longestLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var longest = 0, start = 0
    for (i, b) in bytes.enumerated() where b == 0x0A {
        longest = max(longest, i + 1 - start)
        start = i + 1
    }
    return max(longest, bytes.count - start)
}

/// `precondition` that names the broken property in optimized builds too (where `precondition` traps silently).
private func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = "", line: UInt = #line) {
    if !condition() { fatalError(message(), line: line) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    do {
        try Data(buffer: input).write(to: scratch)
    } catch {
        fatalError("writing the scratch mbox failed: \(error)")
    }
    defer { try? FileManager.default.removeItem(at: scratch) }

    let big = 1 << 16  // more than -max_len, so no line is split; a 1 MiB chunk costs ASan a 1 MiB allocation per read
    guard let whole = readAll(chunkSize: big, maxMessageSize: big, size: size) else {
        // Not an mbox: the small chunk size must agree.
        check(readAll(chunkSize: 4096, maxMessageSize: big, size: size) == nil, "notAnMbox depends on the chunk size")
        return 0
    }
    var previous: UInt64?
    for message in whole {
        check(!message.isTruncated)
        let offset = Int(message.offset)
        check(offset + 5 <= size && Array(input[offset..<(offset + 5)]) == Array("From ".utf8), "offset \(offset) is not at a From_ line")
        if let previous { check(message.offset > previous, "offsets do not increase") }
        previous = message.offset
        check(message.bytes.count <= size)
    }

    guard let chunked = readAll(chunkSize: 4096, maxMessageSize: big, size: size) else {
        fatalError("notAnMbox depends on the chunk size")
    }
    if longestLine(input) <= 4096 {
        check(chunked == whole, "the messages depend on the chunk size")
    } else {
        check(chunked.count == whole.count, "the message count depends on the chunk size")
    }

    // The writer: what was read, written as an export writes it, reads back the same.
    if !whole.isEmpty {
        let written = whole.flatMap { MboxEntryWriter.entry($0.bytes, date: "Mon Jan  5 10:00:00 2026") }
        let copy = scratch.appendingPathExtension("written")
        defer { try? FileManager.default.removeItem(at: copy) }
        do {
            try Data(written).write(to: copy)
        } catch {
            fatalError("writing the scratch copy failed: \(error)")
        }
        guard let reread = readAll(chunkSize: big, maxMessageSize: 4 * big, size: written.count, url: copy) else {
            fatalError("the writer's output is not an mbox")
        }
        check(reread.count == whole.count, "\(whole.count) messages written read back as \(reread.count)")
        for (again, original) in zip(reread, whole) {
            let expected = original.bytes.last == 0x0A ? original.bytes : original.bytes + [0x0A]
            check(again.bytes == expected, "a message written by MboxEntryWriter reads back changed")
        }
    }

    let limit = 64
    guard let cut = readAll(chunkSize: 4096, maxMessageSize: limit, size: size) else {
        fatalError("notAnMbox depends on maxMessageSize")
    }
    check(cut.count == chunked.count, "maxMessageSize \(limit) turned \(whole.count) messages into \(cut.count)")
    for (short, full) in zip(cut, chunked) {
        check(short.offset == full.offset, "maxMessageSize moved a message")
        check(short.bytes.count <= limit, "a message is longer than maxMessageSize")
        check(full.bytes.starts(with: short.bytes), "a truncated message is not a prefix of the whole one")
        if !short.isTruncated { check(short.bytes == full.bytes, "an untruncated message differs") }
    }
    return 0
}

@main enum Main {
    static func main() {
        exit(recall_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv) { data, size in
            fuzz(data ?? UnsafePointer(bitPattern: 1)!, size)  // libFuzzer reads no byte of an empty input
        })
    }
}
