import Foundation
import RecallCore
import RecallMail

/// A Maildir or Maildir++ tree: the root is Inbox, `.Sub.Child` folders become `Inbox`'s siblings `Sub/Child`.
public struct MaildirSource: MessageSource {
    private var pending: [(folder: [String], entry: MaildirEntry)] = []
    private var index = 0
    public let folders: [[String]]
    private let totalBytes: UInt64
    private var doneBytes: UInt64 = 0

    public init(root: URL) throws {
        let reader = MaildirReader(root: root)
        var folders: [[String]] = []
        var totalBytes: UInt64 = 0
        for (folder, entries) in try reader.allEntries() {
            let path = folder.path.isEmpty ? ["Inbox"] : folder.path
            folders.append(path)
            for entry in entries {
                pending.append((path, entry))
                totalBytes += (try? FileManager.default.attributesOfItem(atPath: entry.url.path)[.size] as? UInt64) ?? 0
            }
        }
        self.folders = folders
        self.totalBytes = totalBytes
    }

    public var scope: Set<String>? { nil }
    public var progress: (done: UInt64, total: UInt64) { (doneBytes, totalBytes) }

    public mutating func next() throws -> IncomingMessage? {
        guard index < pending.count else { return nil }
        let (folder, entry) = pending[index]
        index += 1
        let bytes = [UInt8](try Data(contentsOf: entry.url))
        doneBytes += UInt64(bytes.count)
        var flags: MessageFlags = []
        if entry.flags.contains(.seen) { flags.insert(.seen) }
        if entry.flags.contains(.flagged) { flags.insert(.flagged) }
        if entry.flags.contains(.replied) { flags.insert(.replied) }
        let modified = (try? FileManager.default.attributesOfItem(atPath: entry.url.path)[.modificationDate] as? Date) ?? nil
        return IncomingMessage(folderPath: folder, bytes: bytes, flags: flags, sourceName: entry.uniqueName, fallbackReceived: modified.map(Timestamp.init(date:)))
    }
}
