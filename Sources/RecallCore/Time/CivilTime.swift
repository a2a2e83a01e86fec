/// A `Timestamp` broken into proleptic Gregorian calendar fields in UTC, without Foundation's calendar machinery.
public struct CivilTime: Hashable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// 100 ns units within the second (0..<10_000_000).
    public var fraction: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, fraction: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.fraction = fraction
    }

    public init(_ timestamp: Timestamp) {
        let perDay = Timestamp.ticksPerSecond * 86_400
        var days = timestamp.ticks / perDay
        var rest = timestamp.ticks % perDay
        if rest < 0 {
            rest += perDay
            days -= 1
        }
        let (y, m, d) = Self.civil(fromDays: days)
        let seconds = Int(rest / Timestamp.ticksPerSecond)
        self.init(
            year: y, month: m, day: d,
            hour: seconds / 3600, minute: seconds / 60 % 60, second: seconds % 60,
            fraction: Int(rest % Timestamp.ticksPerSecond)
        )
    }

    /// Whether the fields name a real calendar instant (months 1–12, day within the month, 24-hour clock).
    public var isValid: Bool {
        (1...12).contains(month) && day >= 1 && day <= Self.daysInMonth(year: year, month: month)
            && (0..<24).contains(hour) && (0..<60).contains(minute) && (0..<60).contains(second)
            && (0..<Int(Timestamp.ticksPerSecond)).contains(fraction)
    }

    /// The instant these fields name, read as UTC.
    public var timestamp: Timestamp {
        let days = Self.days(fromCivil: year, month, day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return Timestamp(ticks: seconds * Timestamp.ticksPerSecond + Int64(fraction))
    }

    /// Day of week, 0 = Sunday.
    public var weekday: Int {
        let days = Self.days(fromCivil: year, month, day)
        return Int(((days % 7) + 11) % 7)
    }

    /// `yyyy-MM-ddTHH:mm:ss.fffffffZ` (`2017-06-29T08:30:05.0983973Z`), the form the API and the CLI print; written
    /// as bytes, since every session, event and item on the wire carries a few of these.
    public var iso8601: String {
        guard (0...9999).contains(year) else {
            return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(fraction, 7))Z"
        }
        // Straight into the String's storage: a table of fields, a byte array and a copy were three allocations.
        return String(unsafeUninitializedCapacity: 28) { out in
            var position = 0
            func put(_ value: Int, width: Int, then separator: Unicode.Scalar) {
                DecimalDigits.write(value, width: width, into: out, at: position)
                out[position + width] = UInt8(ascii: separator)
                position += width + 1
            }
            put(year, width: 4, then: "-")
            put(month, width: 2, then: "-")
            put(day, width: 2, then: "T")
            put(hour, width: 2, then: ":")
            put(minute, width: 2, then: ":")
            put(second, width: 2, then: ".")
            put(fraction, width: 7, then: "Z")
            return position
        }
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days: the one calendar conversion of the package (the mail date
    // parsers and the demo's writer use these too), on the proleptic Gregorian calendar, days since 1970-01-01.
    @inlinable
    public static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    @inlinable
    public static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (Int(y), Int(m), Int(d))
    }
}

/// Zero-padded decimal.
@inline(__always)
func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
