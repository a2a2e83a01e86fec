import Hummingbird

/// The restore-session family under `/v8`, `/v7` and `/v6`: the same store and services as v3, with each
/// version's shapes and status codes. Paths match case-insensitively; a known path with another method is 405.
enum V8Router {
    /// Registers the routes; returns the served ones (full path, method), without the 405 fallbacks.
    @discardableResult
    static func register(on router: RouteTable, env: APIEnvironment, version: APIVersion) -> [ServedRoute] {
        let token = V8TokenController(auth: env.auth, version: version)
        let instance = V8ServiceInstanceController(env: env)
        let organizations = V8OrganizationsController(env: env, version: version)
        let sessions = V8RestoreSessionsController(env: env, version: version)
        let exchange = V8ExchangeController(env: env, version: version)

        let open = router.group(version.rawValue)
        let protected = router.group(version.rawValue).add(middleware: BearerAuthMiddleware(auth: env.auth))

        let session = "RestoreSessions/:restoreSessionId"
        let mailbox = "\(session)/organization/mailboxes/:mailboxId"
        var routes: [(path: String, method: HTTPRequest.Method, handler: ServedRoute.Handler, authenticated: Bool)] = [
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
        let actions = V8ExchangeActionsController(env: env, version: version)
        let organization = "\(session)/organization"
        let scopes: [(path: String, scope: V8ExchangeActionsController.Scope)] = [
            (organization, .organization), (mailbox, .mailbox), ("\(mailbox)/folders/:folderId", .folder),
            ("\(mailbox)/items", .items), ("\(mailbox)/items/:itemId", .item),
        ]
        for (path, scope) in scopes {
            routes.append(("\(path)/exportToPst", .post, actions.handler(.unsupported("exporting to PST"), on: scope), true))
            routes.append(("\(path)/exportToMbox", .post, actions.handler(.exportToMbox, on: scope), true))
            guard scope != .organization else { continue }
            routes.append(("\(path)/restore", .post, actions.handler(.restore, on: scope), true))
            routes.append(("\(path)/restoreTo", .post, actions.handler(.restoreTo, on: scope), true))
            guard scope == .items || scope == .item else { continue }
            routes.append(("\(path)/saveToEml", .post, actions.handler(.saveToEml, on: scope), true))
            routes.append(("\(path)/save", .post, actions.handler(.unsupported("saving to MSG"), on: scope), true))
            routes.append(("\(path)/sendToDefaultAddress", .post, actions.handler(.unsupported("sending items by e-mail"), on: scope), true))
            routes.append(("\(path)/sendToDifferentAddress", .post, actions.handler(.unsupported("sending items by e-mail"), on: scope), true))
        }
        if version != .v6 { routes.append(("token/logout", .post, token.logout, true)) }
        if version == .v8 { routes.append(("\(session)/Statistics", .get, sessions.statistics, true)) }
        return ServedRoute.register(routes, open: open, protected: protected, under: "/\(version.rawValue)")
    }
}
