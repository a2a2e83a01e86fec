import Foundation
import FuzzSupport
import RecallMail

// The mail date parser behind `Date:`, `Received:` and mbox `From ` lines (RFC 5322 with the obsolete forms, asctime,
// named zones, comments, common mistakes).
//
// Checks, besides not trapping: the fast path for the canonical form agrees with the general one (a leading empty
// comment forces the general path); a parsed date, written back as RFC 5322 and as asctime, parses to itself.

private let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
private let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

/// (year, month, day) of a day count since 1970-01-01 (H. Hinnant's civil_from_days). Kept apart from `CivilTime` on
/// purpose: an oracle that shared the code under test could not catch its mistakes.
private func civil(fromDays z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
}

private func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
private func four(_ n: Int) -> String { String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n) }

/// `precondition` that names the broken property in optimized builds too (where `precondition` traps silently).
private func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = "", line: UInt = #line) {
    if !condition() { fatalError(message(), line: line) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parsed = RFC5322DateParser.parse(text)
    _ = AsctimeDateParser.looksLikeAsctime(Substring(text))
    if text.utf8.count <= 509 {
        check(RFC5322DateParser.parse("() " + text) == parsed, "the canonical fast path disagrees with the general parser")
    }
    guard let date = parsed else { return 0 }
    let seconds = date.timeIntervalSince1970
    check(seconds == seconds.rounded(.down), "a mail date has a fraction of a second")
    // Years 1 to 9999, moved by at most a day of zone offset.
    check(seconds >= -62_135_596_800 - 86_400 && seconds < 253_402_300_800 + 86_400, "date \(seconds) out of range")
    let whole = Int(seconds)
    let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
    let rest = whole - days * 86_400
    let (year, month, day) = civil(fromDays: days)
    guard (1...9999).contains(year) else { return 0 }
    let weekday = weekdays[((days % 7) + 7) % 7]
    let time = "\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))"
    let rfc5322 = "\(weekday), \(day) \(months[month - 1]) \(four(year)) \(time) +0000"
    check(RFC5322DateParser.parse(rfc5322) == date, "\(rfc5322) does not parse back to \(seconds)")
    let asctime = "\(weekday) \(months[month - 1]) \(day < 10 ? " " : "")\(day) \(time) \(four(year))"
    check(AsctimeDateParser.parse(asctime) == date, "\(asctime) does not parse back to \(seconds)")
    return 0
}

@main enum Main {
    static func main() {
        exit(recall_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv) { data, size in
            fuzz(data ?? UnsafePointer(bitPattern: 1)!, size)  // libFuzzer reads no byte of an empty input
        })
    }
}
