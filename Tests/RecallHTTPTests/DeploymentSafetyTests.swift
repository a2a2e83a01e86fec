import Foundation
import Testing
import X509
@testable import RecallHTTP
@testable import RecallStore

#if canImport(Glibc)
import Glibc
#endif

/// What `recall serve` trusts about where it runs: which binds count as loopback, the certificate it makes, the data
/// dir's mode, the host its links name, and its open-file limit.
@Suite struct DeploymentSafetyTests {
    @Test func onlyLiteralLoopbackAddressesAndLocalhost_countAsLoopback() {
        for address in ["127.0.0.1", "127.1.2.3", "127.255.255.254", "::1", "[::1]", "localhost", "LOCALHOST", "0:0:0:0:0:0:0:1"] {
            #expect(LoopbackAddress.contains(address), "\(address)")
        }
        for address in ["127.evil.example", "127.0.0.1.nip.io", "127.example.com", "127.1", "0.0.0.0", "::", "192.168.1.10", "::ffff:10.0.0.1",
                        "localhost.evil.example", "", "128.0.0.1", "10.127.0.1"] {
            #expect(!LoopbackAddress.contains(address), "\(address)")
        }
    }

    @Test func theSelfSignedCertificate_mayNotSignCertificates() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("recall-cert-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let identity = try TLSIdentity.selfSigned(in: directory)
        let certificate = try Certificate(pemEncoded: String(contentsOfFile: identity.certificatePath, encoding: .utf8))
        #expect(try certificate.extensions.keyUsage?.keyCertSign != true)
        #expect(try certificate.extensions.basicConstraints == .notCertificateAuthority)
    }

    @Test func aDataDirThatLetsOthersIn_isTightenedTo0700_andSaysSo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("recall-mode-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let store = try SQLiteStore(directory: directory)
        try store.close()
        let mode = try FileManager.default.attributesOfItem(atPath: directory.path)[.posixPermissions] as? Int
        #expect(mode == 0o700)
        #expect(store.directoryMode == .tightened(previous: 0o755))
        #expect(store.directoryMode.warning(for: directory) == "Warning: the data directory \(directory.path) had mode 0755, which lets other users read mail and keys; it is now 0700.")
        let reopened = try SQLiteStore(directory: directory)
        try reopened.close()
        #expect(reopened.directoryMode == .ownerOnly)
        #expect(reopened.directoryMode.warning(for: directory) == nil)
    }

    @Test func withAPublicURL_v3LinksIgnoreTheHostHeader() async throws {
        let recall = try await TestRecall { $0.publicURL = "https://recall.example.com:4443" }
        defer { recall.remove() }
        try await recall.withClient(.live) { client in
            let port = try #require(client.port)
            let token = try await client.token()
            let id = try await client.explore(token: token)
            let answer = try await ConnectionLimitsTests.onThread { () throws -> String in
                let connection = try ConnectionLimitsTests.RawConnection(port: port)
                _ = connection.send("GET /v3/RestoreSessions/\(id) HTTP/1.1\r\nHost: evil.example\r\nAuthorization: Bearer \(token)\r\nConnection: close\r\n\r\n")
                return connection.readAll()
            }
            #expect(answer.hasPrefix("HTTP/1.1 200"))
            #expect(answer.contains(#""self":{"href":"https://recall.example.com:4443/v3/restoresessions/\#(id)"}"#), "answered \(answer)")
            #expect(!answer.contains("evil.example"))
        }
    }

    @Test func publicURLs_areSchemeHostAndPortOnly() throws {
        #expect(try PublicURL.parse("https://recall.example.com:4443/") == "https://recall.example.com:4443")
        #expect(try PublicURL.parse("HTTP://[::1]:8080") == "http://[::1]:8080")
        for bad in ["recall.example.com", "ftp://x", "https://x/v3", "https://x?a=b", "https://u:p@x", "https://", "https://ex ample.com"] {
            #expect(throws: PublicURLError.self, "\(bad)") { try PublicURL.parse(bad) }
        }
    }

    @Test func theOpenFileLimit_isRaisedToTheHardLimit() throws {
        var limit = rlimit()
        #expect(getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0)
        let hard = min(UInt64(limit.rlim_max), 1 << 20)
        try #require(hard > 600, "the hard limit \(hard) leaves nothing to raise")
        // A little below the hard limit, so tests running beside this one keep plenty of descriptors.
        limit.rlim_cur = rlim_t(hard - 100)
        #expect(setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0)
        let raised = OpenFileLimit.raiseToHardLimit()
        #expect(raised.before == hard - 100)
        #expect(raised.after == hard)
        #expect(OpenFileLimit.current == hard)
    }
}
