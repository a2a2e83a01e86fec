#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's open-file limit: every connection is a descriptor, and the usual soft limit of 1 024 let about a
/// thousand idle connections shut the server off from everyone. `recall serve` raises the soft limit to the hard one
/// (the most an unprivileged process may), capped at about a million.
public enum OpenFileLimit {
    /// The soft limit before and after; they are equal when there was nothing to raise or the system refused.
    @discardableResult
    public static func raiseToHardLimit() -> (before: UInt64, after: UInt64) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return (0, 0) }
        let before = UInt64(limit.rlim_cur)
        // RLIM_INFINITY as a soft limit is refused on macOS (OPEN_MAX); a million is far beyond any real load here.
        let target = min(UInt64(limit.rlim_max), 1 << 20)
        guard target > before else { return (before, before) }
        limit.rlim_cur = rlim_t(target)
        guard setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return (before, before) }
        return (before, target)
    }

    /// The soft limit now.
    public static var current: UInt64 {
        var limit = rlimit()
        return getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 ? UInt64(limit.rlim_cur) : 0
    }
}
