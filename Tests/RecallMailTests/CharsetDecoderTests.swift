import Foundation
import Testing
@testable import RecallMail

@Suite struct CharsetDecoderTests {
    @Test(arguments: [
        ("utf-8", [0xE2, 0x82, 0xAC], "€"), ("UTF8", [0xC3, 0xA9], "é"), ("us-ascii", [0x41], "A"),
        ("iso-8859-1", [0xE9], "é"), ("latin1", [0xE9], "é"), ("ISO_8859-1", [0xE9], "é"),
        ("iso-8859-2", [0xB1], "ą"), ("iso-8859-3", [0xA1], "Ħ"), ("iso-8859-4", [0xA1], "Ą"),
        ("iso-8859-5", [0xB4], "Д"), ("iso-8859-6", [0xC7], "ا"), ("iso-8859-7", [0xD9], "Ω"),
        ("iso-8859-8", [0xE0], "א"), ("iso-8859-8-i", [0xE0], "א"), ("iso-8859-9", [0xF0], "ğ"),
        ("iso-8859-10", [0xA1], "Ą"), ("iso-8859-13", [0xA1], "”"), ("iso-8859-14", [0xA1], "Ḃ"),
        ("iso-8859-15", [0xA4], "€"), ("iso8859-15", [0xA4], "€"),
        ("windows-1250", [0x9A], "š"), ("windows-1251", [0xC4], "Д"), ("windows-1252", [0x80], "€"),
        ("cp1252", [0x80], "€"), ("windows-1253", [0xD9], "Ω"), ("windows-1254", [0xF0], "ğ"),
        ("windows-1255", [0xE0], "א"), ("windows-1256", [0xC7], "ا"), ("windows-1257", [0xE0], "ą"),
        ("windows-1258", [0xE0], "à"), ("koi8-r", [0xE4], "Д"), ("koi8-u", [0xA4], "є"),
        ("gb2312", [0xD6, 0xD0], "中"), ("gbk", [0x81, 0x40], "丂"), ("gb18030", [0xD6, 0xD0], "中"),
        ("big5", [0xA4, 0xA4], "中"), ("shift_jis", [0x93, 0xFA], "日"), ("cp932", [0x87, 0x40], "①"),
        ("euc-kr", [0xC7, 0xD1], "한"), ("ks_c_5601-1987", [0xC7, 0xD1], "한"), ("utf-7", [0x2B, 0x41, 0x4F, 0x6B, 0x2D], "é"),
        ("ibm866", [0x80], "А"), ("macintosh", [0x8E], "é"), ("\"UTF-8\"", [0x41], "A"), ("utf-8*en", [0x41], "A"),
    ] as [(String, [UInt8], String)])
    func decodesCharset(_ charset: String, _ bytes: [UInt8], _ expected: String) {
        #expect(CharsetDecoder.decode(bytes, charset: charset) == expected)
    }

    @Test func japaneseEncodings() {
        let iso2022: [UInt8] = [0x1B, 0x24, 0x42, 0x46, 0x7C, 0x4B, 0x5C, 0x1B, 0x28, 0x42]
        #expect(CharsetDecoder.decode(iso2022, charset: "ISO-2022-JP") == "日本")
        // EUC-JP: 日本 + half-width katakana ｱ + JIS X 0212 (replaced by 〓) + ASCII.
        let euc: [UInt8] = [0xC6, 0xFC, 0xCB, 0xDC, 0x8E, 0xB1, 0x8F, 0xB0, 0xA1, 0x41]
        #expect(CharsetDecoder.decode(euc, charset: "euc-jp") == "日本ｱ〓A")
        #expect(CharsetDecoder.decode([0xC6], charset: "euc-jp") == nil)
    }

    @Test func unknownCharsetFallsBackWithWarning() {
        #expect(CharsetDecoder.decode([0xE9], charset: "x-klingon") == nil)
        let latin = CharsetDecoder.decodeWithFallback([0x63, 0x61, 0x66, 0xE9], charset: "x-klingon")
        #expect(latin.text == "café")
        #expect(latin.warning == "unknown charset x-klingon, decoded as ISO-8859-1")
        let utf8 = CharsetDecoder.decodeWithFallback([0xC3, 0xA9], charset: "us-ascii")
        #expect(utf8.text == "é")
        #expect(utf8.warning == nil)
        let ascii = CharsetDecoder.decodeWithFallback([0x68, 0x69], charset: "x-klingon")
        #expect(ascii.text == "hi")
        #expect(ascii.warning == nil)
        let bad = CharsetDecoder.decodeWithFallback([0xFF, 0xFE, 0x41], charset: "utf-8")
        #expect(bad.text == "ÿþA")
        #expect(bad.warning == "could not decode charset utf-8, decoded as ISO-8859-1")
    }

    @Test func garbageNeverCrashes() {
        var rng = SplitMix64(state: 42)
        let charsets = ["big5", "euc-kr", "gb2312", "shift_jis", "iso-2022-jp", "utf-7", "euc-jp", "koi8-r", "utf-16"]
        for _ in 0..<50 {
            let bytes = (0..<Int.random(in: 0..<300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            for charset in charsets {
                let result = CharsetDecoder.decodeWithFallback(bytes, charset: charset)
                #expect(result.text.unicodeScalars.count <= max(bytes.count, 1) * 2)
            }
        }
    }
}
