import Foundation
import HummingbirdTesting
@testable import RecallHTTP
import Testing

/// Request bodies that broke the body decoders, found while writing the FuzzActionBody target (Fuzz/); each once a bug.
@Suite struct FuzzRegressionTests {
    /// `a.a.a.…=1`: one form key per nesting level, recursed into, so a 200 KB body overflowed the stack and took the
    /// whole server down, through `/v3/Token` without any credentials. Keys now nest at most 64 deep, as JSON does.
    @Test func aDeeplyNestedFormKey_isABadRequest_notAStackOverflow() async throws {
        let deep = String(repeating: "a.", count: 500_000) + "a=1"  // 1 000 003 bytes, under the 1 MiB limit
        #expect(throws: FormParser.Failure.self) { try FormParser.parse(Array(deep.utf8)) }
        let levels64 = String(repeating: "a.", count: 63) + "a=1"
        var value = try FormParser.parse(Array(levels64.utf8))
        for _ in 0..<64 { value = try #require(value["a"]) }
        #expect(value == .string("1"))

        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let response = try await client.form("/v3/Token", "grant_type=password&username=admin&password=secret&" + deep)
            #expect(response.status == .badRequest)
            #expect(try response.jsonObject()["error"] as? String == "invalid_request")
            #expect(try await client.form("/v3/Token", "grant_type=password&username=admin&password=secret").status == .ok)
        }
    }

    /// `x.k1=&x.k2=&…`: every key rebuilt the dictionaries along its path, so many keys under one parent took
    /// quadratic time (80 000 of them, 870 KB, kept a core busy for four minutes). Now linear.
    @Test func manyFormKeysUnderOneParent_parseInLinearTime() throws {
        var body = ""
        for i in 0..<40_000 { body += "x.k\(i)=\(i)&" }
        let start = Date()
        let value = try FormParser.parse(Array(body.utf8))
        #expect(Date().timeIntervalSince(start) < 30)
        #expect(value["x"]?.members?.count == 40_000)
        #expect(value["x"]?["k39999"] == .string("39999"))
    }

    /// What the rewrite keeps: the first value of a key wins, a key with members is an object, an empty value is null,
    /// `a[b]` is `a.b`, keys are lower-cased.
    @Test func formNesting_keepsItsRules() throws {
        let value = try FormParser.parse(Array("A=1&a=2&a.B=3&c.d=4&c=5&e=&f[g][h]=6&f.g.i=7".utf8))
        #expect(value == .object([
            "a": .object(["b": .string("3")]),
            "c": .object(["d": .string("4")]),
            "e": .null,
            "f": .object(["g": .object(["h": .string("6"), "i": .string("7")])]),
        ]))
    }
}
