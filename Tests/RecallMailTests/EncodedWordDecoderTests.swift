import Foundation
import Testing
@testable import RecallMail

@Suite struct EncodedWordDecoderTests {
    @Test func base64UTF8() {
        let r = EncodedWordDecoder.decode("=?UTF-8?B?R3LDvMOfZSDigqw=?=")
        #expect(r.text == "Grüße €")
        #expect(r.warnings.isEmpty)
    }

    @Test func quotedPrintableLatin1() {
        let r = EncodedWordDecoder.decode("=?iso-8859-1?q?Caf=E9_cr=E8me?= und mehr")
        #expect(r.text == "Café crème und mehr")
        #expect(r.warnings.isEmpty)
    }

    @Test func adjacentWordsAreJoinedWithoutWhitespace() {
        let r = EncodedWordDecoder.decode("=?utf-8?q?Hello_?=  \t =?utf-8?q?World?= !")
        #expect(r.text == "Hello World !")
    }

    @Test func multibyteCharacterSplitAcrossWords() {
        // "€" is E2 82 AC; split across two B words.
        let r = EncodedWordDecoder.decode("=?utf-8?B?4oI=?= =?utf-8?B?rA==?=")
        #expect(r.text == "€")
        #expect(r.warnings.isEmpty)
    }

    @Test func mixedCharsetsAndPlainText() {
        let r = EncodedWordDecoder.decode("Re: =?iso-8859-1?Q?J=F6rg?= and =?koi8-r?B?5A==?=")
        #expect(r.text == "Re: Jörg and Д")
    }

    @Test func malformedWordIsKeptWithWarning() {
        let r = EncodedWordDecoder.decode("=?utf-8?X?abc?= tail")
        #expect(r.text == "=?utf-8?X?abc?= tail")
        #expect(r.warnings == [EncodedWordDecoder.warningUndecodable])
        let unterminated = EncodedWordDecoder.decode("=?utf-8?q?abc")
        #expect(unterminated.text == "=?utf-8?q?abc")
        #expect(unterminated.warnings == ["undecodable encoded word"])
    }

    @Test func notAnEncodedWordIsUntouched() {
        let r = EncodedWordDecoder.decode("What=? is =?? this")
        #expect(r.text == "What=? is =?? this")
        #expect(r.warnings.isEmpty)
    }

    @Test func unknownCharsetFallsBack() {
        let r = EncodedWordDecoder.decode("=?x-unknown?Q?caf=E9?=")
        #expect(r.text == "café")
        #expect(r.warnings == ["unknown charset x-unknown, decoded as ISO-8859-1"])
    }

    @Test func invalidUTF8InsideWordFallsBack() {
        let r = EncodedWordDecoder.decode("=?utf-8?Q?a=FFb?=")
        #expect(r.text == "aÿb")
        #expect(r.warnings == ["could not decode charset utf-8, decoded as ISO-8859-1"])
    }

    @Test func rfc2231LanguageSuffixAndBase64WithoutPadding() {
        #expect(EncodedWordDecoder.decode("=?UTF-8*en?B?w6k?=").text == "é")
    }
}
