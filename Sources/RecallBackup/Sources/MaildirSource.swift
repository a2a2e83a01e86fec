import Foundation
import RecallCore
import RecallMail

/// A Maildir or Maildir++ tree: the root is Inbox, `.Sub.Child` folders become `Inbox`'s siblings `Sub/Child`.
/// Links are never followed (see `MaildirReader`); a folder whose name Recall cannot keep exactly (a control
/// character, over 255 characters) or that would land on another folder's name is left out, and every file or
/// folder left out is listed in `skipped`.
public struct MaildirSource: MessageSource {
    private var pending: [(folder: [String], directory: String, entry: MaildirEntry)] = []
    private var index = 0
    public let folders: [[String]]
    private let totalBytes: UInt64
    private var doneBytes: UInt64 = 0
    public private(set) var skipped: [String]

    public init(root: URL) throws {
        let scan = try MaildirReader(root: root).scan()
        var skipped = scan.skipped
        var folders: [[String]] = []
        var keys: [String: String] = [:]
        var totalBytes: UInt64 = 0
        for (folder, entries) in scan.folders.map({ ($0.folder, $0.entries) }) {
            let path = folder.path.isEmpty ? ["Inbox"] : folder.path
            let shown = folder.directory.isEmpty ? "the root" : folder.directory
            guard path.allSatisfy(MailFolder.isValid(segment:)) else {
                skipped.append("\(shown): folder name has a control character or is over 255 characters; its \(entries.count) messages are not imported")
                continue
            }
            let key = MailFolder.key(path)
            if let first = keys[key] {
                skipped.append("\(shown): folder \(key) is already \(first); its \(entries.count) messages are not imported")
                continue
            }
            keys[key] = shown
            folders.append(path)
            for entry in entries {
                pending.append((path, folder.directory, entry))
                totalBytes += (try? FileManager.default.attributesOfItem(atPath: entry.url.path)[.size] as? UInt64) ?? 0
            }
        }
        self.folders = folders
        self.totalBytes = totalBytes
        self.skipped = skipped
    }

    public var scope: Set<String>? { nil }
    public var progress: (done: UInt64, total: UInt64) { (doneBytes, totalBytes) }

    public mutating func next() throws -> IncomingMessage? {
        while index < pending.count {
            let (folder, directory, entry) = pending[index]
            index += 1
            switch try RegularFile.read(entry.url, followLinks: false) {
            case .skipped(let reason):
                skipped.append("\(directory.isEmpty ? "" : directory + "/")\(entry.relativePath): \(reason)")
            case .read(let bytes, let modified):
                doneBytes += UInt64(bytes.count)
                var flags: MessageFlags = []
                if entry.flags.contains(.seen) { flags.insert(.seen) }
                if entry.flags.contains(.flagged) { flags.insert(.flagged) }
                if entry.flags.contains(.replied) { flags.insert(.replied) }
                return IncomingMessage(folderPath: folder, bytes: bytes, flags: flags, sourceName: entry.uniqueName, fallbackReceived: Timestamp(date: modified))
            }
        }
        return nil
    }
}
