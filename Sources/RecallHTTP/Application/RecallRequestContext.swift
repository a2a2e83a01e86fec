import Hummingbird
import NIOCore
import RecallCore

/// Per-request state: Hummingbird's core storage plus the authenticated user.
public struct RecallRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `BearerAuthMiddleware` on protected routes.
    public var user: User?
    /// The bearer token the user authenticated with (for logout).
    var bearerToken: String?
    /// The `:name` segments of the matched route (set by `RouteTableResponder`).
    public var pathParameters = PathParameters()
    /// The connection, for `remoteAddress` and for closing a stopped session's export.
    let channel: any Channel

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.user = nil
        self.bearerToken = nil
        self.channel = source.channel
    }

    /// The client's IP address, when the connection has one (the token endpoint's throttle keys on it). Read when
    /// asked, since most requests never need it formatted.
    var remoteAddress: String? { channel.remoteAddress?.ipAddress }

    /// Bodies over 1 MiB are refused with 413.
    public var maxUploadSize: Int { 1 << 20 }

    /// The authenticated user; only called on routes behind the auth middleware.
    func requireUser() throws -> User {
        guard let user else { throw APIError.unauthorized }
        return user
    }
}
