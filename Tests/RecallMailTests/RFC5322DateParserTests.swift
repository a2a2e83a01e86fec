import Foundation
import Testing
@testable import RecallMail

@Suite struct RFC5322DateParserTests {
    // 2024-01-01T12:00:00Z
    private let noon = Date(timeIntervalSince1970: 1_704_110_400)

    @Test(arguments: [
        "Mon, 01 Jan 2024 12:00:00 +0000",
        "Mon, 1 Jan 2024 13:00:00 +0100",
        "1 Jan 2024 07:00:00 -0500",
        "Mon, 1 Jan 2024 07:00 EST",
        "Mon, 1 Jan 24 04:00:00 PST",
        "Mon, 01 Jan 2024 12:00:00 GMT",
        "Mon, 01 Jan 2024 12:00:00 UT",
        "Mon, 01 Jan 2024 12:00:00 Z",
        "Mon, 01 Jan 2024 13:00:00 CET",
        "Mon, 01 Jan 2024 12:00:00 +0000 (UTC)",
        "Mon,  1 Jan 2024 12:00:00",
        "01-Jan-2024 12:00:00 +0000",
        "Mon, Jan 1 2024 12:00:00 +0000",
        "Mon Jan  1 12:00:00 2024",
        "Monday, 1 January 2024 12:00:00 +0000",
        "Mon, 1 Jan 2024 12:00:00.123 +0000",
        "Mon, 1 Jan 2024 12:00:00+0000",
        "Mon, 1 Jan 2024 05:30:00 -0630",
        "Mon, 1 Jan 2024 12:00 PM +0000",
        "(comment) Mon, 1 (x) Jan 2024 12:00:00 +0000",
    ])
    func parsesToNoonUTC(_ s: String) {
        #expect(RFC5322DateParser.parse(s) == noon)
    }

    @Test func obsoleteYears() {
        #expect(RFC5322DateParser.parse("1 Jan 99 00:00:00 +0000") == Date(timeIntervalSince1970: 915_148_800))
        #expect(RFC5322DateParser.parse("1 Jan 101 00:00:00 +0000") == Date(timeIntervalSince1970: 978_307_200))
        #expect(RFC5322DateParser.parse("29 Feb 2000 00:00:00 +0000") == Date(timeIntervalSince1970: 951_782_400))
        #expect(RFC5322DateParser.parse("1 Jan 1970 00:00:00 +0000") == Date(timeIntervalSince1970: 0))
        #expect(RFC5322DateParser.parse("31 Dec 1969 23:59:59 +0000") == Date(timeIntervalSince1970: -1))
    }

    @Test(arguments: [
        "", "garbage", "Mon, 32 Jan 2024 12:00:00 +0000", "29 Feb 2023 00:00:00 +0000",
        "1 Foo 2024 12:00:00", "1 Jan 2024 25:00:00 +0000", "1 Jan 2024 12:61:00 +0000",
        "1 Jan 99999 12:00:00", String(repeating: "1 ", count: 1000),
    ])
    func rejectsInvalid(_ s: String) {
        #expect(RFC5322DateParser.parse(s) == nil)
    }

    @Test func missingTimeIsMidnight() {
        #expect(RFC5322DateParser.parse("1 Jan 2024") == Date(timeIntervalSince1970: 1_704_067_200))
    }

    @Test func canonicalFastPath_agreesWithTheGeneralParser() {
        let canonical = [
            "Wed, 01 Jan 2025 10:00:00 +0000", "1 Feb 2024 23:59:59 -0800", "Sun, 29 Feb 2004 7:05 +0130",
            "  Mon,  31 Dec 1999 00:00:60 +1400 \r\n", "Tue, 9 jul 2024 12:00:00 -0000", "FRI, 05 MAR 2021 08:30:15 +0545",
        ]
        for text in canonical {
            #expect(DateTokenParser.parseCanonical(Array(text.utf8)) != nil, "\(text)")
            #expect(DateTokenParser.parseCanonical(Array(text.utf8)) == DateTokenParser.parseTokens(text), "\(text)")
        }
        let other = [
            "Wed, 01 Jan 2025 10:00:00 GMT", "Wed, 01 Jan 2025 10:00:00 +0000 (UTC)", "01-Jan-2024 10:00 +0100",
            "Xyz, 01 Jan 2025 10:00:00 +0000", "Wed, 30 Feb 2024 10:00:00 +0000", "Wed, 01 Jan 2025 24:00:00 +0000",
            "Wed, 01 Jan 25 10:00:00 +0000", "Wed, 01 January 2025 10:00:00 +0000", "",
        ]
        for text in other {
            #expect(DateTokenParser.parseCanonical(Array(text.utf8)) == nil, "\(text)")
        }
        #expect(RFC5322DateParser.parse("Wed, 01 Jan 2025 10:00:00 +0100") == Date(timeIntervalSince1970: 1_735_722_000))
    }
}
