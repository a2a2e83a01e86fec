import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Bodies whose framing the client gets wrong are the client's fault: 413 or 400 in the API's shape, not a 500.
@Suite struct RequestFramingTests {
    /// Sends `request` on a fresh connection to a live Recall and returns everything it answered.
    static func exchange(_ request: @escaping @Sendable (Int) -> [UInt8]) async throws -> String {
        let recall = try await TestRecall()
        defer { recall.remove() }
        return try await recall.withClient(.live) { client in
            let port = try #require(client.port)
            return try await ConnectionLimitsTests.onThread { () throws -> String in
                let connection = try ConnectionLimitsTests.RawConnection(port: port)
                let bytes = request(port)
                var sent = 0
                while sent < bytes.count {
                    let count = bytes[sent...].withUnsafeBytes { Glibc.send(connection.descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    guard count > 0 else { break }  // the server may stop reading once it has answered
                    sent += count
                }
                return connection.readAll()
            }
        }
    }

    /// The status line and the body of a `Connection: close` answer.
    static func split(_ answer: String) -> (status: String, body: String) {
        let status = answer.components(separatedBy: "\r\n").first ?? ""
        let body = answer.range(of: "\r\n\r\n").map { String(answer[$0.upperBound...]) } ?? ""
        return (status, body)
    }

    @Test func aChunkedBodyOverTheLimit_is413_withoutAToken() async throws {
        let answer = try await Self.exchange { _ in
            var bytes = Array("POST /v3/Token HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
            let chunk = [UInt8](repeating: UInt8(ascii: " "), count: 64 << 10)
            for _ in 0..<17 {  // 1 MiB and 64 KiB
                bytes += Array("10000\r\n".utf8) + chunk + Array("\r\n".utf8)
            }
            return bytes + Array("0\r\n\r\n".utf8)
        }
        let (status, body) = Self.split(answer)
        #expect(status == "HTTP/1.1 413 Payload Too Large", "answered \(answer.prefix(200))")
        #expect(body.hasSuffix(#"{"message":"The request body is larger than the 1 MiB limit."}"#))
    }

    @Test func anUnknownTransferEncoding_is400_withoutAToken() async throws {
        let answer = try await Self.exchange { _ in
            Array("POST /v3/Token HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: xchunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n".utf8)
        }
        let (status, body) = Self.split(answer)
        #expect(status == "HTTP/1.1 400 Bad Request", "answered \(answer.prefix(200))")
        #expect(body.hasSuffix(#"{"message":"The request is not valid HTTP: its framing (Content-Length, Transfer-Encoding) or syntax cannot be read."}"#), "answered \(body.prefix(200))")
    }
}
