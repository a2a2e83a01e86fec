import Hummingbird

/// One operation a router serves: its full path as registered (`/v8/RestoreSessions/:restoreSessionId`) and method.
struct ServedRoute: Hashable, Sendable {
    typealias Handler = @Sendable (Request, RecallRequestContext) async throws -> Response

    let path: String
    let method: HTTPRequest.Method

    /// Registers a version's routes on its two groups (token endpoints open, the rest behind the bearer check) and,
    /// for every other method on a known path, a 405; returns the served routes with their full paths.
    static func register(
        _ routes: [(path: String, method: HTTPRequest.Method, handler: Handler, authenticated: Bool)],
        open: RouteGroup, protected: RouteGroup, under prefix: String
    ) -> [ServedRoute] {
        for route in routes {
            (route.authenticated ? protected : open).on(route.path, method: route.method, use: route.handler)
        }
        let methods: [HTTPRequest.Method] = [.get, .post, .put, .delete, .patch, .options, .trace]
        for path in Set(routes.map(\.path)) {
            let served = routes.filter { $0.path == path }.map(\.method)
            let refusal = APIError(
                .methodNotAllowed, message: APIError.methodNotAllowed.message,
                headers: [.allow: served.map(\.rawValue).sorted().joined(separator: ", ")]
            )
            for method in methods where !served.contains(method) {
                open.on(path, method: method) { _, _ -> Response in throw refusal }
            }
        }
        return routes.map { ServedRoute(path: "\(prefix)/\($0.path)", method: $0.method) }
    }
}
