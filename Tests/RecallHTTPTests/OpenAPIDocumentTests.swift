import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import RecallHTTP

/// The OpenAPI documents describe exactly the operations the routers serve, and are what the server hands out.
@Suite struct OpenAPIDocumentTests {
    /// `(METHOD, /path/{param})` pairs, paths lower-cased (the router matches in any case).
    static func operations(inDocument text: String) throws -> Set<String> {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var found = Set<String>()
        for (path, item) in paths {
            for method in item.keys where ["get", "post", "put", "delete", "patch"].contains(method) {
                found.insert("\(method.uppercased()) \(path.lowercased())")
            }
        }
        return found
    }

    static func operations(served routes: [ServedRoute]) -> Set<String> {
        Set(routes.map { route in
            let path = route.path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
                segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
            }.joined(separator: "/")
            return "\(route.method.rawValue) \(path.lowercased())"
        })
    }

    @Test func everyServedOperationIsDocumented_andNothingElse() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        let router = RouteTable()
        let served = RecallServer.register(on: router, env: recall.env)
        for version in APIVersion.allCases {
            let document = try #require(OpenAPIDocuments.document(for: version.rawValue), "no document for \(version)")
            let documented = try Self.operations(inDocument: document)
            let routes = Self.operations(served: served.filter { $0.path.lowercased().hasPrefix("/\(version.rawValue)/") })
            #expect(!routes.isEmpty)
            #expect(routes.subtracting(documented).sorted() == [], "served but not in the \(version) document")
            #expect(documented.subtracting(routes).sorted() == [], "in the \(version) document but not served")
        }
    }

    @Test func theServerHandsOutTheDocuments_andTheRepositoryCopiesMatch() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try await recall.withClient { client in
            for version in APIVersion.allCases {
                let response = try await client.get("/swagger/docs/\(version.rawValue)", token: nil)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(response.text == OpenAPIDocuments.document(for: version.rawValue))
                let file = root.appendingPathComponent("docs/openapi/\(version.rawValue).json")
                let repositoryCopy = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? NSDictionary
                let served = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? NSDictionary
                #expect(repositoryCopy != nil && repositoryCopy == served, "docs/openapi/\(version.rawValue).json is stale: run scripts/openapi/generate.py")
            }
            #expect(try await client.get("/swagger/docs/v5", token: nil).status == .notFound)
        }
    }
}
