import Logging
import RecallCore
import ServiceLifecycle

/// Deletes expired access and refresh tokens: at start-up, then every `interval` while the server runs. Every login
/// adds two rows and a refresh two more; nothing else removes them once they expire, so the table grew for as long as
/// the data directory lived. A spent refresh token is kept until it expires (a second use of it is how a stolen copy
/// shows itself), so this is what ends it.
struct ExpiredTokenSweeper: Service {
    let auth: AuthService
    let interval: Duration
    let logger: Logger

    /// Deletes what has expired; returns how many tokens went.
    @discardableResult
    func sweep() async throws -> Int {
        try await auth.tokens.deleteExpiredTokens(at: auth.clock.now())
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let deleted = try await sweep()
                    if deleted > 0 { logger.debug("Deleted expired tokens", metadata: ["count": "\(deleted)"]) }
                } catch {
                    logger.error("Expired-token sweep failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
