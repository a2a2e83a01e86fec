import Foundation
import Logging
import Testing

@testable import RecallHTTP

@Suite struct ConsoleLogHandlerTests {
    /// A log output into a temporary file, read back line by line with each line's timestamp checked and cut off.
    final class LogFile: @unchecked Sendable {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("recall-log-\(UUID().uuidString)")
        let descriptor: Int32
        let output: LogOutput

        init() {
            descriptor = open(url.path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
            output = LogOutput(fileDescriptor: descriptor)
        }

        func logger(_ format: ConsoleLogHandler.Format = .text) -> Logger {
            Logger(label: "recall") { label in ConsoleLogHandler(label: label, format: format, output: self.output) }
        }

        /// What was written so far, without flushing.
        func written() -> [String] {
            ((try? String(contentsOf: url, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }

        /// The lines after a flush, each without its timestamp (checked against the format).
        func lines() -> [String] {
            output.flush()
            return written().map { line in
                #expect(line.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z "#, options: .regularExpression) != nil, "\(line)")
                return String(line.dropFirst(25))
            }
        }

        deinit {
            close(descriptor)
            try? FileManager.default.removeItem(at: url)
        }
    }

    @Test func anAccessLine_isWhatTheLoggerWritesForTheSameFields() throws {
        let file = LogFile()
        var logger = file.logger()
        logger[metadataKey: "hb.request.id"] = "8a1bcb63f0cbd943"
        logger.info("request", metadata: ["method": "GET", "path": "/v3/RestoreSessions/abc", "status": "200", "duration_ms": "1.234"])
        let console = try #require(logger.handler as? ConsoleLogHandler)
        #expect(console.logRequest(method: "GET", path: "/v3/RestoreSessions/abc", status: 200, nanoseconds: 1_234_567))
        #expect(console.logRequest(method: "POST", path: "/v3/Token", status: 401, nanoseconds: 12_005_040_999))
        #expect(file.lines() == [
            "info recall: [duration_ms=1.234 hb.request.id=8a1bcb63f0cbd943 method=GET path=/v3/RestoreSessions/abc status=200] request",
            "info recall: [duration_ms=1.234 hb.request.id=8a1bcb63f0cbd943 method=GET path=/v3/RestoreSessions/abc status=200] request",
            "info recall: [duration_ms=12005.040 hb.request.id=8a1bcb63f0cbd943 method=POST path=/v3/Token status=401] request",
        ])
    }

    @Test func anAccessLine_goesThroughTheLogger_whenItWouldCarryMore_orIsJSON() throws {
        let file = LogFile()
        var logger = file.logger()
        logger[metadataKey: "tenant"] = "a"
        #expect(try #require(logger.handler as? ConsoleLogHandler).logRequest(method: "GET", path: "/", status: 200, nanoseconds: 0) == false)
        var json = file.logger(.json)
        json[metadataKey: "hb.request.id"] = "1f"
        #expect(try #require(json.handler as? ConsoleLogHandler).logRequest(method: "GET", path: "/", status: 200, nanoseconds: 0) == false)
        json.info("request", metadata: ["status": "200"])
        file.output.flush()
        let written = file.written()
        #expect(written.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(written[0].utf8)) as? [String: String])
        #expect(object.filter { $0.key != "time" } == ["hb.request.id": "1f", "label": "recall", "level": "info", "message": "request", "status": "200"])
    }

    @Test func aQuietLogger_writesNoAccessLine() throws {
        let file = LogFile()
        var logger = file.logger()
        logger.logLevel = .notice
        #expect(try #require(logger.handler as? ConsoleLogHandler).logRequest(method: "GET", path: "/", status: 200, nanoseconds: 0))
        #expect(file.lines().isEmpty)
    }

    @Test func theRequestID_isMetadataLikeAnyOther() {
        let file = LogFile()
        var logger = file.logger()
        logger[metadataKey: "hb.request.id"] = "1"
        logger[metadataKey: "tenant"] = "a"
        #expect(logger[metadataKey: "hb.request.id"] == "1")
        #expect(logger.handler.metadata == ["hb.request.id": "1", "tenant": "a"])
        logger.handler.metadata = ["hb.request.id": "2"]
        #expect(logger[metadataKey: "hb.request.id"] == "2")
        #expect(logger[metadataKey: "tenant"] == nil)
        logger.warning("w", metadata: ["hb.request.id": "3", "a": "b"])
        #expect(file.lines() == ["warning recall: [a=b hb.request.id=3] w"])
    }

    @Test func infoLinesWait_untilAWarningOrAFlush_andKeepTheirOrder() {
        let file = LogFile()
        let logger = file.logger()
        logger.info("first")
        #expect(file.written().isEmpty)
        logger.error("second")
        #expect(file.written().map { $0.dropFirst(25) } == ["info recall: first", "error recall: second"])
    }

    @Test func timestamps_areUTCWithMilliseconds_acrossSeconds() {
        var pending = LogOutput.Pending()
        for (seconds, nanoseconds) in [(0, 5_000_000), (0, 999_999_999), (1_700_000_000, 0), (0, 1_000_000), (951_825_599, 123_456_789)] {
            pending.appendTimestamp(timespec(tv_sec: seconds, tv_nsec: nanoseconds))
            pending.bytes.append(UInt8(ascii: " "))
        }
        #expect(String(decoding: pending.bytes, as: UTF8.self) == [
            "1970-01-01T00:00:00.005Z", "1970-01-01T00:00:00.999Z", "2023-11-14T22:13:20.000Z", "1970-01-01T00:00:00.001Z",
            "2000-02-29T11:59:59.123Z", "",
        ].joined(separator: " "))
    }
}
