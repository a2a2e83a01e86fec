import RecallCore

/// The asctime date of an mbox `From ` line: `Mon Jan  5 10:00:00 2026` (UTC).
enum AsctimeFormat {
    static func string(_ time: Timestamp) -> String {
        let c = CivilTime(time)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let day = c.day < 10 ? " \(c.day)" : "\(c.day)"
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(days[c.weekday]) \(months[c.month - 1]) \(day) \(two(c.hour)):\(two(c.minute)):\(two(c.second)) \(c.year)"
    }
}
