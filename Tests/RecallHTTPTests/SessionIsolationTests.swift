import Foundation
import Hummingbird
import HummingbirdTesting
@testable import RecallCore
@testable import RecallHTTP
import Testing

/// A user sees and acts only on their own sessions: every session-scoped operation of every version answers 404 to
/// another user and changes nothing, and the same request from the owner is not a 404 (so the 404 came from the
/// ownership check, not from a bad body or path).
@Suite struct SessionIsolationTests {
    struct Call {
        let route: ServedRoute
        let uri: String
        let body: String?
    }

    @Test func everySessionEndpoint_is404ToAnotherUser_andChangesNothing() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try ExploreTests.importHistory(recall)
        let target = recall.directory.appendingPathComponent("restored")
        try await recall.store.setRestoreTarget(organizationID: recall.organization.id, maildirRoot: target.path)
        let router = RouteTable()
        let routes = RecallServer.register(on: router, env: recall.env).filter { $0.path.contains(":restoreSessionId") }
        #expect(routes.count > 100)  // v3 and three versions of the v6–v8 family

        try await recall.withClient { client in
            let opened = try await ExchangeActionsTests().open(client)
            let owner = opened.token
            let intruder = try await client.token("other", "secret2")
            let folders = try #require(try await client.get("\(opened.base)/Folders?parentId=null", token: owner).jsonObject()["results"] as? [[String: Any]])
            let items = try #require(try await client.get("\(opened.base)/Items", token: owner).jsonObject()["results"] as? [[String: Any]])
            let events = try #require(try await client.get("/v3/RestoreSessions/\(opened.session)/Events", token: owner).jsonObject()["results"] as? [[String: Any]])
            let ids = [
                "restoreSessionId": opened.session, "mailboxId": opened.mailbox,
                "folderId": try #require(folders.first?["id"] as? String), "itemId": try #require(items.first?["id"] as? String),
                "eventId": try #require(events.first?["id"] as? String),
            ]
            let calls = try routes.map { route in try Self.call(route, ids: ids) }
            let before = try await client.get("/v3/RestoreSessions/\(opened.session)/Events?limit=1000", token: owner).text

            for call in calls {
                let answer = try await Self.send(call, client, token: intruder)
                #expect(answer.status == .notFound, "\(call.route.method) \(call.route.path) answered \(answer.status) to another user")
            }
            #expect(try await client.get("/v3/RestoreSessions/\(opened.session)", token: owner).jsonObject()["state"] as? String == "Working")
            #expect(try await client.get("/v3/RestoreSessions/\(opened.session)/Events?limit=1000", token: owner).text == before)
            #expect(!FileManager.default.fileExists(atPath: target.path))
            let listed = try await client.get("/v3/RestoreSessions", token: intruder).text + (try await client.get("/v8/RestoreSessions", token: intruder).text)
            #expect(!listed.contains(opened.session))

            // The owner's identical requests reach the session (stops last, so the others find it working).
            let stops = calls.filter { $0.route.path.hasSuffix("/Stop") || $0.body == #"{"stop": null}"# }
            for call in calls.filter({ call in !stops.contains { $0.uri == call.uri && $0.route.method == call.route.method } }) + stops {
                let answer = try await Self.send(call, client, token: owner)
                let unsupported = ["exportToPst", "save", "sendToDefaultAddress", "sendToDifferentAddress"].contains(call.route.path.split(separator: "/").last.map(String.init) ?? "")
                #expect(unsupported ? answer.status == .notImplemented : answer.status.code < 400, "\(call.route.method) \(call.route.path) answered \(answer.status) to its owner: \(answer.text)")
            }
        }
    }

    /// The route with real ids in its path and a body its owner would send.
    static func call(_ route: ServedRoute, ids: [String: String]) throws -> Call {
        let segments = try route.path.split(separator: "/").map { segment -> String in
            guard segment.hasPrefix(":") else { return String(segment) }
            let id = try #require(ids[String(segment.dropFirst())], "no id for \(segment)")
            return id.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? id
        }
        let uri = "/" + segments.joined(separator: "/")
        let last = segments.last ?? ""
        let items = #"[{"id": "\#(ids["itemId"]!)"}]"#
        let onItems = segments.dropLast().last?.lowercased() == "items"
        let body: String? = switch (route.path.hasPrefix("/v3/"), last) {
        case (true, "Action") where segments.count == 4: #"{"stop": null}"#
        case (true, "Action") where onItems: #"{"savetoEml": {"items": \#(items)}}"#
        case (true, "Action") where segments.dropLast().dropLast().last == "Items": #"{"savetoEml": null}"#
        case (true, "Action") where segments.dropLast().dropLast().last == "Folders": #"{"restoretoOriginallocation": null}"#
        case (true, "Action"): #"{"exporttoMbox": null}"#
        case (false, "restore"): onItems ? #"{"items": \#(items)}"# : "{}"
        case (false, "restoreTo"): onItems ? #"{"items": \#(items), "mailbox": "adele@contoso.onmicrosoft.com"}"# : #"{"mailbox": "adele@contoso.onmicrosoft.com"}"#
        case (false, "saveToEml"), (false, "exportToMbox"): onItems ? #"{"items": \#(items)}"# : nil
        default: nil
        }
        return Call(route: route, uri: uri, body: body)
    }

    static func send(_ call: Call, _ client: some TestClientProtocol, token: String) async throws -> TestResponse {
        if call.route.method == .get { return try await client.get(call.uri, token: token) }
        return try await client.post(call.uri, token: token, json: call.body ?? "")
    }
}
