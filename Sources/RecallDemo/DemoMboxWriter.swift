import Foundation

/// Streams messages into an mboxrd file with a bounded buffer.
public enum DemoMboxWriter {
    private static let separator = Array("From MAILER-DAEMON ".utf8)
    private static let flushThreshold = 1 << 20

    /// Writes `messages` to `url` in mboxrd format, replacing any existing file.
    public static func write<S: Sequence>(_ messages: S, to url: URL) throws where S.Element == DemoMessage {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw DemoError.cannotCreateFile(url.path)
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(flushThreshold + 65536)
        for message in messages {
            append(message, to: &buffer)
            if buffer.count >= flushThreshold {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if !buffer.isEmpty {
            try handle.write(contentsOf: buffer)
        }
    }

    /// Appends one mboxrd entry: separator line, escaped message, trailing blank line.
    public static func append(_ message: DemoMessage, to out: inout [UInt8]) {
        out.append(contentsOf: separator)
        DemoDate.appendAsctime(Int64(message.date.timeIntervalSince1970.rounded(.down)), to: &out)
        out.append(0x0A)
        appendEscaped(message.bytes, to: &out)
        if message.bytes.last != 0x0A {
            out.append(0x0A)
        }
        out.append(0x0A)
    }

    /// Appends `bytes`, prefixing `>` to every line that matches `^>*From `.
    static func appendEscaped(_ bytes: [UInt8], to out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let count = buffer.count
            var copied = 0
            var lineStart = 0
            while lineStart < count {
                var probe = lineStart
                while probe < count, buffer[probe] == 0x3E {
                    probe += 1
                }
                if probe + 5 <= count, buffer[probe] == 0x46, buffer[probe + 1] == 0x72, buffer[probe + 2] == 0x6F,
                   buffer[probe + 3] == 0x6D, buffer[probe + 4] == 0x20 {
                    out.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: lineStart - copied))
                    out.append(0x3E)
                    copied = lineStart
                }
                guard let found = memchr(base + lineStart, 0x0A, count - lineStart) else { break }
                lineStart = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: count - copied))
        }
    }
}
