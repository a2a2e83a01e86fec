import Foundation
import HummingbirdTesting
import Testing

@Suite struct OrganizationsTests {
    @Test func list_isBareArrayWithLinks() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let response = try await client.get("/v3/Organizations", token: try await client.token())
            #expect(response.status == .ok)
            #expect(response.text == """
                [{"type":"Office365","region":"Worldwide","isExchangeOnline":true,"isSharePointOnline":false,\
                "id":"7b2b1ae1-7bbb-4651-b479-bda7edc7838b","name":"contoso.onmicrosoft.com","isBackedup":false,\
                "_links":{"self":{"href":"http://localhost/v3/Organizations/7b2b1ae1-7bbb-4651-b479-bda7edc7838b"}},\
                "_actions":{}}]
                """)
        }
    }

    @Test func get_byIdInAnyCase() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let token = try await client.token()
            let response = try await client.get("/V3/organizations/7B2B1AE1-7BBB-4651-B479-BDA7EDC7838B", token: token)
            #expect(response.status == .ok)
            #expect(try response.jsonObject()["name"] as? String == "contoso.onmicrosoft.com")
        }
    }

    @Test func unknownId_is404_nonGuid_is400() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            let token = try await client.token()
            let unknown = try await client.get("/v3/Organizations/00000000-0000-0000-0000-000000000000", token: token)
            #expect(unknown.status == .notFound)
            #expect(unknown.message == "Organization with ID '00000000-0000-0000-0000-000000000000' was not found.")
            let bad = try await client.get("/v3/Organizations/contoso", token: token)
            #expect(bad.status == .badRequest)
            #expect(bad.message?.contains("not a valid GUID") == true)
            // A route word in an id's place is the id, in the client's spelling (routes match in any case).
            let word = try await client.get("/v3/Organizations/Action", token: token)
            #expect(word.status == .badRequest)
            #expect(word.message == "The request is invalid: 'Action' is not a valid GUID.")
        }
    }
}
