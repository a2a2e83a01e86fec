import Foundation

/// Writes messages as mboxrd entries: a `From ` separator line, the message with every `>*From ` line quoted
/// once more, and a blank line, so `MboxReader` gives back the original bytes.
public enum MboxEntryWriter {
    /// One entry. `date` is the asctime text for the separator, e.g. `Mon Jan  5 10:00:00 2026`.
    public static func entry(_ message: [UInt8], sender: String = "MAILER-DAEMON", date: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.count + message.count / 50 + 64)
        out += Array("From \(sender) \(date)\n".utf8)
        // Copy whole lines at once; only a line starting with `>` or `F` can need the extra quote.
        message.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            var lineStart = 0
            while lineStart < bytes.count {
                let lineEnd = memchr(base + lineStart, 0x0A, bytes.count - lineStart)
                    .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) + 1 } ?? bytes.count
                let first = bytes[lineStart]
                if first == UInt8(ascii: ">") || first == UInt8(ascii: "F") {
                    var probe = lineStart
                    while probe < lineEnd, bytes[probe] == UInt8(ascii: ">") { probe += 1 }
                    if lineEnd - probe >= 5, bytes[probe..<probe + 5].elementsEqual("From ".utf8) {
                        out.append(UInt8(ascii: ">"))
                    }
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]))
                lineStart = lineEnd
            }
        }
        if message.last != 0x0A { out.append(0x0A) }
        out.append(0x0A)
        return out
    }
}
