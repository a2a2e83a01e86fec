import Crypto
import Foundation

/// A random bearer or refresh token (256 bits, base64url) and the SHA-256 under which it is stored.
public struct OpaqueToken: Sendable {
    public let text: String

    /// A fresh token from the system's secure generator.
    public static func random() -> OpaqueToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let text = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return OpaqueToken(text: text)
    }

    /// What the store keeps: the token itself is never written down.
    public static func storageHash(of text: some StringProtocol) -> [UInt8] {
        var hasher = SHA256()
        // Hashed in place where the text is contiguous (it is, for a header's token), without a copy.
        if text.utf8.withContiguousStorageIfAvailable({ hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }) == nil {
            hasher.update(data: Array(text.utf8))
        }
        return Array(hasher.finalize())
    }

    public var storageHash: [UInt8] { Self.storageHash(of: text) }
}
