import Foundation
import Logging
import RecallCore

/// Log lines, one per event, as text (`2026-11-30T01:02:03.456Z info recall: [key=value] message`) or as JSON objects
/// (`--log-format json`: `{"time":…,"level":…,"label":…,"message":…,"key":"value"}`), for people and for log shippers
/// alike; `recall serve` writes them to standard error.
///
/// swift-log's `StreamLogHandler` formats all metadata again each time a key is set, and Hummingbird sets a request id
/// on every request's logger, work spent on lines that are never written at the default level. Here setting the request id is a field write and any other key a dictionary write; formatting
/// happens only when a line is written, and an access line (`logRequest`) is built straight into the output.
public struct ConsoleLogHandler: LogHandler {
    public enum Format: String, CaseIterable, Sendable {
        case text
        case json
    }

    /// The key Hummingbird gives each request's id.
    static let requestIDKey = "hb.request.id"

    public let label: String
    public let format: Format
    let output: LogOutput
    public var logLevel: Logger.Level = .info
    public var metadataProvider: Logger.MetadataProvider?
    private var requestID: Logger.MetadataValue?
    private var others: Logger.Metadata = [:]

    public init(label: String, format: Format = .text, output: LogOutput = .standardError) {
        self.label = label
        self.format = format
        self.output = output
    }

    public var metadata: Logger.Metadata {
        get {
            var all = others
            all[Self.requestIDKey] = requestID
            return all
        }
        set {
            others = newValue
            requestID = others.removeValue(forKey: Self.requestIDKey)
        }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { key == Self.requestIDKey ? requestID : others[key] }
        set {
            if key == Self.requestIDKey { requestID = newValue } else { others[key] = newValue }
        }
    }

    public func log(event: LogEvent) {
        // A handful of keys (the request id and an access line's four): a sorted array is cheaper than merged
        // dictionaries; later sources win, as `Logger` documents.
        var fields = others.map { (key: $0.key, value: $0.value) }
        if let requestID { fields.append((Self.requestIDKey, requestID)) }
        for source in [metadataProvider?.get(), event.metadata] {
            for (key, value) in source ?? [:] {
                if let index = fields.firstIndex(where: { $0.key == key }) { fields[index].value = value } else { fields.append((key, value)) }
            }
        }
        fields.sort { $0.key < $1.key }
        let now = LogOutput.now()
        switch format {
        case .text:
            output.write(level: event.level) { line in
                Self.appendText(now, level: event.level, label: label, message: event.message.description, fields: fields, to: &line)
            }
        case .json:
            let text = Self.json(time: LogOutput.Pending.timestamp(now), level: event.level, label: label, message: event.message.description, fields: fields)
            output.write(level: event.level) { line in line.bytes += text.utf8 }
        }
    }

    /// The access line of a finished request: what `log` writes for `logger.info("request", metadata: [duration_ms,
    /// method, path, status])`, built straight into the output without the metadata dictionary, the sorted fields and
    /// the line's own buffer, one line per request. False when this handler's line would
    /// carry more than those fields and the request id (other metadata, a metadata provider) or is JSON: the caller then
    /// logs through `Logger`.
    func logRequest(method: String, path: String, status: Int, nanoseconds: UInt64) -> Bool {
        guard format == .text, others.isEmpty, metadataProvider == nil else { return false }
        guard logLevel <= .info else { return true }
        let requestID = requestID.map { "\($0)" }
        let now = LogOutput.now()
        output.write(level: .info) { line in
            Self.appendPrefix(now, level: .info, label: label, to: &line)
            // The keys in order, as `log` sorts them.
            line.bytes += " [duration_ms=".utf8
            let micros = Int(nanoseconds / 1000)
            Self.appendDecimal(micros / 1000, to: &line.bytes)
            line.bytes.append(UInt8(ascii: "."))
            DecimalDigits.append(micros % 1000, width: 3, to: &line.bytes)
            if let requestID {
                line.bytes += " hb.request.id=".utf8
                line.bytes += requestID.utf8
            }
            line.bytes += " method=".utf8
            line.bytes += method.utf8
            line.bytes += " path=".utf8
            line.bytes += path.utf8
            line.bytes += " status=".utf8
            Self.appendDecimal(status, to: &line.bytes)
            line.bytes += "] request".utf8
        }
        return true
    }

    /// `2026-11-30T01:02:03.456Z info recall: [key=value key=value] message`, written as bytes rather than built from
    /// interpolated Strings, since an access line is written for every request.
    static func appendText(
        _ now: timespec, level: Logger.Level, label: String, message: String, fields: [(key: String, value: Logger.MetadataValue)],
        to line: inout LogOutput.Pending
    ) {
        appendPrefix(now, level: level, label: label, to: &line)
        if !fields.isEmpty {
            line.bytes += " [".utf8
            for (index, field) in fields.enumerated() {
                if index > 0 { line.bytes.append(UInt8(ascii: " ")) }
                line.bytes += field.key.utf8
                line.bytes.append(UInt8(ascii: "="))
                switch field.value {
                case .string(let text): line.bytes += text.utf8
                default: line.bytes += field.value.description.utf8
                }
            }
            line.bytes.append(UInt8(ascii: "]"))
        }
        line.bytes.append(UInt8(ascii: " "))
        line.bytes += message.utf8
    }

    /// `2026-11-30T01:02:03.456Z info recall:`
    private static func appendPrefix(_ now: timespec, level: Logger.Level, label: String, to line: inout LogOutput.Pending) {
        line.appendTimestamp(now)
        line.bytes.append(UInt8(ascii: " "))
        line.bytes += level.rawValue.utf8
        line.bytes.append(UInt8(ascii: " "))
        line.bytes += label.utf8
        line.bytes.append(UInt8(ascii: ":"))
    }

    /// A non-negative number's decimal digits, without leading zeros.
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        var width = 1, limit = 10
        while value >= limit, width < 19 {
            width += 1
            limit &*= 10
        }
        DecimalDigits.append(value, width: width, to: &out)
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
}
