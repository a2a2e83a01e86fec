import Foundation
import RecallCore
import Testing

@testable import RecallHTTP

/// Folder and item ids are what clients keep and send back: they must read exactly as before, byte for byte.
struct V3ExchangeIDsTests {
    /// What the ids were before the hand-written encoder: Foundation's base64 with `-` and `_` for `+` and `/`.
    func foundation(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    @Test func itemIDs_matchFoundationsEncoding_andReadBack() throws {
        var generator = SystemRandomNumberGenerator()
        let versions: [Int64] = [0, 1, 62, 63, 255, 1 << 40, .max, .min, -1] + (0..<500).map { _ in Int64.random(in: .min ... .max, using: &generator) }
        for version in versions {
            let id = V3ExchangeIDs.item(version)
            #expect(id == foundation(withUnsafeBytes(of: version.bigEndian) { Array($0) }))
            #expect(try V3ExchangeIDs.item(from: id) == version)
        }
    }

    @Test func folderIDs_matchFoundationsEncoding_andReadBack() throws {
        for _ in 0..<500 {
            let folder = Identifier<MailFolder>(UUID())
            let id = V3ExchangeIDs.folder(folder)
            #expect(id == foundation(withUnsafeBytes(of: folder.uuid.uuid) { Array($0) }))
            #expect(id.hasSuffix("=="))
            #expect(try V3ExchangeIDs.folder(from: id) == folder)
        }
    }
}
