import Hummingbird

/// `offset`/`limit` query parameters and the page envelope of v3 collections.
struct V3Paging: Sendable {
    static let defaultLimit = 30
    static let maxLimit = 10_000

    let offset: Int
    let limit: Int

    /// Reads the parameters; 400 for anything but whole numbers in range.
    init(request: Request) throws {
        offset = try Self.read("offset", from: request, default: 0, range: 0...Int(Int32.max))
        limit = try Self.read("limit", from: request, default: Self.defaultLimit, range: 1...Self.maxLimit)
    }

    private static func read(_ name: String, from request: Request, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let raw = QueryParameter.value(name, in: request) else { return value }
        guard let number = Int(String(raw)), range.contains(number) else {
            throw APIError.badRequest("The value '\(raw)' is not valid for \(name): use a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return number
    }

    /// `{"offset", "limit", "results", "_links"}`; the links (first, prev, self, next) appear only when there is
    /// another page to go to. `path` is the collection's path below `/v3/`, `query` any filter (`folderId=…&`).
    func page(results: [JSONValue], hasNext: Bool, path: String, query: String = "", links: some LinkBuilder) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("offset", .int(Int64(offset))), ("limit", .int(Int64(limit))), ("results", .array(results))]
        let hasPrevious = offset > 0
        if hasPrevious || hasNext {
            func link(_ offset: Int) -> JSONValue { links.href("\(path)?\(query)offset=\(offset)&limit=\(limit)") }
            var rels: [(String, JSONValue)] = [("first", link(0))]
            if hasPrevious { rels.append(("prev", link(max(0, offset - limit)))) }
            rels.append(("self", link(offset)))
            if hasNext { rels.append(("next", link(offset + limit))) }
            pairs.append(("_links", .object(rels)))
        }
        return .object(pairs)
    }
}
