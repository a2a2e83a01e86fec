import Hummingbird
import HummingbirdTesting
import Testing

@testable import RecallDemo
@testable import RecallHTTP

/// `RouteTable` must route exactly as Hummingbird's router with `.caseInsensitive` did: same endpoint, same
/// parameters, same 404s, for every route Recall serves and for paths around them.
struct RouteTableTests {
    /// Answers `<endpoint path> <parameters>` for whatever it matched.
    static let echo: RouteTable.Handler = { _, context in
        // Hummingbird's router fills `parameters`, `RouteTable` `pathParameters`: whichever routed, one is empty.
        let captures = context.parameters.map { "\($0.key)=\($0.value)" } + context.pathParameters.all.map { "\($0.name)=\($0.value)" }
        let parameters = captures.sorted().joined(separator: ",")
        return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "\(context.endpointPath ?? "-") \(parameters)")))
    }

    @Test func routesAsHummingbirdsCaseInsensitiveRouterDid() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        let served = RouteTable()
        RecallServer.register(on: served, env: recall.env)
        OperationalRoutes.register(on: served, env: recall.env)
        let routes = served.routes.map { line in line.split(separator: " ").map(String.init) }
        #expect(routes.count > 400)

        let table = RouteTable()
        let reference = Router(context: RecallRequestContext.self, options: [.caseInsensitive])
        for route in routes {
            // `{name}` back to `:name`, words in the spelling the API documents would not matter: both fold case.
            let pattern = route[1].split(separator: "/").map { $0.hasPrefix("{") ? ":\($0.dropFirst().dropLast())" : String($0) }.joined(separator: "/")
            table.on(pattern, method: HTTPRequest.Method(route[0])!, use: Self.echo)
            reference.on(RouterPath(pattern), method: HTTPRequest.Method(route[0])!, use: Self.echo)
        }

        var generator = SplitMix64(seed: 7)
        var paths: [(HTTPRequest.Method, String)] = []
        for path in Set(routes.map { $0[1] }).sorted() {
            let segments = path.split(separator: "/")
            for values in [["0f8fa3a1-9f6b-4a53-9d4e-93b2a04f6a11"], ["Events", "ACTION", "x%2Fy"]] {
                let concrete = segments.enumerated().map { index, segment in
                    segment.hasPrefix("{") ? values[index % values.count] : String(segment)
                }
                let mixed = concrete.map { word in String(word.map { generator.next() % 2 == 0 ? Character($0.uppercased()) : $0 }) }
                for method in [HTTPRequest.Method.get, .post, .head, .delete] {
                    paths.append((method, "/" + concrete.joined(separator: "/")))
                    paths.append((method, "/" + mixed.joined(separator: "/")))
                    paths.append((method, "//" + mixed.joined(separator: "//") + "/"))
                    paths.append((method, "/" + concrete.joined(separator: "/") + "/Nowhere"))
                }
            }
        }
        paths += [(.get, "/"), (.get, ""), (.get, "/V3"), (.get, "/v3/"), (.get, "/Ｖ3/Token"), (.get, "/v3/Tokén")]

        let expected = try await Self.answers(reference, paths)
        let answered = try await Self.answers(table, paths)
        #expect(paths.count > 1_500)
        for index in paths.indices where answered[index] != expected[index] {
            Issue.record("\(paths[index].0) \(paths[index].1): \(answered[index]) where Hummingbird gave \(expected[index])")
        }
    }

    /// Status and body of each request, through the router alone.
    static func answers<Builder: HTTPResponderBuilder>(_ router: Builder, _ paths: [(HTTPRequest.Method, String)]) async throws -> [String]
    where Builder.Responder.Context == RecallRequestContext {
        let app = Application(router: router)
        return try await app.test(.router) { client in
            var answers: [String] = []
            for (method, path) in paths {
                let response = try await client.execute(uri: path, method: method)
                answers.append("\(response.status.code) \(String(buffer: response.body))")
            }
            return answers
        }
    }
}
