import Foundation
import RecallCore

/// The opaque, URL-safe base64 ids the real API gives folders and items (`AAAAAKGE4dIvQUtG…==`).
enum V3ExchangeIDs {
    static func folder(_ id: Identifier<MailFolder>) -> String {
        encode(withUnsafeBytes(of: id.uuid.uuid) { Array($0) })
    }

    static func folder(from text: String) throws -> Identifier<MailFolder> {
        guard let bytes = decode(text), bytes.count == 16 else { throw APIError.badRequest("'\(text)' is not a folder ID of this API.") }
        let uuid = bytes.withUnsafeBytes { $0.loadUnaligned(as: uuid_t.self) }
        return Identifier(UUID(uuid: uuid))
    }

    static func item(_ versionID: Int64) -> String {
        encode(withUnsafeBytes(of: versionID.bigEndian) { Array($0) })
    }

    static func item(from text: String) throws -> Int64 {
        guard let bytes = decode(text), bytes.count == 8 else { throw APIError.badRequest("'\(text)' is not an item ID of this API.") }
        return Int64(bigEndian: bytes.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) })
    }

    private static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    private static func decode(_ text: String) -> [UInt8]? {
        guard text.utf8.count <= 64 else { return nil }
        return Data(base64Encoded: text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")).map { [UInt8]($0) }
    }
}
