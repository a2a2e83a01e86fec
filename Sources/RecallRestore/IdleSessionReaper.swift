import Logging
import RecallCore

/// Stops idle sessions on a timer while the server runs.
public struct IdleSessionReaper: Sendable {
    let service: RestoreSessionService
    let interval: Duration
    let logger: Logger

    public init(service: RestoreSessionService, interval: Duration, logger: Logger) {
        self.service = service
        self.interval = interval
        self.logger = logger
    }

    /// Sweeps once at start (finishing stops a crash interrupted), then every `interval`, until cancelled.
    public func run() async {
        while !Task.isCancelled {
            do {
                try await service.stopIdleSessions(logger: logger)
            } catch {
                logger.error("Idle-session sweep failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
    }
}
