import RecallCore

/// The asctime date of an mbox `From ` line: `Mon Jan  5 10:00:00 2026` (UTC), written as bytes (an export writes
/// one per message, and formatting a String each time was 4 % of its time).
enum AsctimeFormat {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].map { Array($0.utf8) }
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].map { Array($0.utf8) }

    static func append(_ time: Timestamp, to out: inout [UInt8]) {
        let c = CivilTime(time)
        func digit(_ value: Int) -> UInt8 { UInt8(ascii: "0") + UInt8(value % 10) }
        out += days[c.weekday]
        out.append(UInt8(ascii: " "))
        out += months[c.month - 1]
        out += [UInt8(ascii: " "), c.day < 10 ? UInt8(ascii: " ") : digit(c.day / 10), digit(c.day), UInt8(ascii: " ")]
        out += [digit(c.hour / 10), digit(c.hour), UInt8(ascii: ":"), digit(c.minute / 10), digit(c.minute), UInt8(ascii: ":")]
        out += [digit(c.second / 10), digit(c.second), UInt8(ascii: " ")]
        out += String(c.year).utf8
    }
}
