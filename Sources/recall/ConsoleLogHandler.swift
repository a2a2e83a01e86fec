import Foundation
import Logging
import Synchronization

/// Log lines on standard error, one per event, as text
/// (`2026-11-30T01:02:03.456Z info recall: [key=value] message`) or as JSON objects (`--log-format json`:
/// `{"time":…,"level":…,"label":…,"message":…,"key":"value"}`), for people and for log shippers alike.
///
/// swift-log's `StreamLogHandler` formats all metadata again each time a key is set, and Hummingbird sets a
/// request id on every request's logger: that was 5 % of a `GET /v3/RestoreSessions/{id}` profile for lines that
/// are never written at the default level. Here setting a key is a dictionary write; formatting happens only when
/// a line is written, and lines are written in batches (see `pending`).
struct ConsoleLogHandler: LogHandler {
    enum Format: String, CaseIterable, Sendable {
        case text
        case json
    }

    let label: String
    let format: Format
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    init(label: String, format: Format = .text) {
        self.label = label
        self.format = format
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let explicit = event.metadata { all.merge(explicit) { _, new in new } }
        let time = Self.timestamp()
        let line = switch format {
        case .text: Self.text(time: time, level: event.level, label: label, message: event.message.description, metadata: all)
        case .json: Self.json(time: time, level: event.level, label: label, message: event.message.description, metadata: all)
        }
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        Self.write(bytes, level: event.level)
    }

    static func text(time: String, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        let fields = metadata.isEmpty ? "" : " [" + metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") + "]"
        return "\(time) \(level) \(label):\(fields) \(message)"
    }

    static func json(time: String, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        var object: [String: String] = [:]
        for (key, value) in metadata { object[key] = "\(value)" }
        object["time"] = time
        object["level"] = level.rawValue
        object["label"] = label
        object["message"] = message
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// UTC with milliseconds, `2026-11-30T01:02:03.456Z`, from `gmtime_r` (Foundation's formatters cost more than
    /// the rest of an access-log line).
    static func timestamp(_ now: timespec = Self.now()) -> String {
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let millis = Int(now.tv_nsec / 1_000_000)
        let fraction = millis < 10 ? "00\(millis)" : (millis < 100 ? "0\(millis)" : "\(millis)")
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(fraction)Z"
    }

    private static func now() -> timespec {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return now
    }

    /// Lines waiting to be written. An access-log line per request was a tenth of the server's time when each was
    /// its own `write(2)`, so lines below `warning` are gathered and written together at most 100 ms later (or at
    /// 64 KiB); a warning or worse is written at once, after what is waiting, so order is kept.
    private static let pending = Mutex(Pending())

    private struct Pending {
        var bytes: [UInt8] = []
        var flusherStarted = false
    }

    private static func write(_ line: [UInt8], level: Logger.Level) {
        pending.withLock { pending in
            pending.bytes += line
            if level >= .warning || pending.bytes.count >= 64 * 1024 {
                writeAll(pending.bytes)
                pending.bytes.removeAll(keepingCapacity: true)
            } else if !pending.flusherStarted {
                pending.flusherStarted = true
                Thread.detachNewThread { flushPeriodically() }
            }
        }
    }

    /// Writes whatever is waiting (the server calls it before it exits).
    static func flush() {
        pending.withLock { pending in
            guard !pending.bytes.isEmpty else { return }
            writeAll(pending.bytes)
            pending.bytes.removeAll(keepingCapacity: true)
        }
    }

    private static func flushPeriodically() {
        while true {
            usleep(100_000)
            flush()
        }
    }

    /// Called with `pending` locked, so batches never interleave or overtake each other.
    private static func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(STDERR_FILENO, raw.baseAddress! + offset, raw.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
