import Hummingbird

/// Every v3 route. Paths match case-insensitively (`RouteTable`); a known path with another method answers 405.
enum V3Router {
    /// Registers the routes; returns the served ones (path below the root, method), without the 405 fallbacks.
    @discardableResult
    static func register(on router: RouteTable, env: APIEnvironment) -> [ServedRoute] {
        let token = V3TokenController(auth: env.auth)
        let organizations = V3OrganizationsController(env: env)
        let sessions = V3RestoreSessionsController(env: env)
        let exchange = V3ExchangeController(env: env)
        let actions = V3ExchangeActionsController(env: env)

        let open = router.group("v3")
        let protected = router.group("v3").add(middleware: BearerAuthMiddleware(auth: env.auth))

        let routes: [(path: String, method: HTTPRequest.Method, handler: ServedRoute.Handler, authenticated: Bool)] = [
            ("Token", .post, token.token, false),
            ("Organizations", .get, organizations.list, true),
            ("Organizations/:organizationId", .get, organizations.get, true),
            ("Organizations/:organizationId/Action", .post, organizations.action, true),
            ("RestoreSessions", .get, sessions.list, true),
            ("RestoreSessions/:restoreSessionId", .get, sessions.get, true),
            ("RestoreSessions/:restoreSessionId/Action", .post, sessions.action, true),
            ("RestoreSessions/:restoreSessionId/Events", .get, sessions.events, true),
            ("RestoreSessions/:restoreSessionId/Events/:eventId", .get, sessions.event, true),
            ("RestoreSessions/:restoreSessionId/Organization", .get, sessions.organization, true),
            ("RestoreSessions/:restoreSessionId/Organization/Mailboxes", .get, exchange.mailboxes, true),
            ("RestoreSessions/:restoreSessionId/Organization/Mailboxes/:mailboxId", .get, exchange.mailboxByID, true),
            ("RestoreSessions/:restoreSessionId/Organization/Mailboxes/:mailboxId/Folders", .get, exchange.folders, true),
            ("RestoreSessions/:restoreSessionId/Organization/Mailboxes/:mailboxId/Folders/:folderId", .get, exchange.folderByID, true),
            ("RestoreSessions/:restoreSessionId/Organization/Mailboxes/:mailboxId/Items", .get, exchange.items, true),
            ("RestoreSessions/:restoreSessionId/Organization/Mailboxes/:mailboxId/Items/:itemId", .get, exchange.itemByID, true),
            ("RestoreSessions/:restoreSessionId/Organization/Action", .post, actions.organization, true),
            ("RestoreSessions/:restoreSessionId/Organization/Mailboxes/:mailboxId/Action", .post, actions.mailbox, true),
            ("RestoreSessions/:restoreSessionId/Organization/Mailboxes/:mailboxId/Folders/:folderId/Action", .post, actions.folder, true),
            ("RestoreSessions/:restoreSessionId/Organization/Mailboxes/:mailboxId/Items/Action", .post, actions.items, true),
            ("RestoreSessions/:restoreSessionId/Organization/Mailboxes/:mailboxId/Items/:itemId/Action", .post, actions.item, true),
        ]
        return ServedRoute.register(routes, open: open, protected: protected, under: "/v3")
    }
}
