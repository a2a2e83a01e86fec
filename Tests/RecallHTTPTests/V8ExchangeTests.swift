import Foundation
import HummingbirdTesting
import NIOCore
import RecallStore
import Testing

/// Browsing and actions under /v8 (and the v6/v7 variants) over the same engine as v3.
@Suite struct V8ExchangeTests {
    struct Opened {
        let session: String
        let mailbox: String
        let base: String
        let token: String
    }

    func open(_ client: some TestClientProtocol, version: String = "v8") async throws -> Opened {
        let token = try await client.token()
        let created = try await client.post(
            "/\(version)/Organizations/7b2b1ae1-7bbb-4651-b479-bda7edc7838b/explore", token: token, json: #"{"dateTime": "2026-01-07T23:00:00Z"}"#
        )
        #expect(created.status == (version == "v8" ? .created : .ok))
        let session = try #require(try created.jsonObject()["id"] as? String)
        let mailboxes = "/\(version)/RestoreSessions/\(session)/organization/mailboxes"
        let mailbox = try #require((try await client.get(mailboxes, token: token).jsonObject()["results"] as? [[String: Any]])?.first?["id"] as? String)
        return Opened(session: session, mailbox: mailbox, base: "\(mailboxes)/\(mailbox)", token: token)
    }

    func post(_ client: some TestClientProtocol, _ uri: String, token: String, json: String? = nil) async throws -> TestResponse {
        guard let json else { return try await client.execute(uri: uri, method: .post, headers: [.authorization: "Bearer \(token)"]) }
        return try await client.post(uri, token: token, json: json)
    }

    @Test func browse_rootFoldersItemsAndIDs_withV8Shapes() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try ExploreTests.importHistory(recall)
        try await recall.withClient { client in
            let opened = try await open(client)
            let mailbox = try await client.get(opened.base, token: opened.token)
            #expect(mailbox.text == """
                {"id":"\(opened.mailbox)","name":"Adele","email":"adele@contoso.onmicrosoft.com","isArchive":false,"isPublic":false,\
                "_links":{"self":{"href":"\(opened.base)"},"folders":{"href":"\(opened.base)/folders?parentId=root"}}}
                """)
            let roots = try #require(try await client.get("\(opened.base)/folders?parentId=root", token: opened.token).jsonObject()["results"] as? [[String: Any]])
            #expect(roots.map { $0["name"] as? String } == ["Inbox"])
            let inbox = try #require(roots.first)
            #expect(inbox["category"] as? String == "Inbox")
            #expect(inbox["type"] as? String == "None")
            #expect(inbox["mailboxId"] as? String == opened.mailbox)
            let inboxID = try #require(inbox["id"] as? String)
            // `null` works as older versions spell it; a percent-encoded id is the same folder.
            #expect(try await client.get("\(opened.base)/folders?parentId=null", token: opened.token).jsonObject()["results"] as? [[String: Any]] != nil)
            let encoded = inboxID.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? inboxID
            #expect(try await client.get("\(opened.base)/folders/\(encoded)", token: opened.token).jsonObject()["name"] as? String == "Inbox")
            let children = try await client.get("\(opened.base)/folders?parentId=\(inboxID)", token: opened.token).jsonObject()["results"] as? [[String: Any]]
            #expect(children?.map { $0["name"] as? String } == ["Projects"])
            #expect(children?.first?["category"] as? String == "None")

            let items = try #require(try await client.get("\(opened.base)/items?parentId=\(inboxID)", token: opened.token).jsonObject()["results"] as? [[String: Any]])
            #expect(items.count == 3)
            let item = try #require(items.first)
            #expect(item["itemClass"] as? String == "IPM.Note")
            #expect(item["mailboxId"] as? String == opened.mailbox)
            let itemID = try #require(item["id"] as? String)
            let one = try await client.get("\(opened.base)/items/\(itemID)", token: opened.token)
            #expect(one.status == .ok)
            #expect(try one.jsonObject()["subject"] as? String == item["subject"] as? String)
            #expect(try await client.get("\(opened.base)/items", token: opened.token).jsonObject()["results"] as? [Any] != nil)
            let missing = try await client.get("\(opened.base)/items/AAAAAAAAAP8=", token: opened.token)
            #expect(missing.status == .notFound)
            #expect(try missing.jsonObject()["errorCode"] as? String == "ResourceNotFound")
        }
    }

    @Test func restoreActions_answerSessionIdOnV8_countItems_andFillTheMaildir() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try ExploreTests.importHistory(recall)
        let target = recall.directory.appendingPathComponent("restored")
        try await recall.store.setRestoreTarget(organizationID: recall.organization.id, maildirRoot: target.path)
        try await recall.withClient { client in
            let opened = try await open(client)
            let inbox = try #require((try await client.get("\(opened.base)/folders?parentId=root", token: opened.token).jsonObject()["results"] as? [[String: Any]])?.first?["id"] as? String)
            let restore = try await post(client, "\(opened.base)/folders/\(inbox)/restore", token: opened.token, json: #"{"userName": "x", "userPassword": "y"}"#)
            #expect(restore.status == .ok)
            #expect(restore.text == #"{"sessionId":"\#(opened.session)"}"#)
            let files = try FileManager.default.contentsOfDirectory(atPath: target.appendingPathComponent("adele@contoso.onmicrosoft.com/new").path)
            #expect(files.count == 3)
            // Again, with no body: everything is already there.
            #expect(try await post(client, "\(opened.base)/folders/\(inbox)/restore", token: opened.token).status == .ok)
            let items = try #require(try await client.get("\(opened.base)/items?parentId=\(inbox)", token: opened.token).jsonObject()["results"] as? [[String: Any]])
            let ids = items.prefix(2).map { #"{"id": "\#($0["id"] as! String)"}"# }.joined(separator: ", ")
            let restoreTo = try await post(
                client, "\(opened.base)/items/restoreTo", token: opened.token,
                json: #"{"mailbox": "alex@contoso.onmicrosoft.com", "folder": "Restored", "items": [\#(ids)]}"#
            )
            #expect(restoreTo.status == .ok)
            #expect(try FileManager.default.contentsOfDirectory(atPath: target.appendingPathComponent("alex@contoso.onmicrosoft.com/.Restored.Inbox/new").path).count == 2)
            let statistics = try await client.get("/v8/RestoreSessions/\(opened.session)/Statistics", token: opened.token)
            #expect(statistics.text == """
                {"totalItemsCount":10,"restoredItemsCount":6,"failedItemsCount":0,"skippedItemsCount":4,"items":[],"warnings":[],"errors":[]}
                """)
            let events = try await client.get("/v8/RestoreSessions/\(opened.session)/Events", token: opened.token).jsonObject()["results"] as? [[String: Any]]
            #expect(events?.filter { $0["type"] as? String == "Restore" }.count == 3)

            // Formats Recall does not write: 501 in v8's shape; Recall's own mbox export works here too.
            let pst = try await post(client, "\(opened.base)/exportToPst", token: opened.token, json: "{}")
            #expect(pst.status == .notImplemented)
            #expect(try pst.jsonObject()["errorCode"] as? String == "HttpError")
            #expect(try await post(client, "\(opened.base)/items/\(items[0]["id"] as! String)/save", token: opened.token).status == .notImplemented)
            let mbox = try await post(client, "\(opened.base)/exportToMbox", token: opened.token)
            #expect(mbox.status == .ok)
            #expect(mbox.headers[.contentType] == "application/mbox")
            #expect(String(buffer: mbox.body).hasPrefix("From "))
            let eml = try await post(client, "\(opened.base)/items/\(items[0]["id"] as! String)/saveToEml", token: opened.token)
            #expect(eml.headers[.contentType] == "message/rfc822")
            // Bad bodies change nothing.
            #expect(try await post(client, "\(opened.base)/items/restoreTo", token: opened.token, json: #"{"items": []}"#).status == .badRequest)
            #expect(try await post(client, "\(opened.base)/items/restoreTo", token: opened.token, json: #"{"items": [{"id": 5}]}"#).status == .badRequest)
            #expect(try await post(client, "\(opened.base)/folders/\(inbox)/restoreTo", token: opened.token, json: #"{"mailbox": "not an address"}"#).status == .badRequest)
            #expect(try await client.get("/v8/RestoreSessions/\(opened.session)/Statistics", token: opened.token).text == statistics.text)
        }
    }

    @Test func v6AndV7_keepTheirOwnStatusCodesAndShapes() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try ExploreTests.importHistory(recall)
        let target = recall.directory.appendingPathComponent("restored")
        try await recall.store.setRestoreTarget(organizationID: recall.organization.id, maildirRoot: target.path)
        try await recall.withClient { client in
            let v7 = try await open(client, version: "v7")
            let organizations = try await client.get("/v7/Organizations", token: v7.token)
            #expect(try organizations.jsonArray().first?["name"] as? String == "contoso.onmicrosoft.com")
            #expect(try organizations.jsonArray().first?["isBackedup"] == nil, "extendedView defaults to false on v7")
            #expect(try await client.get("/v6/Organizations", token: v7.token).jsonArray().first?["isBackedup"] as? Bool == true)
            let events = try await client.get("/v7/RestoreSessions/\(v7.session)/Events", token: v7.token).jsonObject()
            #expect(events["totalCount"] as? Int == 1)
            #expect(try await client.get("/v7/RestoreSessions/\(v7.session)", token: v7.token).jsonObject()["eTag"] == nil)
            #expect(try await client.get("/v7/RestoreSessions/\(v7.session)/Statistics", token: v7.token).status == .notFound)

            let inbox = try #require((try await client.get("\(v7.base)/folders?parentId=root", token: v7.token).jsonObject()["results"] as? [[String: Any]])?.first)
            #expect(inbox["mailboxId"] == nil)
            let restore = try await post(client, "\(v7.base)/folders/\(inbox["id"] as! String)/restore", token: v7.token)
            #expect(restore.text == """
                {"createdItemsCount":4,"mergedItemsCount":0,"failedItemsCount":0,"skippedItemsCount":0,"failedFoldersCount":0,"exceptions":[],"warnings":[]}
                """)
            let error = try await client.get("/v7/RestoreSessions/\(v7.session)/organization/mailboxes/00000000-0000-4000-8000-0000000000ff", token: v7.token)
            #expect(error.status == .notFound)
            #expect(try error.jsonObject().keys.sorted() == ["message"])

            // v6: items by folderId; Stop and logout as v6 had them.
            let v6 = try await open(client, version: "v6")
            let v6Items = try await client.get("\(v6.base)/items?folderId=\(inbox["id"] as! String)", token: v6.token).jsonObject()["results"] as? [[String: Any]]
            #expect(v6Items?.count == 3)
            let stop = try await post(client, "/v6/RestoreSessions/\(v6.session)/Stop", token: v6.token)
            #expect(stop.status == .ok)
            #expect(stop.body.readableBytes == 0)
            #expect(try await post(client, "/v6/token/logout", token: v6.token).status == .notFound)
            let logout = try await post(client, "/v7/token/logout", token: v7.token)
            #expect(logout.status == .ok)
            #expect(try await client.get("/v7/RestoreSessions", token: v7.token).status == .unauthorized)
        }
    }
}
