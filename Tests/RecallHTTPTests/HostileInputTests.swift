import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Inputs found by fuzzing (schemathesis) and by reading the code, each once a bug.
@Suite struct HostileInputTests {
    @Test func aRestoreTargetMailboxCannotLeaveTheRestoreTarget() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try ExploreTests.importHistory(recall)
        let target = recall.directory.appendingPathComponent("a/b/restored")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try await recall.store.setRestoreTarget(organizationID: recall.organization.id, maildirRoot: target.path)
        try await recall.withClient { client in
            let token = try await client.token()
            let session = try await client.explore(token: token, body: #"{"explore": {"datetime": "2026-01-07 23:00"}}"#)
            let mailboxes = "/v8/RestoreSessions/\(session)/organization/mailboxes"
            let mailbox = try #require((try await client.get(mailboxes, token: token).jsonObject()["results"] as? [[String: Any]])?.first?["id"] as? String)
            for address in ["../../escaped@x", "a/b@x", #"a\b@x"#, ".hidden@x", "x@..", "x@a/../b"] {
                let v8 = try await client.post("\(mailboxes)/\(mailbox)/restoreTo", token: token, json: #"{"mailbox": "\#(address)"}"#)
                #expect(v8.status == .badRequest, "\(address)")
                let v3 = try await client.post(
                    "/v3/RestoreSessions/\(session)/Organization/Mailboxes/\(mailbox)/Action", token: token,
                    json: #"{"restoreTo": {"mailbox": "\#(address)"}}"#
                )
                #expect(v3.status == .badRequest, "\(address)")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: recall.directory.appendingPathComponent("a").path) == ["b"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: recall.directory.appendingPathComponent("a/b").path) == ["restored"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: target.path) == [], "nothing restored at all")
            #expect(!FileManager.default.fileExists(atPath: recall.directory.appendingPathComponent("escaped@x").path))
        }
    }

    @Test func v3AcceptsPercentEncodedFolderAndItemIDs_asV8Does() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try ExploreTests.importHistory(recall)
        try await recall.withClient { client in
            let token = try await client.token()
            let session = try await client.explore(token: token, body: #"{"explore": {"datetime": "2026-01-07 23:00"}}"#)
            let mailboxes = "/v3/RestoreSessions/\(session)/Organization/Mailboxes"
            let mailbox = try #require((try await client.get(mailboxes, token: token).jsonObject()["results"] as? [[String: Any]])?.first?["id"] as? String)
            let base = "\(mailboxes)/\(mailbox)"
            let folder = try #require((try await client.get("\(base)/Folders?parentId=null", token: token).jsonObject()["results"] as? [[String: Any]])?.first?["id"] as? String)
            let encode = { (id: String) in id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? id }
            #expect(folder.contains("="), "the test needs an id with padding")
            #expect(try await client.get("\(base)/Folders/\(encode(folder))", token: token).status == .ok)
            let item = try #require((try await client.get("\(base)/Items?folderId=\(folder)", token: token).jsonObject()["results"] as? [[String: Any]])?.first?["id"] as? String)
            #expect(try await client.get("\(base)/Items/\(encode(item))", token: token).status == .ok)
        }
    }

    @Test func optionalBodies_mayBeEmptyOrBlank_howeverTheyAreFramed() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try ExploreTests.importHistory(recall)
        try await recall.withClient { client in
            let token = try await client.token()
            let session = try await client.explore(token: token, body: #"{"explore": {"datetime": "2026-01-07 23:00"}}"#)
            let mailboxes = "/v8/RestoreSessions/\(session)/organization/mailboxes"
            let mailbox = try #require((try await client.get(mailboxes, token: token).jsonObject()["results"] as? [[String: Any]])?.first?["id"] as? String)
            let blank = try await client.post("\(mailboxes)/\(mailbox)/exportToMbox", token: token, json: "  \n")
            #expect(blank.status == .ok)
            #expect(String(buffer: blank.body).hasPrefix("From "))
        }
    }

    @Test func anotherMethodOnAKnownPath_is405WithAllow() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient { client in
            for (uri, allow) in [("/v3/RestoreSessions", "GET"), ("/v8/token", "POST"), ("/v8/Organizations/7b2b1ae1-7bbb-4651-b479-bda7edc7838b", "GET")] {
                for method in [HTTPRequest.Method.put, .delete, .patch, .options, .trace] {
                    let response = try await client.execute(uri: uri, method: method)
                    #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                    #expect(response.headers[.allow] == allow, "\(method) \(uri)")
                }
            }
        }
    }
}
