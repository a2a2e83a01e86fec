import Foundation
import RecallCore
import RecallRestore
import RecallStore

/// Everything a versioned router needs, passed in one value.
public struct APIEnvironment: Sendable {
    public let auth: AuthService
    public let sessions: RestoreSessionService
    public let explorer: ExchangeExplorer
    public let actions: ExchangeActions
    public let organizations: any OrganizationStore
    public let clock: any WallClock
    /// `https` or `http`, for absolute links.
    public let scheme: String
    /// Host used in links when a request carries no usable `Host` header.
    public let fallbackHost: String
    /// `--public-url`: when set, v3 links start with it and ignore the request's `Host`.
    public let publicURL: String?
    /// The id `GET /v8/ServiceInstance` reports, stable for the data dir.
    public let installationID: @Sendable () async throws -> UUID
    /// The server's host name (v6–v8 sessions' `clientHost`).
    public let hostName: String
    /// Request and restore counters, written out by `GET /metrics`.
    public let metrics: ServerMetrics
    /// Running sessions and restore points, read at each scrape (and by `GET /health`).
    public let operationalCounts: @Sendable () async throws -> OperationalCounts
    /// The exports each user has streaming (`--max-exports-per-user`).
    let exports: ExportLimiter

    public init(
        auth: AuthService, sessions: RestoreSessionService, explorer: ExchangeExplorer, actions: ExchangeActions, organizations: any OrganizationStore, clock: any WallClock,
        scheme: String, fallbackHost: String, publicURL: String? = nil, installationID: @escaping @Sendable () async throws -> UUID, hostName: String,
        metrics: ServerMetrics, operationalCounts: @escaping @Sendable () async throws -> OperationalCounts, maxExportsPerUser: Int = 16
    ) {
        self.auth = auth
        self.sessions = sessions
        self.explorer = explorer
        self.actions = actions
        self.organizations = organizations
        self.clock = clock
        self.scheme = scheme
        self.fallbackHost = fallbackHost
        self.publicURL = publicURL
        self.installationID = installationID
        self.hostName = hostName
        self.metrics = metrics
        self.operationalCounts = operationalCounts
        self.exports = ExportLimiter(maxPerUser: maxExportsPerUser)
    }
}
