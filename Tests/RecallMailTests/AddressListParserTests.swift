import Foundation
import Testing
@testable import RecallMail

@Suite struct AddressListParserTests {
    private func forms(_ raw: String) -> [String] {
        AddressListParser.parse(raw).addresses.map(\.displayForm)
    }

    @Test func simpleAndQuotedNames() {
        #expect(forms("Alice Example <alice@example.com>, \"Doe, John\" <john@example.com>, bob@example.com")
            == ["Alice Example <alice@example.com>", "Doe, John <john@example.com>", "bob@example.com"])
    }

    @Test func addressFields() {
        let a = AddressListParser.parse("\"Alice \\\"Al\\\" Example\" <alice@example.com>").addresses
        #expect(a == [MailAddress(displayName: "Alice \"Al\" Example", address: "alice@example.com")])
    }

    @Test func groupsAndUndisclosed() {
        #expect(forms("undisclosed-recipients:;").isEmpty)
        #expect(forms("Team: a@x.org, B <b@x.org>;, c@y.org") == ["a@x.org", "B <b@x.org>", "c@y.org"])
    }

    @Test func commentsAndEncodedNames() {
        #expect(forms("alice@example.com (Alice Example)") == ["Alice Example <alice@example.com>"])
        #expect(forms("=?utf-8?q?J=C3=B6rg_M=C3=BCller?= <jm@example.de>") == ["Jörg Müller <jm@example.de>"])
        #expect(forms("\"=?iso-8859-1?q?Ren=E9?=\" <rene@example.fr>") == ["René <rene@example.fr>"])
        #expect(forms("=?utf-8?B?TcO8bGxlciwgSm9obg==?= <m@x.de>, x@y.z") == ["Müller, John <m@x.de>", "x@y.z"])
    }

    @Test func oddButValidForms() {
        #expect(forms("<@relay.example:user@example.com>") == ["user@example.com"])
        #expect(forms("<alice@example.com>") == ["alice@example.com"])
        #expect(forms("Just A Name") == ["Just A Name"])
        #expect(forms("root") == ["root"])
        #expect(forms(" , ,, ") == [])
        #expect(forms("Broken <unterminated@example.com") == ["Broken <unterminated@example.com>"])
        #expect(forms("a@x, (comment, with comma) b@y") == ["a@x", "comment, with comma <b@y>"])
    }
}
