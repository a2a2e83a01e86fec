import Foundation
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct ErrorShapeTests {
    @Test func unknownRoute_is404InAPIShape() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let response = try await client.get("/v3/Nothing/Here", token: nil)
            #expect(response.status == .notFound)
            #expect(response.message == "No HTTP resource was found that matches the request URI.")
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
        }
    }

    @Test func wrongMethod_is405() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let delete = try await client.execute(uri: "/v3/RestoreSessions", method: .delete, headers: [:], body: nil)
            #expect(delete.status == .methodNotAllowed)
            #expect(delete.message == "The requested resource does not support this HTTP method.")
            let getToken = try await client.get("/v3/Token", token: nil)
            #expect(getToken.status == .methodNotAllowed)
        }
    }

    @Test func nonGuidSessionId_is400_unknownIs404() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let token = try await client.token()
            for path in ["/v3/RestoreSessions/not-a-guid", "/v3/RestoreSessions/123/Events", "/v3/RestoreSessions/x/Organization"] {
                let response = try await client.get(path, token: token)
                #expect(response.status == .badRequest, "\(path)")
            }
            let unknown = try await client.get("/v3/RestoreSessions/\(UUID().uuidString)", token: token)
            #expect(unknown.status == .notFound)
            #expect(unknown.message?.hasPrefix("Restore session with ID") == true)
            let stopUnknown = try await client.post("/v3/RestoreSessions/\(UUID().uuidString)/Action", token: token, json: #"{"stop":null}"#)
            #expect(stopUnknown.status == .notFound)
        }
    }
}
