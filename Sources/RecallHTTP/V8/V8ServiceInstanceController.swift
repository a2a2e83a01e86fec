import Hummingbird

/// `GET /v8/ServiceInstance`: the installation id and product version clients probe to find the served API.
struct V8ServiceInstanceController: Sendable {
    /// The Veeam Backup for Microsoft 365 build whose REST API v8 Recall follows.
    static let productVersion = "8.0.2.159"

    let env: APIEnvironment

    func get(_ request: Request, context: RecallRequestContext) async throws -> Response {
        let id = try await env.installationID()
        return JSONResponse.make(.ok, .object([
            ("installationId", .string(id.uuidString.lowercased())),
            ("version", .string(Self.productVersion)),
        ]))
    }
}
