import Crypto
import Foundation
import NIOSSL
import SwiftASN1
import X509

/// The server's certificate and key: given as PEM files, or a self-signed pair made once and kept in the data dir.
public struct TLSIdentity: Sendable {
    public let certificatePath: String
    public let keyPath: String
    /// SHA-256 of the certificate's DER, as `AB:CD:…`, so a user can pin or compare it.
    public let fingerprint: String
    /// Whether this run created the self-signed pair.
    public let created: Bool

    /// Uses the given files.
    public static func load(certificatePath: String, keyPath: String) throws -> TLSIdentity {
        let der = try derOfFirstCertificate(path: certificatePath)
        _ = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        return TLSIdentity(certificatePath: certificatePath, keyPath: keyPath, fingerprint: fingerprint(of: der), created: false)
    }

    /// Reuses `tls/recall-cert.pem` and `tls/recall-key.pem` in the data dir, creating them on first start
    /// (ECDSA P-256, SAN localhost, 127.0.0.1, ::1 and this host's name, valid five years).
    public static func selfSigned(in dataDirectory: URL, now: Date = Date()) throws -> TLSIdentity {
        let folder = dataDirectory.appendingPathComponent("tls")
        let certificateURL = folder.appendingPathComponent("recall-cert.pem")
        let keyURL = folder.appendingPathComponent("recall-key.pem")
        let manager = FileManager.default
        if manager.fileExists(atPath: certificateURL.path), manager.fileExists(atPath: keyURL.path) {
            return try load(certificatePath: certificateURL.path, keyPath: keyURL.path)
        }
        try manager.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            CommonName("Recall self-signed")
            OrganizationName("Recall")
        }
        let host = ProcessInfo.processInfo.hostName
        var names: [GeneralName] = [
            .dnsName("localhost"),
            .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
            .ipAddress(ASN1OctetString(contentBytes: ArraySlice([UInt8](repeating: 0, count: 15) + [1]))),
        ]
        if !host.isEmpty, host != "localhost" { names.append(.dnsName(host)) }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(5 * 365 * 86_400),
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                // No KeyUsage: keyCertSign with CA:FALSE is a contradiction, yet without keyCertSign a client that pins
                // this certificate as its own trust root (curl --cacert) cannot verify its self-signature. Leaving the
                // extension out is valid for a leaf and keeps pinning working.
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(names)
            },
            issuerPrivateKey: .init(key)
        )
        let certificatePEM = try certificate.serializeAsPEM().pemString
        try write(key.pemRepresentation + "\n", to: keyURL)
        try write(certificatePEM + "\n", to: certificateURL)
        let identity = try load(certificatePath: certificateURL.path, keyPath: keyURL.path)
        return TLSIdentity(certificatePath: identity.certificatePath, keyPath: identity.keyPath, fingerprint: identity.fingerprint, created: true)
    }

    /// TLS 1.2 or newer with NIOSSL's modern cipher defaults.
    public func serverConfiguration() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificatePath).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: keyPath, format: .pem))
        )
        configuration.minimumTLSVersion = .tlsv12
        // TLS 1.2 with forward secrecy and AEAD only (TLS 1.3's suites are fixed and all modern).
        configuration.cipherSuiteValues = Self.tls12CipherSuites
        return configuration
    }

    /// ECDHE key exchange with AES-GCM or ChaCha20-Poly1305, for ECDSA and RSA certificates.
    static let tls12CipherSuites: [NIOTLSCipher] = [
        .TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, .TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, .TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        .TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, .TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, .TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    ]

    private static func derOfFirstCertificate(path: String) throws -> [UInt8] {
        guard let first = try NIOSSLCertificate.fromPEMFile(path).first else {
            throw TLSIdentityError(message: "\(path) holds no PEM certificate.")
        }
        return try first.toDERBytes()
    }

    static func fingerprint(of der: [UInt8]) -> String {
        SHA256.hash(data: der).map { byte in
            let hex = String(byte, radix: 16, uppercase: true)
            return byte < 16 ? "0" + hex : hex
        }.joined(separator: ":")
    }

    /// Writes a file readable by its owner only (the key must never be world-readable).
    private static func write(_ text: String, to url: URL) throws {
        let manager = FileManager.default
        guard manager.createFile(atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw TLSIdentityError(message: "Cannot write \(url.path).")
        }
    }
}

/// A certificate or key that cannot be used.
public struct TLSIdentityError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
