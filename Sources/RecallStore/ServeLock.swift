import Foundation
import RecallCore

/// An exclusive lock on `serve.lock` in the data dir, held while `recall serve` runs: a second server on the same
/// data dir would keep its own in-memory session cache and idle sweeper and could answer with stale sessions.
/// The kernel drops the lock when the process ends, however it ends (kill -9 included).
public final class ServeLock: Sendable {
    private let descriptor: Int32

    public init(dataDirectory: URL) throws {
        let path = dataDirectory.appendingPathComponent("serve.lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw RecallError.unsupported("Cannot open \(path): \(String(cString: strerror(errno))).")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw RecallError.conflict("Another recall serve is already using the data directory \(dataDirectory.path) (it holds \(path)).")
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
