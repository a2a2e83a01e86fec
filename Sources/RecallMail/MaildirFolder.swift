import Foundation

/// One folder of a Maildir tree: the root (`path == []`) or a Maildir++ / nested subfolder.
public struct MaildirFolder: Sendable, Equatable {
    /// Decoded folder path, e.g. `["Sub", "Child"]`; empty for the root (the caller's Inbox).
    public var path: [String]
    /// Directory holding this folder's `cur/`, `new/` and `tmp/`.
    public var url: URL

    /// Creates a folder value.
    public init(path: [String], url: URL) {
        self.path = path
        self.url = url
    }

    /// Messages in `cur/` and `new/` (never `tmp/`), sorted by unique name then path.
    /// Hidden files and directories are skipped; a missing `cur/` or `new/` is fine.
    public func entries() throws -> [MaildirEntry] {
        var entries: [MaildirEntry] = []
        let fm = FileManager.default
        for sub in ["cur", "new"] {
            let dir = url.appendingPathComponent(sub, isDirectory: true)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else { continue }
            let names: [String]
            do {
                names = try fm.contentsOfDirectory(atPath: dir.path)
            } catch {
                throw MailParseError.unreadable(path: dir.path, reason: error.localizedDescription)
            }
            for name in names where !name.hasPrefix(".") {
                var fileIsDir: ObjCBool = false
                let filePath = dir.appendingPathComponent(name).path
                guard fm.fileExists(atPath: filePath, isDirectory: &fileIsDir), !fileIsDir.boolValue else { continue }
                entries.append(MaildirEntry(fileName: name, subdirectory: sub, folderURL: url))
            }
        }
        return entries.sorted {
            $0.uniqueName != $1.uniqueName ? $0.uniqueName < $1.uniqueName : $0.relativePath < $1.relativePath
        }
    }
}
