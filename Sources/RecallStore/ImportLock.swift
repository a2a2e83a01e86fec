import Foundation
import RecallCore

/// An exclusive `flock` on a file, held until `release()` or the end of the process (the kernel drops it however
/// the process ends, so a lock file nobody holds marks an import that died).
public final class ImportLock {
    private var descriptor: Int32
    private let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { release() }

    /// Creates `path` and locks it, or nil when it already exists or someone else locked it first. The lock only
    /// counts if the file is still linked at `path` once held: a cleaner that found it unlocked may have removed it.
    static func create(_ path: String) throws -> ImportLock? {
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { return nil }
            throw RecallError.unsupported("Cannot create \(path): \(String(cString: strerror(errno))).")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0, isLinked(descriptor, at: path) else {
            close(descriptor)
            return nil
        }
        return ImportLock(descriptor: descriptor, path: path)
    }

    /// Locks an existing `path` if nobody holds it (its import is gone), else nil.
    static func takeAbandoned(_ path: String) -> ImportLock? {
        let descriptor = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0, isLinked(descriptor, at: path) else {
            close(descriptor)
            return nil
        }
        return ImportLock(descriptor: descriptor, path: path)
    }

    /// Locks `path` (created if missing, never removed), waiting for its holder if there is one; `onWait` runs once
    /// before waiting.
    static func wait(_ path: String, onWait: () -> Void) throws -> ImportLock {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw RecallError.unsupported("Cannot open \(path): \(String(cString: strerror(errno))).") }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            onWait()
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    close(descriptor)
                    throw RecallError.unsupported("Cannot lock \(path): \(String(cString: strerror(errno))).")
                }
            }
        }
        return ImportLock(descriptor: descriptor, path: path)
    }

    /// Removes the lock file (while still holding it, so nobody can take it in between), then lets go.
    func removeAndRelease() {
        guard descriptor >= 0 else { return }
        unlink(path)
        release()
    }

    /// Lets go of the lock and keeps the file.
    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    private static func isLinked(_ descriptor: Int32, at path: String) -> Bool {
        var held = stat()
        var named = stat()
        guard fstat(descriptor, &held) == 0, lstat(path, &named) == 0 else { return false }
        return held.st_dev == named.st_dev && held.st_ino == named.st_ino
    }
}
