import Foundation
import Testing
@testable import RecallMail

@Suite struct MIMEHeaderValueTests {
    @Test func contentTypeWithQuotedBoundary() {
        let v = MIMEHeaderValue.parse("Multipart/Mixed; boundary=\"=_a;b\\\"c\"; charset=UTF-8 (comment)")
        #expect(v.value == "multipart/mixed")
        #expect(v.parameter("BOUNDARY") == "=_a;b\"c")
        #expect(v.parameter("charset") == "UTF-8")
    }

    @Test func rfc2231Extended() {
        let v = MIMEHeaderValue.parse("attachment; filename*=utf-8''%E2%82%AC.txt")
        #expect(v.value == "attachment")
        #expect(v.parameter("filename") == "€.txt")
        #expect(v.warnings.isEmpty)
    }

    @Test func rfc2231ContinuationsOverridePlainParameter() {
        let raw = "attachment; filename=\"fallback.txt\"; filename*1*=%20rate; filename*0*=iso-8859-1'de'Gr%FC%DFe; filename*2=\" list.txt\""
        let v = MIMEHeaderValue.parse(raw)
        #expect(v.parameter("filename") == "Grüße rate list.txt")
    }

    @Test func rfc2231PlainContinuations() {
        let v = MIMEHeaderValue.parse("application/pdf; name*0=\"very long \"; name*1=\"name.pdf\"")
        #expect(v.value == "application/pdf")
        #expect(v.parameter("name") == "very long name.pdf")
    }

    @Test func encodedWordInFilename() {
        let v = MIMEHeaderValue.parse("attachment; filename=\"=?UTF-8?B?0J/RgNC40LLQtdGCLnR4dA==?=\"")
        #expect(v.parameter("filename") == "Привет.txt")
    }

    @Test func unquotedValueWithParenthesesKept() {
        let v = MIMEHeaderValue.parse("attachment; filename=report(1).pdf")
        #expect(v.parameter("filename") == "report(1).pdf")
    }

    @Test func emptyAndGarbage() {
        #expect(MIMEHeaderValue.parse("") == MIMEHeaderValue(value: ""))
        let g = MIMEHeaderValue.parse(";;=;name*99999999999999999999*=x;=v; a=\"unterminated")
        #expect(g.value == "")
        #expect(g.parameter("a") == "unterminated")
        #expect(g.parameter("name") == nil)
    }
}
