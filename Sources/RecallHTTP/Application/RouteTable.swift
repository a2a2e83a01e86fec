import Hummingbird

/// Recall's routes. Path words match in any (ASCII) case, as on the real server, and `:name` segments capture.
///
/// Hummingbird's router does the same with its `.caseInsensitive` option, but compares a request's segments with
/// each candidate by lower-casing `Character`s one at a time, over the 100+ routes of four API versions. Here the path's bytes are compared with a node's few words, folding ASCII capitals
/// on the way, without a String per segment. What a handler sees is what Hummingbird's router gave it: the captures
/// (in `pathParameters`, not Hummingbird's `parameters`: see `PathParameters`), and `endpointPath` (the route in
/// lower case, `/v3/restoresessions/{restoreSessionId}`, which labels the metrics).
/// `RouteTableTests` checks that both route every served path alike.
final class RouteTable: HTTPResponderBuilder {
    typealias Context = RecallRequestContext
    typealias Middleware = any MiddlewareProtocol<Request, Response, Context>
    typealias Handler = @Sendable (Request, Context) async throws -> Response

    private var root = RouteNode()
    private var middlewares: [Middleware] = []

    /// Puts `middleware` in front of the routes registered after this call, and of the not-found answer.
    @discardableResult
    func add(middleware: Middleware) -> Self {
        middlewares.append(middleware)
        return self
    }

    /// Routes below `prefix` (`v3`), with middleware of their own.
    func group(_ prefix: String) -> RouteGroup {
        RouteGroup(table: self, prefix: prefix, middlewares: [])
    }

    func get(_ path: String, use handler: @escaping Handler) {
        on(path, method: .get, use: handler)
    }

    func on(_ path: String, method: HTTPRequest.Method, use handler: @escaping Handler) {
        on(path, method: method, middlewares: [], use: handler)
    }

    /// Every route as `METHOD /path` with `{name}` captures, sorted (for tests and documentation checks).
    var routes: [String] {
        root.endpoints.flatMap { endpoint in endpoint.responders.keys.map { "\($0.rawValue) \(endpoint.path)" } }.sorted()
    }

    fileprivate func on(_ path: String, method: HTTPRequest.Method, middlewares inner: [Middleware], use handler: @escaping Handler) {
        let segments = RouteSegment.parse(path)
        let label = "/" + segments.map(\.description).joined(separator: "/")
        let responder = Self.chain(middlewares + inner, to: CallbackResponder(callback: handler))
        root.insert(segments[...], label: label) { endpoint in
            precondition(endpoint.responders[method] == nil, "\(method) \(label) is registered twice")
            endpoint.responders[method] = responder
        }
    }

    func buildResponder() -> RouteTableResponder {
        RouteTableResponder(root: root, notFound: Self.chain(middlewares, to: NotFound()))
    }

    private static func chain(_ middlewares: [Middleware], to last: any HTTPResponder<Context>) -> any HTTPResponder<Context> {
        middlewares.reversed().reduce(last) { next, middleware in MiddlewareLink(middleware: middleware, next: next) }
    }

    /// What a path no route matches gets, as Hummingbird's router answers it: a 404 error, `NotFound` as endpoint.
    private struct NotFound: HTTPResponder {
        func respond(to request: Request, context: Context) async throws -> Response {
            context.coreContext.endpointPath.value = "NotFound"
            throw HTTPError(.notFound)
        }
    }

    private struct MiddlewareLink: HTTPResponder {
        let middleware: Middleware
        let next: any HTTPResponder<Context>

        func respond(to request: Request, context: Context) async throws -> Response {
            try await middleware.handle(request, context: context) { request, context in try await next.respond(to: request, context: context) }
        }
    }
}

/// Routes below a prefix of a `RouteTable`, behind the table's middleware and the group's own.
struct RouteGroup {
    let table: RouteTable
    let prefix: String
    let middlewares: [RouteTable.Middleware]

    func add(middleware: RouteTable.Middleware) -> RouteGroup {
        RouteGroup(table: table, prefix: prefix, middlewares: middlewares + [middleware])
    }

    func on(_ path: String, method: HTTPRequest.Method, use handler: @escaping RouteTable.Handler) {
        table.on("\(prefix)/\(path)", method: method, middlewares: middlewares, use: handler)
    }
}

/// Answers a request with the responder of the route its path and method match.
struct RouteTableResponder: HTTPResponder {
    let root: RouteNode
    let notFound: any HTTPResponder<RecallRequestContext>

    func respond(to request: Request, context: RecallRequestContext) async throws -> Response {
        do {
            var path = request.uri.path
            var captured: [(name: Substring, bytes: Range<Int>)] = []
            guard let endpoint = path.withUTF8({ root.match($0, from: 0, &captured) }), let responder = endpoint.responders[request.method] else {
                return try await notFound.respond(to: request, context: context)
            }
            var context = context
            context.pathParameters = PathParameters(path: path, captures: captured)
            context.coreContext.endpointPath.value = endpoint.path
            return try await responder.respond(to: request, context: context)
        } catch let error as any HTTPResponseError {
            return try error.response(from: request, context: context)
        }
    }
}

/// A segment of a route as registered: a word (kept in lower case) or a `:name` capture.
enum RouteSegment: CustomStringConvertible {
    case word(String)
    case capture(Substring)

    static func parse(_ path: String) -> [RouteSegment] {
        path.split(separator: "/").map { $0.first == ":" ? .capture($0.dropFirst()) : .word($0.lowercased()) }
    }

    var description: String {
        switch self {
        case .word(let word): word
        case .capture(let name): "{\(name)}"
        }
    }
}

/// A node of the route tree: its word children by lower-case word, at most one capture child, and the endpoint
/// of the route that ends here.
struct RouteNode: Sendable {
    struct Capture: Sendable {
        let name: Substring
        var node: RouteNode
    }

    struct Endpoint: Sendable {
        /// The route in lower case with `{name}` captures.
        let path: String
        var responders: [HTTPRequest.Method: any HTTPResponder<RecallRequestContext>] = [:]
    }

    /// Word children: a node has a handful, so comparing bytes beats hashing the segment.
    private var words: [(word: [UInt8], node: RouteNode)] = []
    /// One element at most (an array, for a struct that holds its own type).
    private var captures: [Capture] = []
    private var endpoint: Endpoint?

    mutating func insert(_ segments: ArraySlice<RouteSegment>, label: String, _ update: (inout Endpoint) -> Void) {
        guard let segment = segments.first else {
            var endpoint = self.endpoint ?? Endpoint(path: label)
            update(&endpoint)
            self.endpoint = endpoint
            return
        }
        switch segment {
        case .word(let word):
            let bytes = Array(word.utf8)
            let index = words.firstIndex { $0.word == bytes } ?? words.endIndex
            if index == words.endIndex { words.append((bytes, RouteNode())) }
            words[index].node.insert(segments.dropFirst(), label: label, update)
        case .capture(let name):
            if captures.isEmpty { captures.append(Capture(name: name, node: RouteNode())) }
            precondition(captures[0].name == name, "two names, :\(captures[0].name) and :\(name), capture the segment before \(label)")
            captures[0].node.insert(segments.dropFirst(), label: label, update)
        }
    }

    /// The endpoint the segments of `path` from byte `start` lead to; a word is tried before the capture, and the
    /// capture when the word leads nowhere. Empty segments are skipped (`//v3//Token/` is `/v3/Token`), as in
    /// Hummingbird's router. `captured` gets the captures on the way, as byte ranges of `path`.
    func match(_ path: UnsafeBufferPointer<UInt8>, from start: Int, _ captured: inout [(name: Substring, bytes: Range<Int>)]) -> Endpoint? {
        let slash = UInt8(ascii: "/")
        var start = start
        while start < path.count, path[start] == slash { start += 1 }
        guard start < path.count else { return endpoint }
        var end = start
        while end < path.count, path[end] != slash { end += 1 }
        let segment = UnsafeBufferPointer(rebasing: path[start..<end])
        if let child = words.first(where: { Self.matches($0.word, segment) }), let found = child.node.match(path, from: end, &captured) {
            return found
        }
        guard let capture = captures.first else { return nil }
        captured.append((capture.name, start..<end))
        if let found = capture.node.match(path, from: end, &captured) { return found }
        captured.removeLast()
        return nil
    }

    /// Whether `segment` is `word` (lower case) in any ASCII case.
    private static func matches(_ word: [UInt8], _ segment: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count == segment.count else { return false }
        for index in word.indices {
            let byte = segment[index]
            guard word[index] == ((UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte) else { return false }
        }
        return true
    }

    var endpoints: [Endpoint] {
        (endpoint.map { [$0] } ?? []) + words.flatMap(\.node.endpoints) + captures.flatMap(\.node.endpoints)
    }
}
