import Foundation
import Testing
@testable import RecallMail

@Suite struct ByteTextTests {
    @Test(arguments: [
        ([0x41, 0xC3, 0xA9], "Aé"), ([0xF0, 0x9F, 0x93, 0xAC], "📬"), ([0xEF, 0xBF, 0xBD], "\u{FFFD}"), ([], ""),
        ([0xF4, 0x8F, 0xBF, 0xBF], "\u{10FFFF}"), ([0x00], "\u{0}"),
    ] as [([UInt8], String)])
    func acceptsValidUTF8(_ bytes: [UInt8], _ expected: String) {
        #expect(ByteText.utf8(bytes) == expected)
        #expect(ByteText.utf8(bytes[...]) == expected)
    }

    @Test(arguments: [
        [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82],
        [0xF0, 0x9F, 0x98], [0x80], [0xFF], [0xC3, 0x41], [0xF5, 0x80, 0x80, 0x80],
    ] as [[UInt8]])
    func rejectsInvalidUTF8(_ bytes: [UInt8]) {
        #expect(ByteText.utf8(bytes) == nil)
        #expect(ByteText.utf8OrLatin1(bytes).usedFallback)
    }

    @Test func latin1MapsEveryByte() {
        let all = (0...255).map { UInt8($0) }
        #expect(ByteText.latin1(all).unicodeScalars.map(\.value) == (0...255).map { UInt32($0) })
    }

    @Test func modifiedUTF7RejectsLoneSurrogates() {
        #expect(ModifiedUTF7.decode("a&2D0-b") == "a&2D0-b")
        #expect(ModifiedUTF7.decode("&2D3c7A-") == "📬")
    }
}
