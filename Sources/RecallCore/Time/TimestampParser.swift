/// Reads the date-time forms that clients of the real API send, as .NET's lenient parser would accept them.
///
/// Accepted: `yyyy.MM.dd HH:mm[:ss]`, `yyyy-MM-dd HH:mm[:ss[.fff…]]`, ISO 8601 (`T` separator, fraction, `Z` or
/// `±hh:mm`), `yyyy/MM/dd …`, a date alone, and US `M/d/yyyy h:mm[:ss] [AM|PM]`. A time without a zone is UTC.
public enum TimestampParser {
    public static func parse(_ text: String) -> Timestamp? {
        var scanner = Scanner(Array(text.utf8))
        scanner.skipSpaces()
        guard let first = scanner.number() else { return nil }
        var civil: CivilTime
        if first.digits == 4 {
            guard let sep = scanner.take(anyOf: ".-/"),
                  let month = scanner.number(), scanner.take(sep),
                  let day = scanner.number()
            else { return nil }
            civil = CivilTime(year: first.value, month: month.value, day: day.value)
        } else {
            guard scanner.take(UInt8(ascii: "/")), let day = scanner.number(), scanner.take(UInt8(ascii: "/")),
                  let year = scanner.number(), year.digits == 4
            else { return nil }
            civil = CivilTime(year: year.value, month: first.value, day: day.value)
        }
        var offsetSeconds = 0
        if scanner.take(anyOf: "T ") != nil {
            scanner.skipSpaces()
            if let hour = scanner.number() {
                guard scanner.take(UInt8(ascii: ":")), let minute = scanner.number() else { return nil }
                civil.hour = hour.value
                civil.minute = minute.value
                if scanner.take(UInt8(ascii: ":")) {
                    guard let second = scanner.number() else { return nil }
                    civil.second = second.value
                    if scanner.take(UInt8(ascii: ".")) || scanner.take(UInt8(ascii: ",")) {
                        guard let fraction = scanner.fraction() else { return nil }
                        civil.fraction = fraction
                    }
                }
                scanner.skipSpaces()
                if let meridiem = scanner.meridiem() {
                    guard (1...12).contains(civil.hour) else { return nil }
                    civil.hour = civil.hour % 12 + (meridiem == .pm ? 12 : 0)
                }
                scanner.skipSpaces()
                guard let offset = scanner.zone() else { return nil }
                offsetSeconds = offset
            }
        }
        scanner.skipSpaces()
        guard scanner.atEnd, civil.isValid else { return nil }
        let time = civil.timestamp.adding(seconds: Int64(-offsetSeconds))
        return representable.contains(time) ? time : nil
    }

    /// .NET's `DateTime` range, 0001-01-01 to 9999-12-31 (UTC): year 0, or a zone offset that carries a time past
    /// either end, is refused as the real server refuses it (and a later year would not print back in four digits).
    static let representable = CivilTime(year: 1, month: 1, day: 1).timestamp
        ... Timestamp(ticks: CivilTime(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59).timestamp.ticks + Timestamp.ticksPerSecond - 1)
}

/// A cursor over ASCII bytes for `TimestampParser`.
private struct Scanner {
    enum Meridiem { case am, pm }

    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func take(anyOf set: String) -> UInt8? {
        guard index < bytes.count, set.utf8.contains(bytes[index]) else { return nil }
        index += 1
        return bytes[index - 1]
    }

    mutating func number() -> (value: Int, digits: Int)? {
        var value = 0
        var digits = 0
        while index < bytes.count, (48...57).contains(bytes[index]), digits < 9 {
            value = value * 10 + Int(bytes[index] - 48)
            digits += 1
            index += 1
        }
        return digits == 0 ? nil : (value, digits)
    }

    /// Up to 7 digits of a fraction of a second, in 100 ns units; further digits are dropped.
    mutating func fraction() -> Int? {
        var value = 0
        var digits = 0
        while index < bytes.count, (48...57).contains(bytes[index]) {
            if digits < 7 {
                value = value * 10 + Int(bytes[index] - 48)
            }
            digits += 1
            index += 1
        }
        guard digits > 0 else { return nil }
        for _ in digits..<max(digits, 7) { value *= 10 }
        return value
    }

    mutating func meridiem() -> Meridiem? {
        guard index + 1 < bytes.count, bytes[index + 1] | 0x20 == UInt8(ascii: "m") else { return nil }
        switch bytes[index] | 0x20 {
        case UInt8(ascii: "a"): index += 2; return .am
        case UInt8(ascii: "p"): index += 2; return .pm
        default: return nil
        }
    }

    /// Seconds east of UTC; 0 when absent or `Z`; nil when malformed.
    mutating func zone() -> Int? {
        if take(UInt8(ascii: "Z")) || take(UInt8(ascii: "z")) { return 0 }
        guard let sign = take(anyOf: "+-") else { return 0 }
        guard let hours = number() else { return nil }
        var h = hours.value
        var m = 0
        if hours.digits == 4 {
            h = hours.value / 100
            m = hours.value % 100
        } else if take(UInt8(ascii: ":")) {
            guard let minutes = number() else { return nil }
            m = minutes.value
        }
        guard h <= 14, m < 60 else { return nil }
        let seconds = h * 3600 + m * 60
        return sign == UInt8(ascii: "-") ? -seconds : seconds
    }
}
