import NIOCore
import Testing

@testable import RecallHTTP

/// What the server writes for strings and numbers, byte for byte.
struct JSONValueTests {
    @Test func strings_escapeQuotesBackslashesAndControlCharacters_only() {
        let value = JSONValue.string("a\"b\\c/\n\r\t\u{08}\u{0C}\u{01}\u{1F} é😀\u{7F}")
        #expect(value.text == #""a\"b\\c/\n\r\t\b\f\u0001\u001f é😀\#u{7F}""#)
        #expect(JSONValue.string("").text == #""""#)
        #expect(JSONValue.string("\"").text == #""\"""#)
        #expect(JSONValue.string("plain").text == #""plain""#)
    }

    @Test func integers_areWrittenInFull() {
        let values: [Int64] = [0, 7, -5, 1_234_567_890, .max, .min]
        #expect(JSONValue.array(values.map(JSONValue.int)).text == "[0,7,-5,1234567890,9223372036854775807,-9223372036854775808]")
    }

    @Test func objects_keepKeyOrder_andKeysAreEscapedToo() {
        let value = JSONValue.object([("z", .bool(true)), ("a\n", .null), ("m", .object([("k", .int(1))]))])
        #expect(value.text == #"{"z":true,"a\n":null,"m":{"k":1}}"#)
    }

    /// A value is first written into the room the buffer has (1 KiB at least) and, when it overflows that room, written
    /// again into memory of its own: every size around the edge comes out whole, whether the edge falls on a one-byte
    /// token (the closing quote or brace) or inside a longer one, and after what the buffer held.
    @Test func writing_aroundTheFirstAttemptsRoom_givesTheWholeValue() {
        for size in 1000...1060 {
            let text = String(repeating: "y", count: size)
            for value in [JSONValue.string(text), .object([("k", .string(text))]), .array([.string(text), .int(7)])] {
                var fresh = ByteBuffer()
                value.write(to: &fresh)
                #expect(String(buffer: fresh) == value.text)
                var roomy = ByteBuffer(string: "head:")
                roomy.reserveCapacity(64 << 10)
                value.write(to: &roomy)
                #expect(String(buffer: roomy) == "head:" + value.text)
            }
            #expect(JSONValue.string(text).text == "\"" + text + "\"")
            #expect(JSONValue.array([.string(text), .int(7)]).text == "[\"" + text + "\",7]")
        }
    }

    /// A value too big for the buffer's room is written again through a 64 KiB chunk that is moved into the buffer
    /// each time it fills: values ending on each side of a chunk's end, on a one-byte token or inside a longer one (an
    /// escape), strings longer than a chunk, and many small ones, come out whole, after what a buffer held.
    @Test func writing_aroundEachChunkOfAnOverflowingValue_givesTheWholeValue() {
        var sizes: [Int] = [65536 * 3 + 17]
        for chunkEnd in [65536, 131072] { sizes += Array((chunkEnd - 4)...(chunkEnd + 4)) }
        for size in sizes {
            let plain = String(repeating: "z", count: size - 8)
            let quoted = String(repeating: "q", count: size - 6)
            let word = String(repeating: "w", count: 1022)
            let words = size / 1025
            let cases: [(JSONValue, String)] = [
                (.string(plain + "zzzzzz"), #"""# + plain + #"zzzzzz""#),
                (.array([.string(quoted + #"\"#)]), #"[""# + quoted + #"\\"]"#),
                (.object([("k", .string(plain))]), #"{"k":""# + plain + #""}"#),
                (.array(Array(repeating: .string(word), count: words)), "[" + Array(repeating: #"""# + word + #"""#, count: words).joined(separator: ",") + "]"),
            ]
            for (value, expected) in cases {
                var fresh = ByteBuffer()
                value.write(to: &fresh)
                #expect(String(buffer: fresh) == expected)
                var roomy = ByteBuffer(string: "head:")
                roomy.reserveCapacity(3000)
                value.write(to: &roomy)
                #expect(String(buffer: roomy) == "head:" + expected)
            }
        }
    }

    /// A list of resources that write themselves reads as the array of the same values, below the buffer's room, across
    /// it, and many times over it.
    @Test func lists_readAsArrays_atEverySize() {
        for count in [0, 1, 2, 30, 31, 32, 33, 1000] {
            let values = (0..<count).map { JSONValue.object([("n", .int(Int64($0))), ("s", .string("session \"\($0)\""))]) }
            #expect(JSONList(elements: values).text == JSONValue.array(values).text)
            var roomy = ByteBuffer(string: "head:")
            roomy.reserveCapacity(4096)
            JSONList(elements: values).write(to: &roomy)
            #expect(String(buffer: roomy) == "head:" + JSONValue.array(values).text)
        }
        #expect(JSONList(elements: [JSONValue.int(1), .int(2)]).text == "[1,2]")
    }

    /// `write` appends after whatever the buffer already holds.
    @Test func writing_appendsToTheBuffer_emptyAndLargeValuesAlike() {
        #expect(JSONValue.object([]).text == "{}")
        #expect(JSONValue.array([]).text == "[]")
        var buffer = ByteBuffer(string: "head:")
        let items = (0..<10_000).map { "item \($0) \"q\"" }
        JSONValue.array(items.map(JSONValue.string)).write(to: &buffer)
        let expected = "head:[" + items.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }.joined(separator: ",") + "]"
        #expect(String(buffer: buffer) == expected)
    }

    /// Strings are scanned eight bytes at a time: an escape is found wherever it falls in a long string.
    @Test func escapes_areFound_atEveryPositionOfALongString() {
        let escapes: [(Character, String)] = [("\"", #"\""#), ("\\", #"\\"#), ("\n", #"\n"#), ("\u{01}", #"\u0001"#), ("\u{1F}", #"\u001f"#)]
        for (character, escaped) in escapes {
            for position in 0..<40 {
                var text = String(repeating: "x", count: 40)
                text.replaceSubrange(text.index(text.startIndex, offsetBy: position)...text.index(text.startIndex, offsetBy: position), with: String(character))
                let expected = String(repeating: "x", count: position) + escaped + String(repeating: "x", count: 39 - position)
                #expect(JSONValue.string(text).text == "\"" + expected + "\"")
            }
        }
        // Bytes just above the control range, and non-ASCII, pass through.
        #expect(JSONValue.string(" !#[]~\u{7F}é  àéîõü 😀 !#[]~").text == "\" !#[]~\u{7F}é  àéîõü 😀 !#[]~\"")
    }
}
