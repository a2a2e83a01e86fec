import RecallCore
import Testing

@Suite struct NamesAndAddressesTests {
    /// Issue 20, defect 18: RFC 5321 limits, checked where an address comes in.
    @Test func addressesKeepToRFC5321Limits() {
        let local64 = String(repeating: "a", count: 64)
        #expect(Mailbox.isValid(address: local64 + "@contoso.com"))
        #expect(!Mailbox.isValid(address: local64 + "a@contoso.com"))
        let domain = String(repeating: "d", count: 254 - 64 - 1)
        #expect((local64 + "@" + domain).utf8.count == 254)
        #expect(Mailbox.isValid(address: local64 + "@" + domain))
        #expect(!Mailbox.isValid(address: local64 + "@" + domain + "d"))
        #expect(!Mailbox.isValid(address: "a@" + String(repeating: "d", count: 300)))
        #expect(throws: RecallError.invalidArgument("'\(local64)a@contoso.com' is not a mailbox address such as user@contoso.onmicrosoft.com (at most 64 bytes before the @, 254 in all).")) {
            try Mailbox.validate(address: local64 + "a@contoso.com")
        }
    }

    /// Issue 20, defect 16: a folder name with NUL or another control character is refused, not cut or kept.
    @Test func folderSegmentsWithControlCharactersAreRefused() {
        #expect(MailFolder.isValid(segment: "Projekte 2025 — Café"))
        for bad in ["a\u{0}b", "a\u{1B}[2J", "\u{7F}", "x\u{85}", "", String(repeating: "x", count: 256)] {
            #expect(!MailFolder.isValid(segment: bad))
        }
    }

    /// Issue 20, defect 14: one escape for everything the command line prints.
    @Test func controlCharactersAreEscapedForTheTerminal() {
        #expect("plain Café ∕ text".escapingControlCharacters == "plain Café ∕ text")
        #expect("\u{1B}]0;owned\u{07}x\r\n\t\u{0}\u{7F}\u{9B}2J".escapingControlCharacters == #"\x1B]0;owned\x07x\x0D\x0A\x09\x00\x7F\x9B2J"#)
        #expect("abc\u{202E}fdp.exe\u{2028}".escapingControlCharacters == #"abc\u{202E}fdp.exe\u{2028}"#)
    }
}
