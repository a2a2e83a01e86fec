import Foundation

/// Recognises a failure caused by a full disk, whichever layer reported it: a store (which throws
/// `RecallError.outOfSpace` for its own full-disk errors, so nothing above it knows its database), or a file write
/// (`ENOSPC`, e.g. a restore into a Maildir target).
public enum OutOfSpace {
    public static func matches(_ error: any Error) -> Bool {
        if case .outOfSpace? = error as? RecallError { return true }
        if let error = error as? CocoaError, error.code == .fileWriteOutOfSpace { return true }
        if let error = error as? POSIXError { return error.code == .ENOSPC }
        let bridged = error as NSError
        if bridged.domain == NSPOSIXErrorDomain, bridged.code == Int(ENOSPC) { return true }
        if let underlying = bridged.userInfo[NSUnderlyingErrorKey] as? NSError { return matches(underlying) }
        return false
    }
}
