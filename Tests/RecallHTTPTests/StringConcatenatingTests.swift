import Testing

@testable import RecallHTTP

struct StringConcatenatingTests {
    /// The parts come out whole and in order, whether empty, small enough to live inside the String value, long, or
    /// not ASCII, and the result is an ordinary String (its count in Characters right, equal to `+` of the parts).
    @Test func parts_areJoinedInOrder_whateverTheirSizeAndScript() {
        let long = String(repeating: "https://support.east.local:4443/v3/", count: 5)
        let joined: [(String, [String])] = [
            (String(concatenating: ""), [""]),
            (String(concatenating: "", "", ""), ["", "", ""]),
            (String(concatenating: "a", "", "b"), ["a", "", "b"]),
            (String(concatenating: long), [long]),
            (String(concatenating: long, "/", "restoresessions/", long), [long, "/", "restoresessions/", long]),
            (String(concatenating: "Ünïcödé ", "😀", " mail/", "日本語"), ["Ünïcödé ", "😀", " mail/", "日本語"]),
            (String(concatenating: "short", long, "x"), ["short", long, "x"]),
        ]
        for (result, parts) in joined {
            #expect(result == parts.joined())
            #expect(result.count == parts.reduce(0) { $0 + $1.count })
            #expect(result.utf8.count == parts.reduce(0) { $0 + $1.utf8.count })
        }
        #expect(String(concatenating: "a", "b", "c") == "abc")
        #expect(String(concatenating: "😀", "😀").count == 2)
    }
}
