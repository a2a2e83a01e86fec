import Foundation
import HummingbirdTesting
import NIOCore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Connection-level limits: a client cannot hold a connection by trickling a request, nor send huge headers.
@Suite struct ConnectionLimitsTests {
    /// A plain TCP connection to the live test server.
    final class RawConnection: Sendable {
        let descriptor: Int32

        /// `source`: the local address to connect from (any of 127.0.0.0/8 reaches a server on 127.0.0.1, so a test can
        /// play a second client host); `receiveBuffer`: a small one makes a client that does not read stall the server
        /// sooner.
        init(port: Int, source: String? = nil, receiveBuffer: Int32? = nil) throws {
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            if var size = receiveBuffer {
                setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
            }
            if let source {
                var local = sockaddr_in()
                local.sin_family = sa_family_t(AF_INET)
                local.sin_addr.s_addr = inet_addr(source)
                let bound = withUnsafePointer(to: &local) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                guard bound == 0 else { throw POSIXError(.EADDRNOTAVAIL) }
            }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
            var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }

        deinit { close(descriptor) }

        /// False once the peer has closed (or reset) the connection.
        func send(_ text: String) -> Bool {
            Array(text.utf8).withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } > 0
        }

        /// True when the peer has closed: a read returns end of file (or an error other than a timeout).
        func isClosed() -> Bool {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = recv(descriptor, &buffer, buffer.count, 0)
            return count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
        }

        /// Everything the peer sends until it closes (the requests say `Connection: close`), or 30 s at most.
        func readAll() -> String {
            var data = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 4096)
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                let count = recv(descriptor, &buffer, buffer.count, 0)
                if count > 0 {
                    data += buffer[0..<count]
                } else if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK) {
                    break
                }
            }
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// Runs blocking work on a new thread and waits for it without holding a cooperative thread.
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    @Test func aClientTricklingItsHeaders_isDisconnectedAfterTheReadTimeout() async throws {
        let recall = try await TestRecall(requestReadTimeout: 1)
        defer { recall.remove() }
        try await recall.withClient(.live) { client in
            let port = try #require(client.port)
            // Blocking socket calls run on a thread of their own: on the cooperative pool they would starve the
            // server they are talking to.
            let (closed, elapsed, answer) = try await Self.onThread { () throws -> (Bool, TimeInterval, String) in
                let connection = try RawConnection(port: port)
                let start = Date()
                _ = connection.send("GET /v3/Organizations HTTP/1.1\r\nHost: localhost\r\n")
                var closed = false
                for index in 0..<40 where !closed {
                    _ = connection.send("X-Trickle-\(index): x\r\n")  // one header every ~200 ms, never the blank line
                    closed = connection.isClosed()
                }
                let elapsed = Date().timeIntervalSince(start)
                // The server still answers others.
                let other = try RawConnection(port: port)
                _ = other.send("GET /v3/Organizations HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                return (closed, elapsed, other.readAll())
            }
            #expect(closed, "the server kept a trickling connection open for \(elapsed) s")
            #expect(elapsed >= 0.9 && elapsed < 4, "closed after \(elapsed) s")
            #expect(answer.hasPrefix("HTTP/1.1 401"))
        }
    }

    @Test func hugeHeaders_areRefused_andTheServerKeepsServing() async throws {
        let recall = try await TestRecall()
        defer { recall.remove() }
        try await recall.withClient(.live) { client in
            let port = try #require(client.port)
            let answer = try await Self.onThread { () throws -> String in
                let connection = try RawConnection(port: port)
                _ = connection.send("GET /v3/Organizations HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-Big: \(String(repeating: "a", count: 20_000))\r\n\r\n")
                return connection.readAll()
            }
            #expect(answer.isEmpty || answer.hasPrefix("HTTP/1.1 4"), "answered \(answer.prefix(40))")
            #expect(!answer.hasPrefix("HTTP/1.1 2"))
            #expect(try await client.get("/v3/Organizations", token: nil).status == .unauthorized)
        }
    }

    /// Waits up to `seconds` for the peer to close; the time it took, or nil if it stayed open.
    static func timeToClose(_ connection: RawConnection, within seconds: Double) -> TimeInterval? {
        let start = Date()
        while Date().timeIntervalSince(start) < seconds {
            if connection.isClosed() { return Date().timeIntervalSince(start) }
        }
        return nil
    }

    @Test func oneAddressCannotHoldMoreThanItsShareOfConnections_andOthersStillGetIn() async throws {
        let recall = try await TestRecall { $0.maxConnectionsPerAddress = 3 }
        defer { recall.remove() }
        try await recall.withClient(.live) { client in
            let port = try #require(client.port)
            let (extraClosed, heldOpen, other, again) = try await Self.onThread { () throws -> (Bool, Bool, String, String) in
                var held = try (0..<3).map { _ in try RawConnection(port: port, source: "127.0.0.2") }
                Thread.sleep(forTimeInterval: 0.3)
                let extra = try RawConnection(port: port, source: "127.0.0.2")
                let extraClosed = Self.timeToClose(extra, within: 2) != nil
                let heldOpen = !held[0].isClosed()
                let other = try RawConnection(port: port, source: "127.0.0.1")
                _ = other.send("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                let otherAnswer = other.readAll()
                held.removeLast()  // closes one: the address has room again
                Thread.sleep(forTimeInterval: 0.3)
                let next = try RawConnection(port: port, source: "127.0.0.2")
                _ = next.send("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                return (extraClosed, heldOpen, otherAnswer, next.readAll())
            }
            #expect(extraClosed, "a fourth connection from one address stayed open")
            #expect(heldOpen)
            #expect(other.hasPrefix("HTTP/1.1 200"), "another address got \(other.prefix(40))")
            #expect(again.hasPrefix("HTTP/1.1 200"), "after one closed, the address got \(again.prefix(40))")
        }
    }

    @Test func aConnectionThatSendsNothing_isClosedAfterTheFirstRequestTimeout_butAnIdleKeptAliveOneIsNot() async throws {
        let recall = try await TestRecall { $0.firstRequestTimeout = 1 }
        defer { recall.remove() }
        try await recall.withClient(.live) { client in
            let port = try #require(client.port)
            let (silent, keptAlive) = try await Self.onThread { () throws -> (TimeInterval?, TimeInterval?) in
                let silent = try RawConnection(port: port)
                let used = try RawConnection(port: port)
                _ = used.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")
                return (Self.timeToClose(silent, within: 8), Self.timeToClose(used, within: 2.5))
            }
            let closedAfter = try #require(silent, "a connection that sent nothing stayed open for 8 s")
            #expect(closedAfter >= 0.8 && closedAfter < 3, "closed after \(closedAfter) s")
            #expect(keptAlive == nil, "a kept-alive connection was closed after \(keptAlive ?? 0) s, before the 30-s request deadline")
        }
    }
}
