import Foundation
import Testing
@testable import RecallMail

@Suite struct MessageHeadersTests {
    @Test func unfoldsAndMatchesCaseInsensitively() {
        let raw = "From mbox Mon Jan  1 12:00:00 2024\r\nSUBJECT: Hello\r\n  folded\r\n\tagain\r\nX-Empty:\r\nsubject : second\r\n\r\nbody"
        let h = MessageHeaders.parse(Array(raw.utf8))
        #expect(h.fields.map(\.name) == ["SUBJECT", "X-Empty", "subject"])
        #expect(h.first("Subject") == "Hello  folded\tagain")
        #expect(h.all("subject") == ["Hello  folded\tagain", "second"])
        #expect(h.first("x-empty") == "")
        #expect(h.first("missing") == nil)
        #expect(h.hasSeparator)
        #expect(h.bodyOffset == raw.utf8.count - 4)
        #expect(h.warnings.isEmpty)
    }

    @Test func missingSeparatorWarns() {
        let h = MessageHeaders.parse(Array("Subject: a\nThis line is body text\nmore".utf8))
        #expect(h.first("subject") == "a")
        #expect(!h.hasSeparator)
        #expect(h.bodyOffset == 11)
        #expect(h.warnings == ["no header/body separator"])
        let onlyHeaders = MessageHeaders.parse(Array("Subject: a".utf8))
        #expect(onlyHeaders.first("subject") == "a")
        #expect(onlyHeaders.warnings == ["no header/body separator"])
    }

    @Test func eightBitHeaders() {
        let utf8 = MessageHeaders.parse(Array("Subject: Grüße\n\n".utf8))
        #expect(utf8.first("subject") == "Grüße")
        #expect(utf8.warnings.isEmpty)
        let latin1 = MessageHeaders.parse(Array("Subject: Gr".utf8) + [0xFC, 0xDF, 0x65] + Array("\n\n".utf8))
        #expect(latin1.first("subject") == "Grüße")
        #expect(latin1.warnings == ["header contains invalid UTF-8, decoded as ISO-8859-1"])
    }

    @Test func emptyAndBodyOnly() {
        let empty = MessageHeaders.parse([])
        #expect(empty.fields.isEmpty)
        #expect(empty.warnings.isEmpty)
        let bodyOnly = MessageHeaders.parse(Array("\nhello".utf8))
        #expect(bodyOnly.fields.isEmpty)
        #expect(bodyOnly.bodyOffset == 1)
    }
}
