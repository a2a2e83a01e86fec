import Foundation

/// Reads a message file without following a link to somewhere else: a Maildir or a directory of `.eml` files may be
/// written by the mailbox's owner, who could otherwise plant a link to a file only the importing user can read and
/// then read it back through an export.
public enum RegularFile {
    /// A file's bytes and modification time, or why it was not read.
    public enum Outcome: Sendable {
        case read(bytes: [UInt8], modified: Date)
        /// Not read: a symbolic link (when links are not followed), or not a regular file (a directory, FIFO, device…).
        case skipped(reason: String)
    }

    /// Reads `url` whole. With `followLinks` false the last path component may not be a symbolic link (`O_NOFOLLOW`);
    /// either way only a regular file is read (a FIFO would block the import, a device would never end), and the
    /// type is checked on the opened descriptor, so a file swapped for a link after a directory was listed is not read.
    public static func read(_ url: URL, followLinks: Bool) throws -> Outcome {
        let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | (followLinks ? 0 : O_NOFOLLOW)
        let descriptor = open(url.path, flags)
        guard descriptor >= 0 else {
            let code = errno
            if code == ELOOP { return .skipped(reason: "symbolic link, not followed") }
            throw MailParseError.unreadable(path: url.path, reason: String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw MailParseError.unreadable(path: url.path, reason: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .skipped(reason: "not a regular file") }
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        let modified = Date(timeIntervalSince1970: TimeInterval(time.tv_sec) + TimeInterval(time.tv_nsec) / 1e9)
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let n = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + filled, $0.count - filled, off_t(filled)) }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw MailParseError.unreadable(path: url.path, reason: String(cString: strerror(errno))) }
            if n == 0 { break }  // the file shrank while it was read: keep what is there
            filled += n
        }
        if filled < bytes.count { bytes.removeSubrange(filled...) }
        return .read(bytes: bytes, modified: modified)
    }

    /// What `lstat` says `path` is, without following a link; nil when it does not exist.
    public static func kind(atPath path: String) -> Kind? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    /// A directory entry's type as `lstat` sees it.
    public enum Kind: Sendable { case file, directory, symbolicLink, other }
}
