import Foundation

/// What the running service reports about itself: its installation's identity (`GET /v8/ServiceInstance`) and the
/// counts `/health` and `/metrics` read at each call.
public protocol ServiceStore: Sendable {
    /// This data dir's identifier, made when it was first opened and kept for good.
    func installationID() async throws -> UUID
    /// Running sessions and restore points.
    func operationalCounts() async throws -> OperationalCounts
}
