import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import RecallCore
import RecallRestore
import RecallStore
import ServiceLifecycle

/// How `recall serve` listens and behaves.
public struct ServerSettings: Sendable {
    public var dataDirectory: URL
    public var bindAddress: String = "127.0.0.1"
    public var port: Int = 4443
    /// nil serves plain HTTP (`--no-tls`).
    public var tls: TLSIdentity?
    public var tokenLifetime: Int64 = 3600
    public var sessionIdleTimeout: Int64 = 1800
    /// Seconds a connection may take to deliver a whole request once the server waits for one (slowloris guard).
    public var requestReadTimeout: Int64 = 30
    /// Seconds an idle keep-alive connection stays open.
    public var connectionIdleTimeout: Int64 = 120
    /// Exports and saves one user may stream at once; more answer 429.
    public var maxExportsPerUser = 16
    /// Open connections one client address may hold; more are closed as soon as they are accepted.
    public var maxConnectionsPerAddress = 256
    /// Seconds a new connection may take to send its first request head before it is closed.
    public var firstRequestTimeout: Int64 = 10
    /// Seconds a response may wait on a client that takes none of its bytes before the connection is closed.
    public var writeTimeout: Int64 = 30
    /// `https://host:port` that v3 links carry instead of the request's `Host` (`--public-url`); nil echoes `Host`.
    public var publicURL: String?

    public init(dataDirectory: URL) {
        self.dataDirectory = dataDirectory
    }

    /// Host used in links when a request has no usable `Host` header.
    var fallbackHost: String {
        let host = bindAddress.contains(":") ? "[\(bindAddress)]" : bindAddress
        return "\(host):\(port)"
    }
}

/// Builds the pieces of a running Recall over one store; used by `recall serve` and by the tests alike.
public enum RecallServer {
    /// The services of the API over `store`, with the given clock, id source and password hasher.
    public static func environment(
        store: any ServerStore, settings: ServerSettings, clock: any WallClock = SystemClock(),
        ids: any IDGenerator = RandomIDGenerator(), hasher: any PasswordHasher = BcryptPasswordHasher()
    ) -> APIEnvironment {
        let metrics = ServerMetrics()
        let auth = AuthService(users: store, tokens: store, hasher: hasher, clock: clock, accessLifetime: settings.tokenLifetime)
        // Sessions are cached in memory, written through; `recall serve` holds `serve.lock`, so it is the only writer.
        let sessions = RestoreSessionService(
            sessions: CachedRestoreSessionStore(store), organizations: store, clock: clock, ids: ids, idleTimeout: settings.sessionIdleTimeout,
            activity: metrics
        )
        return APIEnvironment(
            auth: auth, sessions: sessions, explorer: ExchangeExplorer(sessions: sessions, store: store),
            actions: ExchangeActions(sessions: sessions, store: store, clock: clock, ids: ids), organizations: store, clock: clock,
            scheme: settings.tls == nil ? "http" : "https", fallbackHost: settings.fallbackHost, publicURL: settings.publicURL,
            installationID: { try await store.installationID() }, hostName: ProcessInfo.processInfo.hostName,
            metrics: metrics, operationalCounts: { try await store.operationalCounts() }, maxExportsPerUser: settings.maxExportsPerUser
        )
    }

    /// The routes of every API version, the OpenAPI documents, `/health` and `/metrics`, behind the request
    /// telemetry (access log and metrics) and the error middleware; paths match in any case (`RouteTable`).
    static func router(env: APIEnvironment) -> RouteTable {
        let router = RouteTable()
        router.add(middleware: RequestTelemetry(metrics: env.metrics))
        router.add(middleware: ErrorMiddleware())
        register(on: router, env: env)
        OperationalRoutes.register(on: router, env: env)
        return router
    }

    /// Every version's routes and `GET /swagger/docs/{version}`; returns the API routes served.
    @discardableResult
    static func register(on router: RouteTable, env: APIEnvironment) -> [ServedRoute] {
        var served = V3Router.register(on: router, env: env)
        for version in [APIVersion.v6, .v7, .v8] { served += V8Router.register(on: router, env: env, version: version) }
        router.get("swagger/docs/:version") { _, context -> Response in
            guard let document = OpenAPIDocuments.document(for: (context.pathParameters.get("version") ?? "").lowercased()) else {
                throw APIError.notFound("No HTTP resource was found that matches the request URI.")
            }
            var buffer = ByteBuffer()
            buffer.writeString(document)
            return Response(
                status: .ok, headers: [.contentType: JSONResponse.contentType, .contentLength: String(buffer.readableBytes)],
                body: .init(byteBuffer: buffer)
            )
        }
        return served
    }

    /// The whole application: router, TLS or not, the idle-session sweeper and the expired-token sweeper.
    public static func application(
        env: APIEnvironment, settings: ServerSettings, logger: Logger, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let sweepInterval = Duration.seconds(max(1, min(60, settings.sessionIdleTimeout / 4)))
        let reaper = IdleSessionReaper(service: env.sessions, interval: sweepInterval, logger: logger)
        let readTimeout = TimeAmount.seconds(settings.requestReadTimeout)
        let connections = ConnectionsPerAddress(limit: settings.maxConnectionsPerAddress)
        let (firstRequestTimeout, writeTimeout) = (TimeAmount.seconds(settings.firstRequestTimeout), TimeAmount.seconds(settings.writeTimeout))
        // Header limits well above any real client's (a bearer token is < 100 bytes) and far below the 80 KiB default.
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: [RequestReadTimeout(timeout: readTimeout)]
                + ConnectionGuard.handlers(connections: connections, firstRequestTimeout: firstRequestTimeout, writeTimeout: writeTimeout),
            idleTimeout: .seconds(settings.connectionIdleTimeout),
            httpDecoderConfiguration: .init(maxHeaderFieldSize: 16 * 1024, maxHeaderListSize: 32 * 1024, maxHeaderFieldCount: 100)
        )
        let server: HTTPServerBuilder = if let tls = settings.tls {
            try .tls(.http1(configuration: http1), tlsConfiguration: tls.serverConfiguration())
        } else {
            .http1(configuration: http1)
        }
        return Application(
            router: router(env: env),
            server: server,
            configuration: .init(address: .hostname(settings.bindAddress, port: settings.port), serverName: "Recall"),
            services: [ReaperService(reaper: reaper), ExpiredTokenSweeper(auth: env.auth, interval: .seconds(3600), logger: logger)],
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? settings.port) },
            logger: logger
        )
    }
}

/// Runs the idle-session sweeper until graceful shutdown.
struct ReaperService: Service {
    let reaper: IdleSessionReaper

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await reaper.run()
        }
    }
}
