import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix

/// Hashes and checks passwords; bcrypt in production, a cheaper cost in tests.
public protocol PasswordHasher: Sendable {
    func hash(_ password: String) async throws -> String
    func verify(_ password: String, hash: String) async throws -> Bool
    /// Whether `hash` is of an older kind that a successful login should replace with `hash(password)`.
    func needsRehash(_ hash: String) -> Bool
}

extension PasswordHasher {
    public func needsRehash(_ hash: String) -> Bool { false }
}

/// bcrypt of the password's HMAC-SHA256, run on NIO's thread pool so that it never blocks an event loop.
///
/// bcrypt reads at most 72 bytes (and a C string ends at NUL), so a longer password was cut silently: any text
/// sharing its first 72 bytes logged in. Every byte now counts, at any length: bcrypt hashes the base64 of the
/// password's HMAC-SHA256 (44 ASCII characters), keyed with a constant so that unsalted SHA-256 digests leaked
/// elsewhere cannot be tried against these hashes. Hashes made before (plain `$2b$…`) are still checked as they
/// were, and replaced by the new kind at the user's next login.
public struct BcryptPasswordHasher: PasswordHasher {
    public let cost: UInt8
    /// Marks a hash of the pre-hashed password; what follows is an ordinary bcrypt hash.
    static let prefix = "$recall-hmac-sha256$"
    private static let key = SymmetricKey(data: Array("recall password v1".utf8))

    public init(cost: UInt8 = 12) {
        self.cost = cost
    }

    public func hash(_ password: String) async throws -> String {
        let cost = cost
        let input = Self.prehashed(password)
        return try await NIOThreadPool.singleton.runIfActive { Self.prefix + Bcrypt.hash(input, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        if hash.hasPrefix(Self.prefix) {
            let input = Self.prehashed(password)
            let bcrypt = String(hash.dropFirst(Self.prefix.count))
            return try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(input, hash: bcrypt) }
        }
        // A hash from before the pre-hash: bcrypt of the password itself, as its user set it.
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    public func needsRehash(_ hash: String) -> Bool { !hash.hasPrefix(Self.prefix) }

    static func prehashed(_ password: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Array(password.utf8), using: key)).base64EncodedString()
    }
}
