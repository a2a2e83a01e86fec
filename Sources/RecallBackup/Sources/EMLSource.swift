import Foundation
import RecallCore
import RecallMail

/// Loose `.eml` files (one RFC 5322 message each), all into one folder.
///
/// A file named on the command line is read even when it is a symbolic link (the user chose it); the `*.eml` files
/// found by listing a directory are not followed when they are links, and like anything but a regular file they are
/// left out and listed in `skipped`.
public struct EMLSource: MessageSource {
    private let files: [(url: URL, followLinks: Bool)]
    private let folder: [String]
    private var index = 0
    private var doneBytes: UInt64 = 0
    private let totalBytes: UInt64
    public private(set) var skipped: [String]

    /// Exactly these files (links followed: they were named).
    public init(urls: [URL], folder: [String]) {
        self.init(files: urls.map { ($0, true) }, folder: folder, skipped: [])
    }

    /// Files, or directories whose `*.eml` files are read (not recursively), as given on the command line.
    public init(paths: [String], folder: [String]) throws(RecallError) {
        var files: [(url: URL, followLinks: Bool)] = []
        var skipped: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .invalidArgument("\(path) does not exist.") }
            guard isDirectory.boolValue else {
                files.append((URL(fileURLWithPath: path), true))
                continue
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path)
            } catch {
                throw .invalidArgument("\(path) cannot be read: \(error.localizedDescription)")
            }
            let directory = URL(fileURLWithPath: path, isDirectory: true)
            for name in names.filter({ $0.lowercased().hasSuffix(".eml") }).sorted() {
                let url = directory.appendingPathComponent(name, isDirectory: false)
                switch RegularFile.kind(atPath: url.path) {
                case .file: files.append((url, false))
                case .symbolicLink: skipped.append("\(url.path): symbolic link, not followed")
                case .directory, .other: skipped.append("\(url.path): not a regular file")
                case nil: continue
                }
            }
        }
        self.init(files: files, folder: folder, skipped: skipped)
    }

    private init(files: [(url: URL, followLinks: Bool)], folder: [String], skipped: [String]) {
        self.files = files
        self.folder = folder
        self.skipped = skipped
        totalBytes = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.url.path)[.size] as? UInt64) ?? 0) }
    }

    public var scope: Set<String>? { [MailFolder.key(folder)] }
    public var folders: [[String]] { [folder] }
    public var progress: (done: UInt64, total: UInt64) { (doneBytes, totalBytes) }

    public mutating func next() throws -> IncomingMessage? {
        while index < files.count {
            let file = files[index]
            index += 1
            switch try RegularFile.read(file.url, followLinks: file.followLinks) {
            case .skipped(let reason):
                skipped.append("\(file.url.path): \(reason)")
            case .read(let bytes, let modified):
                doneBytes += UInt64(bytes.count)
                return IncomingMessage(folderPath: folder, bytes: bytes, sourceName: file.url.lastPathComponent, fallbackReceived: Timestamp(date: modified))
            }
        }
        return nil
    }
}
