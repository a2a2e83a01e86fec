import Foundation
import RecallCore

/// Loose `.eml` files (one RFC 5322 message each), all into one folder.
public struct EMLSource: MessageSource {
    private let urls: [URL]
    private let folder: [String]
    private var index = 0
    private var doneBytes: UInt64 = 0
    private let totalBytes: UInt64

    public init(urls: [URL], folder: [String]) {
        self.urls = urls
        self.folder = folder
        totalBytes = urls.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? UInt64) ?? 0) }
    }

    public var scope: Set<String>? { [MailFolder.key(folder)] }
    public var folders: [[String]] { [folder] }
    public var progress: (done: UInt64, total: UInt64) { (doneBytes, totalBytes) }

    public mutating func next() throws -> IncomingMessage? {
        guard index < urls.count else { return nil }
        let url = urls[index]
        index += 1
        let bytes = [UInt8](try Data(contentsOf: url))
        doneBytes += UInt64(bytes.count)
        let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? nil
        return IncomingMessage(folderPath: folder, bytes: bytes, sourceName: url.lastPathComponent, fallbackReceived: modified.map(Timestamp.init(date:)))
    }
}
