import RecallCore

/// The asctime date of an mbox `From ` line: `Mon Jan  5 10:00:00 2026` (UTC), written as bytes (an export writes
/// one per message, so no String is formatted for it).
enum AsctimeFormat {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].map { Array($0.utf8) }
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].map { Array($0.utf8) }

    static func append(_ time: Timestamp, to out: inout [UInt8]) {
        let c = CivilTime(time)
        out += days[c.weekday]
        out.append(UInt8(ascii: " "))
        out += months[c.month - 1]
        out.append(UInt8(ascii: " "))
        if c.day < 10 { out.append(UInt8(ascii: " ")) }
        DecimalDigits.append(c.day, width: c.day < 10 ? 1 : 2, to: &out)
        out.append(UInt8(ascii: " "))
        for (value, separator) in [(c.hour, ":"), (c.minute, ":"), (c.second, " ")] as [(Int, Unicode.Scalar)] {
            DecimalDigits.append(value, width: 2, to: &out)
            out.append(UInt8(ascii: separator))
        }
        out += String(c.year).utf8
    }
}
