import Foundation

/// Parses the asctime-style date on an mbox `From ` separator line,
/// e.g. `Mon Jan  1 12:00:00 2024` or `Sat Jan 01 12:00:00 +0000 2022`.
///
/// A zone, when present, is honoured; otherwise the time is taken as UTC.
public enum AsctimeDateParser {
    /// Returns the instant described by `s`, or nil if it is not a recognisable date.
    public static func parse(_ s: String) -> Date? {
        DateTokenParser.parse(s)
    }

    /// True when `s` starts like an asctime date: a weekday name then a month name.
    public static func looksLikeAsctime(_ s: Substring) -> Bool {
        let words = s.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard words.count >= 2 else { return false }
        let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        return words[0].count == 3 && weekdays.contains(words[0].lowercased())
            && words[1].count == 3 && months.contains(words[1].lowercased())
    }
}
