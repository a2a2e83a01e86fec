import RecallCore

/// The date and duration spellings of the real API (wire formats live only here).
enum WireTime {
    /// `2017-06-29T08:30:05.0983973Z`.
    static func iso(_ time: Timestamp) -> String { CivilTime(time).iso8601 }

    /// RFC 1123, as OWIN prints `.issued`/`.expires`: `Wed, 29 May 2019 10:00:00 GMT`.
    static func rfc1123(_ time: Timestamp) -> String {
        let c = CivilTime(time)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(days[c.weekday]), \(two(c.day)) \(months[c.month - 1]) \(c.year) \(two(c.hour)):\(two(c.minute)):\(two(c.second)) GMT"
    }

    /// US short date and long time, as .NET prints a DateTime in en-US: `7/3/2017 3:00:25 PM`.
    static func usDateTime(_ time: Timestamp) -> String {
        let c = CivilTime(time)
        let hour12 = c.hour % 12 == 0 ? 12 : c.hour % 12
        return "\(c.month)/\(c.day)/\(c.year) \(hour12):\(two(c.minute)):\(two(c.second)) \(c.hour < 12 ? "AM" : "PM")"
    }

    /// .NET TimeSpan text: `00:00:00` when whole seconds, else `00:09:06.3493680`; days as `1.02:03:04`.
    static func duration(ticks: Int64) -> String {
        let totalSeconds = ticks / Timestamp.ticksPerSecond
        let fraction = ticks % Timestamp.ticksPerSecond
        let days = totalSeconds / 86_400
        var text = days > 0 ? "\(days)." : ""
        text += "\(two(Int(totalSeconds / 3600 % 24))):\(two(Int(totalSeconds / 60 % 60))):\(two(Int(totalSeconds % 60)))"
        if fraction > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: 7 - digits.count) + digits
        }
        return text
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
