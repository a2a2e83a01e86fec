import Foundation

/// One folder of a Maildir tree: the root (`path == []`) or a Maildir++ / nested subfolder.
public struct MaildirFolder: Sendable, Equatable {
    /// Decoded folder path, e.g. `["Sub", "Child"]`; empty for the root (the caller's Inbox).
    public var path: [String]
    /// Directory holding this folder's `cur/`, `new/` and `tmp/`.
    public var url: URL
    /// That directory relative to the Maildir root (`""` for the root), for messages about it.
    public var directory: String

    /// Creates a folder value.
    public init(path: [String], url: URL, directory: String = "") {
        self.path = path
        self.url = url
        self.directory = directory
    }

    /// Messages in `cur/` and `new/` (never `tmp/`), sorted by unique name then path.
    /// Hidden files are skipped; a missing `cur/` or `new/` is fine; links and special files are left out.
    public func entries() throws -> [MaildirEntry] {
        var skipped: [String] = []
        return try entries(skipped: &skipped)
    }

    /// The same, adding each link, special file or directory left out of `cur/` and `new/` to `skipped`.
    public func entries(skipped: inout [String]) throws -> [MaildirEntry] {
        var entries: [MaildirEntry] = []
        for sub in ["cur", "new"] {
            let dir = url.appendingPathComponent(sub, isDirectory: true)
            guard RegularFile.kind(atPath: dir.path) == .directory else { continue }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            } catch {
                throw MailParseError.unreadable(path: dir.path, reason: error.localizedDescription)
            }
            let prefix = (directory.isEmpty ? "" : directory + "/") + sub + "/"
            for name in names.sorted() where !name.hasPrefix(".") {
                switch RegularFile.kind(atPath: dir.appendingPathComponent(name).path) {
                case .file: entries.append(MaildirEntry(fileName: name, subdirectory: sub, folderURL: url))
                case .symbolicLink: skipped.append(prefix + name + ": symbolic link, not followed")
                case .directory, .other: skipped.append(prefix + name + ": not a regular file")
                case nil: continue  // removed since the listing
                }
            }
        }
        return entries.sorted {
            $0.uniqueName != $1.uniqueName ? $0.uniqueName < $1.uniqueName : $0.relativePath < $1.relativePath
        }
    }

    /// Whether `url` has a real `cur/` or `new/` directory; a `cur` or `new` that is a link is reported and ignored.
    static func isMaildir(_ url: URL, relative: String, skipped: inout [String]) -> Bool {
        var found = false
        for sub in ["cur", "new"] {
            switch RegularFile.kind(atPath: url.appendingPathComponent(sub).path) {
            case .directory: found = true
            case .symbolicLink: skipped.append((relative.isEmpty ? "" : relative + "/") + sub + ": symbolic link, not followed")
            default: continue
            }
        }
        return found
    }
}
