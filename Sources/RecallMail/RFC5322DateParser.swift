import Foundation

/// Parses RFC 5322 `Date:` header values, including the obsolete RFC 822 forms.
///
/// Accepts an optional weekday, 2/3/4-digit years, missing seconds, numeric zones,
/// named zones (`GMT`, `EST`, `CEST`, …), comments such as `(PST)`, and common
/// mistakes (`01-Jan-2024`, month before day, asctime order). A missing zone is UTC.
public enum RFC5322DateParser {
    /// Returns the instant described by `s`, or nil if it is not a recognisable date.
    public static func parse(_ s: String) -> Date? {
        DateTokenParser.parse(s)
    }
}
