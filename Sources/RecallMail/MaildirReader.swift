import Foundation

/// Lists the folders of a Maildir / Maildir++ tree.
///
/// The root directory is folder `[]` when it has `cur/` or `new/`. Maildir++ subfolders are the root's
/// dot-directories (`.Sub.Child` → `["Sub", "Child"]`, modified UTF-7 decoded). Nested "fs layout" folders
/// (`Sub/Child/cur`) are also recognised, and below the root a directory's name is taken as it is, leading dot
/// included (`Sub/.Drafts/cur` → `["Sub", ".Drafts"]`). Symbolic links are never followed — not for folders, not
/// for `cur/` or `new/`, not for message files — and each one met is reported in `MaildirScan.skipped`; so are
/// folders past the depth and count limits (depth ≤ 16, at most 100 000 folders and 1 000 000 directories walked).
/// Order is deterministic. The root itself may be a link: it is the path the user named.
public struct MaildirReader: Sendable {
    /// The Maildir root directory.
    public let root: URL
    static let maxNesting = 16
    static let maxFolders = 100_000
    static let maxDirectories = 1_000_000

    /// Creates a reader for `root` (nothing is read until `folders()`).
    public init(root: URL) {
        self.root = root
    }

    /// All folders that contain `cur/` or `new/`, sorted with the root first, then by path.
    /// Throws `MailParseError.notAMaildir` if there are none.
    public func folders() throws -> [MaildirFolder] {
        try scan().folders.map(\.folder)
    }

    /// Convenience: the entries of every folder, in folder order.
    public func allEntries() throws -> [(folder: MaildirFolder, entries: [MaildirEntry])] {
        try scan().folders.map { ($0.folder, $0.entries) }
    }

    /// The folders with their entries, and what was left out and why.
    public func scan() throws -> MaildirScan {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDir), isDir.boolValue else {
            throw MailParseError.notAMaildir(path: root.path)
        }
        var walk = Walk()
        try walk.visit(root, relative: "", path: [], depth: 0)
        guard !walk.folders.isEmpty else { throw MailParseError.notAMaildir(path: root.path) }
        var scan = MaildirScan(skipped: walk.skipped)
        for folder in walk.folders.sorted(by: { $0.path.lexicographicallyPrecedes($1.path) }) {
            scan.folders.append(.init(folder: folder, entries: try folder.entries(skipped: &scan.skipped)))
        }
        return scan
    }

    /// One depth-first walk of the tree, never through a link.
    private struct Walk {
        var folders: [MaildirFolder] = []
        var skipped: [String] = []
        var directories = 0
        var seen: [[String]: String] = [:]
        var truncated = false

        mutating func visit(_ url: URL, relative: String, path: [String], depth: Int) throws {
            directories += 1
            if MaildirFolder.isMaildir(url, relative: relative, skipped: &skipped) {
                if let first = seen[path] {
                    skipped.append("\(relative): the same folder as \(first.isEmpty ? "the root" : first); not imported")
                } else if folders.count >= MaildirReader.maxFolders {
                    if !truncated { skipped.append("\(relative): more than \(MaildirReader.maxFolders) folders; this and the rest not imported") }
                    truncated = true
                } else {
                    seen[path] = relative
                    folders.append(MaildirFolder(path: path, url: url, directory: relative))
                }
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: url.path)
            } catch {
                if depth == 0 { throw MailParseError.unreadable(path: url.path, reason: error.localizedDescription) }
                skipped.append("\(relative): cannot be read (\(error.localizedDescription))")
                return
            }
            for name in names.sorted() where !["cur", "new", "tmp"].contains(name) {
                let child = url.appendingPathComponent(name, isDirectory: true)
                let childRelative = relative.isEmpty ? name : relative + "/" + name
                switch RegularFile.kind(atPath: child.path) {
                case .symbolicLink:
                    skipped.append("\(childRelative): symbolic link, not followed")
                case .directory:
                    let childPath: [String]
                    if depth == 0 && name.hasPrefix(".") {
                        childPath = MaildirFolderName.decode(name)
                        if childPath.isEmpty {
                            skipped.append("\(childRelative): not a Maildir++ folder name")
                            continue
                        }
                    } else {
                        childPath = path + [ModifiedUTF7.decode(name)]
                    }
                    guard depth < MaildirReader.maxNesting, directories < MaildirReader.maxDirectories else {
                        skipped.append("\(childRelative): nested too deep or too many directories; not read")
                        continue
                    }
                    try visit(child, relative: childRelative, path: childPath, depth: depth + 1)
                default:
                    continue  // index files, uidlists, keywords: not mail
                }
            }
        }
    }
}

/// What `MaildirReader.scan()` found.
public struct MaildirScan: Sendable {
    /// A folder and its messages.
    public struct Folder: Sendable {
        public var folder: MaildirFolder
        public var entries: [MaildirEntry]
    }

    public var folders: [Folder] = []
    /// Paths relative to the root, each with why it was not read (symbolic links, special files, duplicate or
    /// too deep folders). Raw text from the file system: escape it before printing.
    public var skipped: [String]
}
