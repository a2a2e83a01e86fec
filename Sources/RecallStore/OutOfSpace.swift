import Foundation
import GRDB

/// Recognises a write that failed because the data directory's disk is full, whichever layer reported it: SQLite
/// (`SQLITE_FULL`; the transaction is rolled back, so nothing changed), or a file write (`ENOSPC`).
public enum OutOfSpace {
    public static func matches(_ error: any Error) -> Bool {
        if let error = error as? DatabaseError { return error.resultCode == .SQLITE_FULL }
        if let error = error as? CocoaError, error.code == .fileWriteOutOfSpace { return true }
        if let error = error as? POSIXError { return error.code == .ENOSPC }
        let bridged = error as NSError
        if bridged.domain == NSPOSIXErrorDomain, bridged.code == Int(ENOSPC) { return true }
        if let underlying = bridged.userInfo[NSUnderlyingErrorKey] as? NSError { return matches(underlying) }
        return false
    }
}
