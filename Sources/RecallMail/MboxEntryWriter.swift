/// Writes messages as mboxrd entries: a `From ` separator line, the message with every `>*From ` line quoted
/// once more, and a blank line, so `MboxReader` gives back the original bytes.
public enum MboxEntryWriter {
    /// One entry. `date` is the asctime text for the separator, e.g. `Mon Jan  5 10:00:00 2026`.
    public static func entry(_ message: [UInt8], sender: String = "MAILER-DAEMON", date: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.count + message.count / 50 + 64)
        out += Array("From \(sender) \(date)\n".utf8)
        var lineStart = true
        var index = 0
        while index < message.count {
            if lineStart {
                var probe = index
                while probe < message.count, message[probe] == UInt8(ascii: ">") { probe += 1 }
                if message.count - probe >= 5, message[probe..<probe + 5].elementsEqual("From ".utf8) {
                    out.append(UInt8(ascii: ">"))
                }
            }
            let byte = message[index]
            out.append(byte)
            lineStart = byte == 0x0A
            index += 1
        }
        if message.last != 0x0A { out.append(0x0A) }
        out.append(0x0A)
        return out
    }
}
