import RecallCore

/// Calendar arithmetic and date formatting on Unix seconds, without Foundation
/// formatters, so the hot path stays allocation-light and locale-independent.
enum DemoDate {
    /// Seconds in one day.
    static let day: Int64 = 86_400

    private static let weekdays: [[UInt8]] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].map { Array($0.utf8) }
    private static let months: [[UInt8]] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ].map { Array($0.utf8) }

    /// Broken-down UTC (or offset-local) time.
    struct Parts {
        var year: Int
        var month: Int
        var day: Int
        var weekday: Int
        var hour: Int
        var minute: Int
        var second: Int
    }

    /// Splits Unix seconds into calendar parts (proleptic Gregorian calendar).
    static func parts(_ seconds: Int64) -> Parts {
        let days = floorDiv(seconds, day)
        let secondOfDay = Int(seconds - days * day)
        let (year, month, dayOfMonth) = CivilTime.civil(fromDays: days)
        let weekday = Int(floorMod(days + 4, 7))
        return Parts(
            year: year, month: month, day: dayOfMonth, weekday: weekday,
            hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60, second: secondOfDay % 60
        )
    }

    /// The UTC calendar year of `seconds`.
    static func year(_ seconds: Int64) -> Int {
        parts(seconds).year
    }

    /// Appends an RFC 5322 date such as `Mon, 05 Jan 2026 21:03:07 +0100`.
    static func appendRFC5322(_ seconds: Int64, offsetMinutes: Int, to out: inout [UInt8]) {
        let p = parts(seconds + Int64(offsetMinutes) * 60)
        out.append(contentsOf: weekdays[p.weekday])
        out.append(0x2C)  // ","
        out.append(0x20)
        appendPadded(p.day, width: 2, to: &out)
        out.append(0x20)
        out.append(contentsOf: months[p.month - 1])
        out.append(0x20)
        appendPadded(p.year, width: 4, to: &out)
        out.append(0x20)
        appendClock(p, to: &out)
        out.append(0x20)
        out.append(offsetMinutes < 0 ? 0x2D : 0x2B)
        let magnitude = abs(offsetMinutes)
        appendPadded(magnitude / 60, width: 2, to: &out)
        appendPadded(magnitude % 60, width: 2, to: &out)
    }

    /// Appends an asctime date such as `Mon Jan  5 21:03:07 2026` (UTC), as used on mbox `From ` lines.
    static func appendAsctime(_ seconds: Int64, to out: inout [UInt8]) {
        let p = parts(seconds)
        out.append(contentsOf: weekdays[p.weekday])
        out.append(0x20)
        out.append(contentsOf: months[p.month - 1])
        out.append(0x20)
        if p.day < 10 { out.append(0x20) }
        appendPadded(p.day, width: 1, to: &out)
        out.append(0x20)
        appendClock(p, to: &out)
        out.append(0x20)
        appendPadded(p.year, width: 4, to: &out)
    }

    /// Appends a non-negative decimal number, zero-padded to `width` digits.
    static func appendPadded(_ value: Int, width: Int, to out: inout [UInt8]) {
        let number = max(0, value)
        var digits = 1
        var divisor = 1
        while number / divisor >= 10 {
            divisor *= 10
            digits += 1
        }
        var pad = width - digits
        while pad > 0 {
            out.append(0x30)
            pad -= 1
        }
        while divisor > 0 {
            out.append(UInt8(truncatingIfNeeded: 0x30 + number / divisor % 10))
            divisor /= 10
        }
    }

    private static func appendClock(_ p: Parts, to out: inout [UInt8]) {
        appendPadded(p.hour, width: 2, to: &out)
        out.append(0x3A)
        appendPadded(p.minute, width: 2, to: &out)
        out.append(0x3A)
        appendPadded(p.second, width: 2, to: &out)
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    private static func floorMod(_ a: Int64, _ b: Int64) -> Int64 {
        a - floorDiv(a, b) * b
    }
}
