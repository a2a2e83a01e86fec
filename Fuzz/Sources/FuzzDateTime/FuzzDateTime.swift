import Foundation
import FuzzSupport
import RecallCore

// The API's date-time parser: `explore`'s `datetime` (v3 `{"explore": {"datetime": …}}`, v6–v8 `dateTime`), the
// `startTimeFrom`-style query parameters and `import --at`. Forms: `yyyy.MM.dd HH:mm[:ss]`, `yyyy-MM-dd HH:mm[:ss[.f…]]`,
// ISO 8601 with `T`, a fraction and `Z` or an offset, `yyyy/MM/dd …`, a date alone, US `M/d/yyyy h:mm[:ss] [AM|PM]`.
//
// Checks, besides not trapping: a parsed instant, printed in each documented form (ISO 8601 as the API prints it,
// dotted, dashed with a fraction, slashed, US with AM/PM, and with an offset), parses back to itself.

private func pad(_ n: Int, _ width: Int) -> String {
    let digits = String(n)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

private func expectRoundTrip(_ text: String, _ time: Timestamp) {
    let again = TimestampParser.parse(text)
    check(again == time, "'\(text)' parses to \(String(describing: again?.ticks)), not \(time.ticks)")
}

/// `precondition` that names the broken property in optimized builds too (where `precondition` traps silently).
private func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = "", line: UInt = #line) {
    if !condition() { fatalError(message(), line: line) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let time = TimestampParser.parse(text) else { return 0 }
    let c = CivilTime(time)
    guard (1...9999).contains(c.year) else { return 0 }  // an offset can move 0000-01-01 or 9999-12-31 out of range
    expectRoundTrip(c.iso8601, time)
    let date = "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    let clock = "\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))"
    let fraction = "." + pad(c.fraction, 7)
    expectRoundTrip("\(date) \(clock)\(fraction)", time)
    expectRoundTrip("\(date)T\(clock)\(fraction)+00:00", time)
    if c.fraction == 0 {
        expectRoundTrip("\(pad(c.year, 4)).\(pad(c.month, 2)).\(pad(c.day, 2)) \(clock)", time)
        expectRoundTrip("\(pad(c.year, 4))/\(pad(c.month, 2))/\(pad(c.day, 2)) \(clock)", time)
        let hour12 = c.hour % 12 == 0 ? 12 : c.hour % 12
        expectRoundTrip("\(c.month)/\(c.day)/\(pad(c.year, 4)) \(hour12):\(pad(c.minute, 2)):\(pad(c.second, 2)) \(c.hour < 12 ? "AM" : "PM")", time)
        if c.hour == 0, c.minute == 0, c.second == 0 { expectRoundTrip(date, time) }
        // The same instant written in another zone: 05:30 east.
        let shifted = CivilTime(time.adding(seconds: 5 * 3600 + 30 * 60))
        if (1...9999).contains(shifted.year) {
            let local = "\(pad(shifted.year, 4))-\(pad(shifted.month, 2))-\(pad(shifted.day, 2))T\(pad(shifted.hour, 2)):\(pad(shifted.minute, 2)):\(pad(shifted.second, 2))+05:30"
            expectRoundTrip(local, time)
        }
    }
    return 0
}

@main enum Main {
    static func main() {
        exit(recall_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv) { data, size in
            fuzz(data ?? UnsafePointer(bitPattern: 1)!, size)  // libFuzzer reads no byte of an empty input
        })
    }
}
