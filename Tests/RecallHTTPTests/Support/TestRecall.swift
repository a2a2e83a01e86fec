import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
@testable import RecallCore
@testable import RecallHTTP
import RecallStore
import Testing

/// A Recall over a fresh temporary data dir, a manual clock and predictable ids, with user `admin`/`secret`,
/// user `other`/`secret2` and organization `contoso.onmicrosoft.com`.
final class TestRecall: Sendable {
    static let start = Timestamp(ticks: CivilTime(year: 2019, month: 5, day: 29, hour: 10).timestamp.ticks + 1_234_567)
    static let host = "localhost"

    let directory: URL
    let clock: ManualClock
    let ids: SequentialIDGenerator
    let store: SQLiteStore
    let env: APIEnvironment
    let settings: ServerSettings
    let organization: Organization

    /// A new Recall; pass `directory` to reopen an existing data dir (a restart).
    init(
        directory: URL? = nil, clock: ManualClock = ManualClock(TestRecall.start), idleTimeout: Int64 = 1800, tls: Bool = false,
        requestReadTimeout: Int64 = 30, configure: (inout ServerSettings) -> Void = { _ in }
    ) async throws {
        let directory = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("recall-test-\(UUID().uuidString)")
        self.directory = directory
        self.clock = clock
        self.ids = SequentialIDGenerator()
        self.store = try SQLiteStore(directory: directory)
        var settings = ServerSettings(dataDirectory: directory)
        settings.port = 0
        settings.sessionIdleTimeout = idleTimeout
        settings.requestReadTimeout = requestReadTimeout
        if tls { settings.tls = try TLSIdentity.selfSigned(in: directory) }
        configure(&settings)
        self.settings = settings
        self.env = RecallServer.environment(store: store, settings: settings, clock: clock, ids: ids, hasher: BcryptPasswordHasher(cost: 4))
        if let existing = try await store.organization(named: "contoso.onmicrosoft.com") {
            organization = existing
        } else {
            let hasher = BcryptPasswordHasher(cost: 4)
            try await store.insert(User(id: Identifier(UUID()), name: "admin", passwordHash: try await hasher.hash("secret"), createdAt: clock.now()))
            try await store.insert(User(id: Identifier(UUID()), name: "other", passwordHash: try await hasher.hash("secret2"), createdAt: clock.now()))
            organization = Organization(id: Identifier(UUID(uuidString: "7b2b1ae1-7bbb-4651-b479-bda7edc7838b")!), name: "contoso.onmicrosoft.com", createdAt: clock.now())
            try await store.insert(organization)
        }
    }

    /// The application, logging warnings and worse (not one access line per request) unless given a logger.
    func application(logger: Logger? = nil) throws -> some ApplicationProtocol {
        var quiet = Logger(label: "test")
        quiet.logLevel = .warning
        return try RecallServer.application(env: env, settings: settings, logger: logger ?? quiet)
    }

    /// Runs `body` against the router in-process.
    func withClient<T>(
        _ setup: TestingSetup = .router, logger: Logger? = nil, _ body: @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        try await application(logger: logger).test(setup, body)
    }

    func close() throws {
        try store.close()
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Request helpers shared by the API tests.
extension TestClientProtocol {
    /// Logs in with the password grant and returns the parsed token response.
    func login(_ user: String = "admin", _ password: String = "secret") async throws -> [String: Any] {
        let response = try await form("/v3/Token", "grant_type=password&username=\(user)&password=\(password)")
        #expect(response.status == .ok)
        return try response.jsonObject()
    }

    func token(_ user: String = "admin", _ password: String = "secret") async throws -> String {
        try await login(user, password)["access_token"] as! String
    }

    func form(_ uri: String, _ body: String) async throws -> TestResponse {
        try await execute(
            uri: uri, method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body)
        )
    }

    func get(_ uri: String, token: String?) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await execute(uri: uri, method: .get, headers: headers)
    }

    func post(_ uri: String, token: String?, json: String, contentType: String = "application/json") async throws -> TestResponse {
        try await post(uri, token: token, bytes: Array(json.utf8), contentType: contentType)
    }

    func post(_ uri: String, token: String?, bytes: [UInt8], contentType: String = "application/json") async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: contentType]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
    }

    /// Starts a session on the test organization and returns its id.
    func explore(token: String, body: String = #"{"explore": {"datetime": "2019.05.29 10:00:00", "type": "vex"}}"#) async throws -> String {
        let response = try await post("/v3/Organizations/7b2b1ae1-7bbb-4651-b479-bda7edc7838b/Action", token: token, json: body)
        #expect(response.status == .created)
        return try response.jsonObject()["id"] as! String
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func jsonObject() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    func jsonArray() throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] ?? []
    }

    /// The `message` of an error body.
    var message: String? { (try? jsonObject())?["message"] as? String }
}
