import Foundation

/// Writes messages as mboxrd entries: a `From ` separator line, the message with every `>*From ` line quoted
/// once more, and a blank line, so `MboxReader` gives back the original bytes.
public enum MboxEntryWriter {
    /// One entry. `date` is the asctime text for the separator, e.g. `Mon Jan  5 10:00:00 2026`.
    public static func entry(_ message: [UInt8], sender: String = "MAILER-DAEMON", date: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.count + message.count / 50 + 64)
        message.withUnsafeBufferPointer { append($0, sender: sender, writeDate: { $0 += date.utf8 }, to: &out) }
        return out
    }

    /// Appends one entry to `out`, with `writeDate` appending the separator's date: an export escapes each message
    /// straight into its output chunk.
    public static func append(
        _ bytes: UnsafeBufferPointer<UInt8>, sender: String = "MAILER-DAEMON", writeDate: (inout [UInt8]) -> Void, to out: inout [UInt8]
    ) {
        out += "From ".utf8
        out += sender.utf8
        out.append(UInt8(ascii: " "))
        writeDate(&out)
        out.append(0x0A)
        // Find each `F` with `memchr` (far rarer than line ends, so this is nearly one fast pass); quote a `From ` when
        // only `>`s stand between it and the start of its line, and copy the runs between quotes at once.
        if let base = bytes.baseAddress {
            var (runStart, searchFrom) = (0, 0)
            while searchFrom < bytes.count, let hit = memchr(base + searchFrom, Int32(UInt8(ascii: "F")), bytes.count - searchFrom) {
                let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                searchFrom = position + 1
                guard bytes.count - position >= 5, bytes[(position + 1)..<(position + 5)].elementsEqual("rom ".utf8) else { continue }
                var lineStart = position
                while lineStart > 0, bytes[lineStart - 1] == UInt8(ascii: ">") { lineStart -= 1 }
                guard lineStart == 0 || bytes[lineStart - 1] == 0x0A else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<lineStart]))
                out.append(UInt8(ascii: ">"))
                runStart = lineStart
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        if bytes.last != 0x0A { out.append(0x0A) }
        out.append(0x0A)
    }
}
