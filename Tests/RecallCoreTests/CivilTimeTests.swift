import Testing
@testable import RecallCore

@Suite struct CivilTimeTests {
    @Test func roundTripsAcrossEras() {
        for ticks: Int64 in [0, 1, -1, 15_589_284_001_234_567, -621_355_968_000_000_000 + 1, 253_402_300_799_999_999] {
            let civil = CivilTime(Timestamp(ticks: ticks))
            #expect(civil.timestamp.ticks == ticks, "\(ticks)")
        }
    }

    @Test func knownDates() {
        let civil = CivilTime(Timestamp(ticks: 14_987_250_050_983_973))
        #expect(civil.iso8601 == "2017-06-29T08:30:05.0983973Z")
        #expect(civil.weekday == 4)
        #expect(CivilTime(Timestamp(ticks: -1)).iso8601 == "1969-12-31T23:59:59.9999999Z")
        #expect(CivilTime(year: 1, month: 1, day: 1).iso8601 == "0001-01-01T00:00:00.0000000Z")
        #expect(CivilTime(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59, fraction: 9_999_999).iso8601 == "9999-12-31T23:59:59.9999999Z")
        #expect(CivilTime(year: 2026, month: 11, day: 30, hour: 7, minute: 5, second: 9, fraction: 42).iso8601 == "2026-11-30T07:05:09.0000042Z")
        #expect(CivilTime(year: 10_000, month: 1, day: 1).iso8601 == "10000-01-01T00:00:00.0000000Z")
    }
}
