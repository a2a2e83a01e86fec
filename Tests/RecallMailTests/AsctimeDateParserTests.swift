import Foundation
import Testing
@testable import RecallMail

@Suite struct AsctimeDateParserTests {
    @Test func parsesAsctime() {
        #expect(AsctimeDateParser.parse("Mon Jan  1 12:00:00 2024") == Date(timeIntervalSince1970: 1_704_110_400))
        #expect(AsctimeDateParser.parse("Sat Jan 01 13:00:00 +0100 2022") == Date(timeIntervalSince1970: 1_641_038_400))
        #expect(AsctimeDateParser.parse("Thu Jan  1 00:00:00 1970") == Date(timeIntervalSince1970: 0))
        #expect(AsctimeDateParser.parse("Fri Jul  8 12:08:34 2011") == Date(timeIntervalSince1970: 1_310_126_914))
        #expect(AsctimeDateParser.parse("not a date") == nil)
    }

    @Test func recognisesAsctimeShape() {
        #expect(AsctimeDateParser.looksLikeAsctime("Mon Jan  1 12:00:00 2024"))
        #expect(AsctimeDateParser.looksLikeAsctime("sat  feb 3"))
        #expect(!AsctimeDateParser.looksLikeAsctime("here on we go"))
        #expect(!AsctimeDateParser.looksLikeAsctime("Monday January"))
        #expect(!AsctimeDateParser.looksLikeAsctime(""))
    }
}
