import Foundation
import Testing
@testable import RecallMail

@Suite struct MaildirFlagsTests {
    @Test func parsesAndFormats() {
        #expect(MaildirFlags(info: "SRF") == [.seen, .replied, .flagged])
        #expect(MaildirFlags(info: "SRF").suffix == ":2,FRS")
        #expect(MaildirFlags(info: "TDPabc").letters == "DPT")
        #expect(MaildirFlags(info: "").suffix == ":2,")
        #expect(([.seen, .trashed, .draft] as MaildirFlags).suffix == ":2,DST")
    }

    @Test func splitsFileNames() {
        #expect(MaildirEntry.split("123.M1.host:2,S") == ("123.M1.host", "S"))
        #expect(MaildirEntry.split("123.M1.host!2,RS") == ("123.M1.host", "RS"))
        #expect(MaildirEntry.split("123.M1.host:1,xyz") == ("123.M1.host", ""))
        #expect(MaildirEntry.split("plain") == ("plain", ""))
    }
}
