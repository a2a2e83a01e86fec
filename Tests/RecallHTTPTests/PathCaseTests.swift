import Hummingbird
import Testing

/// Paths match in any case, as on the real server, while what the client spelt is kept for the handlers.
struct PathCaseTests {
    @Test func routeWordsMatchInAnyCase_andAParameterKeepsTheClientsSpelling() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let token = try await client.token()
            let shouting = try await client.get("/V3/ORGANIZATIONS/7B2B1AE1-7BBB-4651-B479-BDA7EDC7838B", token: token)
            #expect(shouting.status == .ok)
            // "Events" lands in the session id's place: the error names it as sent, not lower-cased.
            let bad = try await client.get("/v3/RestoreSessions/Events", token: token)
            #expect(bad.status == .badRequest)
            #expect(bad.message == "The request is invalid: 'Events' is not a valid GUID.")
        }
    }
}
