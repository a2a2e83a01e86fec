import Foundation
import RecallCore

/// Lenient, token-based date parser shared by `RFC5322DateParser` and `AsctimeDateParser`.
///
/// It accepts the fields of a date in (almost) any order: an optional weekday, a day,
/// a month name, a year (2, 3 or 4 digits, RFC 5322 obsolete rules), a time with optional
/// seconds and an optional zone (numeric or named). Comments in parentheses are ignored.
/// Works on ASCII bytes; calendar arithmetic is done by hand (proleptic Gregorian).
enum DateTokenParser {
    private static let months = ["january", "february", "march", "april", "may", "june", "july",
                                 "august", "september", "october", "november", "december"]
    private static let weekdays: Set<String> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    private struct Fields {
        var day: Int?, month: Int?, year: Int?
        var hour = 0, minute = 0, second = 0, sawTime = false
        var zoneMinutes: Int?
        var pm: Bool?
    }

    /// Parses `s`; nil when no plausible day, month and year could be found.
    static func parse(_ s: String) -> Date? {
        guard s.utf8.count <= 512 else { return nil }
        if let canonical = parseCanonical(Array(s.utf8)) { return canonical }
        return parseTokens(s)
    }

    /// The general path: classify whitespace-separated tokens in any order.
    static func parseTokens(_ s: String) -> Date? {
        var f = Fields()
        for token in tokenize(Array(s.utf8)) { classify(token, &f) }
        guard let d = f.day, let m = f.month, let y = f.year else { return nil }
        if let pm = f.pm, f.hour <= 12 {
            if pm, f.hour < 12 { f.hour += 12 }
            if !pm, f.hour == 12 { f.hour = 0 }
        }
        guard (1...9999).contains(y), (1...12).contains(m), d >= 1, d <= CivilTime.daysInMonth(year: y, month: m),
              (0...23).contains(f.hour), (0...59).contains(f.minute), (0...60).contains(f.second)
        else { return nil }
        let days = Int(CivilTime.days(fromCivil: y, m, d))
        let seconds = days * 86_400 + f.hour * 3_600 + f.minute * 60 + f.second - (f.zoneMinutes ?? 0) * 60
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The form nearly every mailer writes, `[Wkd, ]d Mon yyyy hh:mm[:ss] ±hhmm`, without allocating; nil for
    /// anything else (which then takes the general path, so both agree wherever this one answers).
    static func parseCanonical(_ b: [UInt8]) -> Date? {
        var i = 0
        func skipSpaces() { while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 } }
        func digits(_ minCount: Int, _ maxCount: Int) -> Int? {
            var value = 0, count = 0
            while i < b.count, count < maxCount, b[i] >= 0x30, b[i] <= 0x39 {
                value = value * 10 + Int(b[i] - 0x30)
                i += 1
                count += 1
            }
            return count >= minCount ? value : nil
        }
        func word3() -> String? {
            guard i + 3 <= b.count else { return nil }
            let letters = b[i..<(i + 3)]
            guard letters.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) else { return nil }
            i += 3
            return String(decoding: letters.map(ByteText.lower), as: UTF8.self)
        }
        func expect(_ byte: UInt8) -> Bool {
            guard i < b.count, b[i] == byte else { return false }
            i += 1
            return true
        }
        skipSpaces()
        if i < b.count, b[i] > 0x39 {
            guard let weekday = word3(), weekdays.contains(weekday), expect(0x2C) else { return nil }
            skipSpaces()
        }
        guard let day = digits(1, 2), expect(0x20), let name = word3(), let monthNumber = months.firstIndex(where: { $0.hasPrefix(name) }),
              expect(0x20), let year = digits(4, 4), expect(0x20), let hour = digits(1, 2), expect(0x3A), let minute = digits(2, 2)
        else { return nil }
        var second = 0
        if expect(0x3A) {
            guard let s = digits(2, 2) else { return nil }
            second = s
        }
        guard expect(0x20), i < b.count, b[i] == 0x2B || b[i] == 0x2D else { return nil }
        let sign = b[i] == 0x2D ? -1 : 1
        i += 1
        guard let zone = digits(4, 4) else { return nil }
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0D || b[i] == 0x0A { i += 1 }
        let month = monthNumber + 1
        guard i == b.count, year >= 1, day >= 1, day <= CivilTime.daysInMonth(year: year, month: month), hour <= 23, minute <= 59, second <= 60,
              zone / 100 <= 23, zone % 100 <= 59 else { return nil }
        let seconds = Int(CivilTime.days(fromCivil: year, month, day)) * 86_400 + hour * 3_600 + minute * 60 + second
            - sign * (zone / 100 * 60 + zone % 100) * 60
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static func classify(_ t: [UInt8], _ f: inout Fields) {
        guard let first = t.first else { return }
        let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        if t.count >= 8, t.prefix(4).allSatisfy(isDigit), t[4] == 0x2D {  // yyyy-mm-dd
            let parts = t.prefix { $0 != 0x54 && $0 != 0x74 }.split(separator: 0x2D).map(number)
            if parts.count == 3, let y = parts[0], let m = parts[1], let d = parts[2] {
                (f.year, f.month, f.day) = (y, m, d)
            }
        } else if isDigit(first), t.contains(0x3A) {
            guard !f.sawTime else { return }
            parseTime(t, &f)
        } else if first == 0x2B || first == 0x2D {
            if f.zoneMinutes == nil { f.zoneMinutes = numericZone(t[...]) }
        } else if t.allSatisfy(isDigit) {
            guard let n = number(t[...]) else { return }
            if t.count >= 3 {
                if f.year == nil { f.year = t.count == 3 ? n + 1900 : n }
            } else if f.day == nil {
                f.day = n
            } else if f.year == nil {
                f.year = n < 50 ? 2000 + n : 1900 + n
            }
        } else {
            let lower = String(decoding: t.map(ByteText.lower), as: UTF8.self)
            if lower == "am" || lower == "a.m." { f.pm = false; return }
            if lower == "pm" || lower == "p.m." { f.pm = true; return }
            if lower.utf8.count >= 3, f.month == nil, let m = monthIndex(lower) { f.month = m; return }
            if lower.utf8.count >= 3, weekdays.contains(String(lower.prefix(3))) { return }
            if f.zoneMinutes == nil, let z = TimeZoneAbbreviations.offsetMinutes(lower) { f.zoneMinutes = z }
        }
    }

    /// Splits on whitespace and commas after blanking out comments; also splits
    /// `01-Jan-2024` into three tokens and `12:00:00+0100` into time and zone.
    private static func tokenize(_ input: [UInt8]) -> [[UInt8]] {
        var bytes = input
        var depth = 0
        for i in bytes.indices {
            let b = bytes[i]
            if b == 0x28 { depth += 1 }
            if depth > 0 { bytes[i] = 0x20 }
            if b == 0x29, depth > 0 { depth -= 1 }
        }
        var tokens: [[UInt8]] = []
        for raw in bytes.split(whereSeparator: { $0 == 0x20 || $0 == 0x2C || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }) {
            let parts = raw.split(separator: 0x2D, omittingEmptySubsequences: false)
            let isLetter = { (b: UInt8) in (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
            if parts.count == 3, parts[1].contains(where: isLetter), raw.first != 0x2D {
                tokens.append(contentsOf: parts.map { Array($0) })
            } else if raw.contains(0x3A), let idx = raw.dropFirst().firstIndex(where: { $0 == 0x2B || $0 == 0x2D }) {
                tokens.append(Array(raw[..<idx]))
                tokens.append(Array(raw[idx...]))
            } else {
                tokens.append(Array(raw))
            }
        }
        return tokens
    }

    /// `hh:mm[:ss[.fff]]`.
    private static func parseTime(_ t: [UInt8], _ f: inout Fields) {
        let parts = t.split(separator: 0x3A, omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts[0].count <= 2, parts[1].count == 2,
              let h = number(parts[0]), let m = number(parts[1]) else { return }
        var s = 0
        if parts.count == 3 {
            let whole = parts[2].prefix { $0 != 0x2E }
            guard whole.count == 2, let v = number(whole) else { return }
            s = v
        }
        (f.hour, f.minute, f.second, f.sawTime) = (h, m, s, true)
    }

    /// `+hhmm`, `-hhmm`, `+hh:mm` or `+hh` → minutes east of UTC.
    private static func numericZone(_ t: ArraySlice<UInt8>) -> Int? {
        guard let sign = t.first else { return nil }
        let digits = t.dropFirst().filter { $0 != 0x3A }
        guard digits.count == 4 || digits.count == 2, let v = number(digits[...]) else { return nil }
        let (h, m) = digits.count == 4 ? (v / 100, v % 100) : (v, 0)
        guard h <= 23, m <= 59 else { return nil }
        return (sign == 0x2D ? -1 : 1) * (h * 60 + m)
    }

    /// Decimal value of 1–9 ASCII digits, else nil.
    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        var v = 0
        for b in digits {
            guard b >= 0x30, b <= 0x39 else { return nil }
            v = v * 10 + Int(b - 0x30)
        }
        return v
    }

    private static func monthIndex(_ lower: String) -> Int? {
        guard let i = months.firstIndex(where: { $0.hasPrefix(lower) && lower.utf8.count >= 3 }) else { return nil }
        return i + 1
    }
}
