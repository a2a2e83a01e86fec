import Foundation

/// Fixed offsets for the zone names that appear in real mail `Date:` headers.
///
/// RFC 5322 names (UT, GMT, EST…PDT) plus common non-standard ones. Single-letter
/// military zones are treated as UTC, as RFC 5322 §4.3 recommends. Ambiguous names
/// use the most common meaning in mail (IST = India, BST = British Summer Time).
enum TimeZoneAbbreviations {
    private static let table: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "wet": 0, "bst": 60, "ist": 330, "west": 60,
        "est": -300, "edt": -240, "cst": -360, "cdt": -300,
        "mst": -420, "mdt": -360, "pst": -480, "pdt": -420,
        "akst": -540, "akdt": -480, "hst": -600, "ast": -240, "adt": -180,
        "nst": -210, "ndt": -150,
        "cet": 60, "cest": 120, "met": 60, "mest": 120, "mez": 60, "mesz": 120,
        "eet": 120, "eest": 180, "msk": 180, "msd": 240,
        "jst": 540, "kst": 540, "hkt": 480, "sgt": 480, "awst": 480,
        "acst": 570, "acdt": 630, "aest": 600, "aedt": 660, "nzst": 720, "nzdt": 780,
    ]

    /// Offset in minutes east of UTC for a lowercased zone name, or nil if unknown.
    static func offsetMinutes(_ lower: String) -> Int? {
        if let v = table[lower] { return v }
        if lower.count == 1, let c = lower.unicodeScalars.first, ("a"..."z").contains(c), c != "j" {
            return 0
        }
        return nil
    }
}
