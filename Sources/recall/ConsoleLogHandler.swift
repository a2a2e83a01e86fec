import Foundation
import Logging

/// Log lines on standard error, `2026-11-30T01:02:03Z info recall: [key=value] message`.
///
/// swift-log's `StreamLogHandler` formats all metadata again each time a key is set, and Hummingbird sets a
/// request id on every request's logger: that was 5 % of a `GET /v3/RestoreSessions/{id}` profile for lines that
/// are never written at the default level. Here setting a key is a dictionary write; formatting happens only when
/// a line is written.
struct ConsoleLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    init(label: String) {
        self.label = label
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(
        level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
        file: String, function: String, line: UInt
    ) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let explicit { all.merge(explicit) { _, new in new } }
        let fields = all.isEmpty ? "" : " [" + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") + "]"
        let text = "\(Date.now.formatted(.iso8601)) \(level) \(label):\(fields) \(message)\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}
