import Foundation

/// Writes messages as mboxrd entries: a `From ` separator line, the message with every `>*From ` line quoted
/// once more, and a blank line, so `MboxReader` gives back the original bytes.
public enum MboxEntryWriter {
    /// One entry. `date` is the asctime text for the separator, e.g. `Mon Jan  5 10:00:00 2026`.
    public static func entry(_ message: [UInt8], sender: String = "MAILER-DAEMON", date: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.count + message.count / 50 + 64)
        message.withUnsafeBufferPointer { append($0, sender: sender, date: date, to: &out) }
        return out
    }

    /// Appends one entry to `out`: an export escapes each message straight into its output chunk.
    public static func append(_ bytes: UnsafeBufferPointer<UInt8>, sender: String = "MAILER-DAEMON", date: String, to out: inout [UInt8]) {
        out += "From \(sender) \(date)\n".utf8
        // Copy runs of lines at once, cut only before a line that needs the extra quote: one that starts with `>` or
        // `F` and continues `>*From `.
        if let base = bytes.baseAddress {
            var (runStart, lineStart) = (0, 0)
            while lineStart < bytes.count {
                let lineEnd = memchr(base + lineStart, 0x0A, bytes.count - lineStart)
                    .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) + 1 } ?? bytes.count
                let first = bytes[lineStart]
                if first == UInt8(ascii: ">") || first == UInt8(ascii: "F") {
                    var probe = lineStart
                    while probe < lineEnd, bytes[probe] == UInt8(ascii: ">") { probe += 1 }
                    if lineEnd - probe >= 5, bytes[probe..<probe + 5].elementsEqual("From ".utf8) {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<lineStart]))
                        out.append(UInt8(ascii: ">"))
                        runStart = lineStart
                    }
                }
                lineStart = lineEnd
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        if bytes.last != 0x0A { out.append(0x0A) }
        out.append(0x0A)
    }
}
