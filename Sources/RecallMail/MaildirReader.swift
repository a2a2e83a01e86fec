import Foundation

/// Lists the folders of a Maildir / Maildir++ tree.
///
/// The root directory is folder `[]` when it has `cur/` or `new/`. Maildir++ subfolders are
/// the root's dot-directories (`.Sub.Child` → `["Sub", "Child"]`, modified UTF-7 decoded).
/// Nested "fs layout" folders (`Sub/Child/cur`) are also recognised (symbolic links are not
/// followed there, depth ≤ 16, at most 100 000 folders). Order is deterministic.
public struct MaildirReader: Sendable {
    /// The Maildir root directory.
    public let root: URL
    private static let maxNesting = 16
    private static let maxFolders = 100_000

    /// Creates a reader for `root` (nothing is read until `folders()`).
    public init(root: URL) {
        self.root = root
    }

    /// All folders that contain `cur/` or `new/`, sorted with the root first, then by path.
    /// Throws `MailParseError.notAMaildir` if there are none.
    public func folders() throws -> [MaildirFolder] {
        let fm = FileManager.default
        guard Self.isDirectory(root) else { throw MailParseError.notAMaildir(path: root.path) }
        var folders: [MaildirFolder] = []
        if Self.isMaildir(root) { folders.append(MaildirFolder(path: [], url: root)) }
        let names: [String]
        do {
            names = try fm.contentsOfDirectory(atPath: root.path)
        } catch {
            throw MailParseError.unreadable(path: root.path, reason: error.localizedDescription)
        }
        for name in names.sorted() {
            let url = root.appendingPathComponent(name, isDirectory: true)
            if name.hasPrefix(".") {
                let path = MaildirFolderName.decode(name)
                if !path.isEmpty, Self.isMaildir(url) { folders.append(MaildirFolder(path: path, url: url)) }
            } else if !["cur", "new", "tmp"].contains(name), Self.isDirectory(url) {
                collectNested(url, path: [ModifiedUTF7.decode(name)], depth: 1, into: &folders)
            }
        }
        guard !folders.isEmpty else { throw MailParseError.notAMaildir(path: root.path) }
        return folders.sorted { $0.path.lexicographicallyPrecedes($1.path) }
    }

    /// Convenience: the entries of every folder, in folder order.
    public func allEntries() throws -> [(folder: MaildirFolder, entries: [MaildirEntry])] {
        try folders().map { ($0, try $0.entries()) }
    }

    private func collectNested(_ url: URL, path: [String], depth: Int, into folders: inout [MaildirFolder]) {
        guard depth <= Self.maxNesting, folders.count < Self.maxFolders, !Self.isSymbolicLink(url) else { return }
        if Self.isMaildir(url) { folders.append(MaildirFolder(path: path, url: url)) }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return }
        for name in names.sorted() where !name.hasPrefix(".") && !["cur", "new", "tmp"].contains(name) {
            let child = url.appendingPathComponent(name, isDirectory: true)
            if Self.isDirectory(child) {
                collectNested(child, path: path + [ModifiedUTF7.decode(name)], depth: depth + 1, into: &folders)
            }
        }
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
    }

    private static func isSymbolicLink(_ url: URL) -> Bool {
        let type = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
        return type == .typeSymbolicLink
    }

    private static func isMaildir(_ url: URL) -> Bool {
        isDirectory(url.appendingPathComponent("cur")) || isDirectory(url.appendingPathComponent("new"))
    }
}
