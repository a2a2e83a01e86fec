import Hummingbird

/// The restore-session family under `/v8`, `/v7` and `/v6`: the same store and services as v3, with each
/// version's shapes and status codes. Paths match case-insensitively; a known path with another method is 405.
enum V8Router {
    static func register(on router: Router<RecallRequestContext>, env: APIEnvironment, version: APIVersion) {
        let token = V8TokenController(auth: env.auth, version: version)
        let instance = V8ServiceInstanceController(env: env)
        let organizations = V8OrganizationsController(env: env, version: version)
        let sessions = V8RestoreSessionsController(env: env, version: version)
        let exchange = V8ExchangeController(env: env, version: version)

        let open = router.group(RouterPath(version.rawValue))
        let protected = router.group(RouterPath(version.rawValue)).add(middleware: BearerAuthMiddleware(auth: env.auth))

        let session = "RestoreSessions/:restoreSessionId"
        let mailbox = "\(session)/organization/mailboxes/:mailboxId"
        var routes: [(path: String, method: HTTPRequest.Method, handler: V3Router.Handler, authenticated: Bool)] = [
            ("token", .post, token.token, false),
            ("ServiceInstance", .get, instance.get, true),
            ("Organizations", .get, organizations.list, true),
            ("Organizations/:organizationId", .get, organizations.get, true),
            ("Organizations/:organizationId/explore", .post, organizations.explore, true),
            ("RestoreSessions", .get, sessions.list, true),
            (session, .get, sessions.get, true),
            ("\(session)/Stop", .post, sessions.stop, true),
            ("\(session)/Events", .get, sessions.events, true),
            ("\(session)/Events/:eventId", .get, sessions.event, true),
            ("\(session)/organization", .get, sessions.organization, true),
            ("\(session)/organization/mailboxes", .get, exchange.mailboxes, true),
            (mailbox, .get, exchange.mailboxByID, true),
            ("\(mailbox)/folders", .get, exchange.folders, true),
            ("\(mailbox)/folders/:folderId", .get, exchange.folderByID, true),
            ("\(mailbox)/items", .get, exchange.items, true),
            ("\(mailbox)/items/:itemId", .get, exchange.itemByID, true),
        ]
        if version != .v6 { routes.append(("token/logout", .post, token.logout, true)) }
        if version == .v8 { routes.append(("\(session)/Statistics", .get, sessions.statistics, true)) }
        for route in routes {
            (route.authenticated ? protected : open).on(RouterPath(route.path), method: route.method, use: route.handler)
        }
        let methods: [HTTPRequest.Method] = [.get, .post, .put, .delete, .patch]
        for path in Set(routes.map(\.path)) {
            let served = Set(routes.filter { $0.path == path }.map(\.method))
            for method in methods where !served.contains(method) {
                open.on(RouterPath(path), method: method) { _, _ -> Response in throw APIError.methodNotAllowed }
            }
        }
    }
}
