import Foundation

/// The data directory holds the database, the TLS key and every message, so only its owner may enter it. A directory
/// made by Recall is 0700 from the start; one that already existed (made by hand, or by `mkdir` under a loose umask)
/// is tightened when opened, and the caller is told so it can warn.
public enum DataDirectoryMode: Sendable, Equatable {
    /// Nobody else could enter it.
    case ownerOnly
    /// It let others in with `previous` (e.g. 0o755) and is now 0700.
    case tightened(previous: Int)
    /// It lets others in with `mode` and could not be changed (another owner, a read-only mount).
    case loose(mode: Int)

    /// Makes `directory` 0700 when group or others have any permission on it.
    static func enforce(on directory: URL) -> DataDirectoryMode {
        guard let mode = (try? FileManager.default.attributesOfItem(atPath: directory.path))?[.posixPermissions] as? Int else {
            return .ownerOnly
        }
        guard mode & 0o077 != 0 else { return .ownerOnly }
        do {
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
            return .tightened(previous: mode)
        } catch {
            return .loose(mode: mode)
        }
    }

    /// A line for the operator, or nil when there is nothing to say.
    public func warning(for directory: URL) -> String? {
        switch self {
        case .ownerOnly: nil
        case .tightened(let previous):
            "Warning: the data directory \(directory.path) had mode \(Self.octal(previous)), which lets other users read mail and keys; it is now 0700."
        case .loose(let mode):
            "Warning: the data directory \(directory.path) has mode \(Self.octal(mode)), which lets other users read mail and keys, and Recall cannot change it: run chmod 700 on it."
        }
    }

    private static func octal(_ mode: Int) -> String {
        "0" + String(mode & 0o7777, radix: 8)
    }
}
