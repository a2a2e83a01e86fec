import Foundation
import RecallCore

/// A directory held open by descriptor, whose children are reached one name at a time with `openat` and
/// `O_NOFOLLOW`: a restore must never read, write or remove through a symbolic link planted in its target tree.
/// A lexical check of the path (what `standardizedFileURL` gives) cannot see a link, and resolving the path first and
/// then using it leaves a window in which a directory can be swapped for a link; a descriptor cannot be redirected.
final class DirectoryHandle {
    let descriptor: Int32
    /// For messages only: the path the handle was reached by.
    let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close(descriptor) }

    /// The restore root itself, which the operator chose: it may be a link (to another disk, say); nothing below it may.
    static func root(_ path: String) throws -> DirectoryHandle {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(errno, "Cannot open the restore target \(path)") }
        return DirectoryHandle(descriptor: descriptor, path: path)
    }

    /// The child directory `name`, created (mode 0700) when missing. Fails on a link, on anything that is not a
    /// directory, and on a name that is not a single path component.
    func directory(_ name: String, create: Bool = true) throws -> DirectoryHandle {
        try Self.checkComponent(name)
        let flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
        var child = openat(descriptor, name, flags)
        if child < 0, errno == ENOENT, create {
            guard mkdirat(descriptor, name, 0o700) == 0 || errno == EEXIST else { throw Self.failure(errno, "Cannot create \(path)/\(name)") }
            child = openat(descriptor, name, flags)
        }
        guard child >= 0 else { throw Self.failure(errno, "Cannot open \(path)/\(name) as a directory (a link is never followed)") }
        return DirectoryHandle(descriptor: child, path: path + "/" + name)
    }

    /// The names in the directory, without `.` and `..`.
    func names() throws -> [String] {
        let copy = dup(descriptor)
        guard copy >= 0, let stream = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            throw Self.failure(errno, "Cannot list \(path)")
        }
        defer { closedir(stream) }
        rewinddir(stream)
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    /// The bytes of the regular file `name`, or nil when it is a link, a directory, a device or a pipe (opened
    /// non-blocking so a pipe cannot stall the restore), or cannot be read.
    func readRegularFile(_ name: String) -> [UInt8]? {
        guard (try? Self.checkComponent(name)) != nil else { return nil }
        let file = openat(descriptor, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var status = stat()
        guard fstat(file, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(file, $0.baseAddress! + done, $0.count - done) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            done += count
        }
        return bytes
    }

    /// Creates `name` (which must not exist; a link there is not followed), writes `bytes` and syncs them.
    func createFile(_ name: String, bytes: [UInt8]) throws {
        try Self.checkComponent(name)
        let file = openat(descriptor, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard file >= 0 else { throw Self.failure(errno, "Cannot create \(path)/\(name)") }
        var done = 0
        var failed = false
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { write(file, $0.baseAddress! + done, $0.count - done) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                failed = true
                break
            }
            done += count
        }
        let synced = fsync(file) == 0
        close(file)
        guard !failed, synced else {
            unlinkat(descriptor, name, 0)
            throw Self.failure(errno, "Cannot write \(path)/\(name)")
        }
    }

    /// Moves `name` to `other`'s `newName`; both are entries of directories held open, so no path is resolved.
    func move(_ name: String, to other: DirectoryHandle, as newName: String) throws {
        try Self.checkComponent(name)
        try Self.checkComponent(newName)
        guard renameat(descriptor, name, other.descriptor, newName) == 0 else { throw Self.failure(errno, "Cannot move \(path)/\(name) into place") }
    }

    /// Removes the entry `name` itself (a link is removed, never what it points at).
    func remove(_ name: String) throws {
        try Self.checkComponent(name)
        guard unlinkat(descriptor, name, 0) == 0 || errno == ENOENT else { throw Self.failure(errno, "Cannot remove \(path)/\(name)") }
    }

    private static func checkComponent(_ name: String) throws {
        guard !name.isEmpty, name != ".", name != "..", !name.utf8.contains(UInt8(ascii: "/")), !name.utf8.contains(0) else {
            throw RecallError.invalidArgument("\(name.debugDescription) is not a file name.")
        }
    }

    /// `code` comes first so it is read before the message is built.
    private static func failure(_ code: Int32, _ message: String) -> any Error {
        RecallError.unsupported("\(message): \(String(cString: strerror(code))).")
    }
}
