import Foundation
import RecallCore

/// Whether a directory can take restores, checked when an operator sets it (`organizations set-target`) and again when
/// a restore starts (a target stored by an older Recall was never checked).
public enum RestoreTargetCheck {
    /// Creates the root when it is missing and throws `invalidArgument` saying why it cannot be used: a relative path;
    /// the file system's root (every mailbox would become a top-level directory, and a restore there failed every
    /// item); Recall's data directory or one of the directories it keeps its repository in; something that is not a
    /// directory; a directory Recall cannot write.
    public static func prepare(_ path: String, dataDirectory: URL) throws {
        let root = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL.resolvingSymlinksInPath()
        let data = dataDirectory.standardizedFileURL.resolvingSymlinksInPath()
        guard path.hasPrefix("/") else { throw refused(path, "it is not an absolute path") }
        guard root.path != "/" else { throw refused(path, "it is the root of the file system") }
        guard root.path != data.path else { throw refused(path, "it is Recall's data directory") }
        if root.path.hasPrefix(data.path + "/") {
            // A directory of its own in the data directory is fine (mailbox directories always hold an `@`, so they
            // cannot meet Recall's files), but not one of the directories Recall keeps its repository in.
            let first = root.path.dropFirst(data.path.count + 1).split(separator: "/").first.map(String.init) ?? ""
            guard !["packs", "tls"].contains(first), !first.hasPrefix("staging") else {
                throw refused(path, "Recall keeps its own files in \(data.path)/\(first)")
            }
        }
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw refused(path, "it cannot be created (\(error.localizedDescription))")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw refused(path, "it is not a directory")
        }
        guard access(root.path, W_OK | X_OK) == 0 else { throw refused(path, "Recall cannot write into it") }
    }

    private static func refused(_ path: String, _ reason: String) -> RecallError {
        .invalidArgument("The restore target \(path) cannot be used: \(reason).")
    }
}
