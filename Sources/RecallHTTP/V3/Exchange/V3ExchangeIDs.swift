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

    private static let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

    /// Base64 with `-` and `_` for `+` and `/`, padded with `=`. Written by hand: `base64EncodedString()` and two
    /// `replacingOccurrences` (an NSString search each) ran three times per item of every page browsed.
    private static func encode(_ bytes: [UInt8]) -> String {
        let digits = alphabet.utf8Start
        return String(unsafeUninitializedCapacity: (bytes.count + 2) / 3 * 4) { out in
            var written = 0
            var index = 0
            while index < bytes.count {
                let remaining = bytes.count - index
                let b0 = Int(bytes[index])
                let b1 = remaining > 1 ? Int(bytes[index + 1]) : 0
                let b2 = remaining > 2 ? Int(bytes[index + 2]) : 0
                out[written] = digits[b0 >> 2]
                out[written + 1] = digits[(b0 & 0x03) << 4 | b1 >> 4]
                out[written + 2] = remaining > 1 ? digits[(b1 & 0x0F) << 2 | b2 >> 6] : UInt8(ascii: "=")
                out[written + 3] = remaining > 2 ? digits[b2 & 0x3F] : UInt8(ascii: "=")
                written += 4
                index += 3
            }
            return written
        }
    }

    private static func decode(_ text: String) -> [UInt8]? {
        guard text.utf8.count <= 64 else { return nil }
        return Data(base64Encoded: text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")).map { [UInt8]($0) }
    }
}
