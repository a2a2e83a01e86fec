import Foundation
import Logging
import RecallCore
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
        // A handful of keys (the request id and an access line's four): a sorted array is cheaper than merged
        // dictionaries; later sources win, as `Logger` documents.
        var fields = metadata.map { (key: $0.key, value: $0.value) }
        for source in [metadataProvider?.get(), event.metadata] {
            for (key, value) in source ?? [:] {
                if let index = fields.firstIndex(where: { $0.key == key }) { fields[index].value = value } else { fields.append((key, value)) }
            }
        }
        fields.sort { $0.key < $1.key }
        var bytes: [UInt8]
        switch format {
        case .text:
            bytes = Self.text(level: event.level, label: label, message: event.message.description, fields: fields)
        case .json:
            bytes = Array(Self.json(time: Self.timestamp(), level: event.level, label: label, message: event.message.description, fields: fields).utf8)
        }
        bytes.append(0x0A)
        Self.write(bytes, level: event.level)
    }

    /// `2026-11-30T01:02:03.456Z info recall: [key=value key=value] message`, written as bytes: building it from
    /// interpolated Strings was 5 % of a `GET /v3/RestoreSessions/{id}` profile.
    static func text(
        time now: timespec = Self.now(), level: Logger.Level, label: String, message: String, fields: [(key: String, value: Logger.MetadataValue)]
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(160 + message.utf8.count)
        appendTimestamp(now, to: &out)
        out.append(UInt8(ascii: " "))
        out += level.rawValue.utf8
        out.append(UInt8(ascii: " "))
        out += label.utf8
        out.append(UInt8(ascii: ":"))
        if !fields.isEmpty {
            out += " [".utf8
            for (index, field) in fields.enumerated() {
                if index > 0 { out.append(UInt8(ascii: " ")) }
                out += field.key.utf8
                out.append(UInt8(ascii: "="))
                switch field.value {
                case .string(let text): out += text.utf8
                default: out += field.value.description.utf8
                }
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: " "))
        out += message.utf8
        return out
    }

    static func json(time: String, level: Logger.Level, label: String, message: String, fields: [(key: String, value: Logger.MetadataValue)]) -> String {
        var object: [String: String] = [:]
        for (key, value) in fields { object[key] = "\(value)" }
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
        var out: [UInt8] = []
        appendTimestamp(now, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendTimestamp(_ now: timespec, to out: inout [UInt8]) {
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let fields: [(Int, Int, Unicode.Scalar)] = [
            (Int(parts.tm_year) + 1900, 4, "-"), (Int(parts.tm_mon) + 1, 2, "-"), (Int(parts.tm_mday), 2, "T"), (Int(parts.tm_hour), 2, ":"),
            (Int(parts.tm_min), 2, ":"), (Int(parts.tm_sec), 2, "."), (Int(now.tv_nsec / 1_000_000), 3, "Z"),
        ]
        for (value, width, separator) in fields {
            DecimalDigits.append(value, width: width, to: &out)
            out.append(UInt8(ascii: separator))
        }
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
