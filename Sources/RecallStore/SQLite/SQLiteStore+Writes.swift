import GRDB
import RecallCore

/// Every write of the store goes through these, so a full disk leaves the store as `RecallError.outOfSpace` and no
/// caller needs to know that SQLite says `SQLITE_FULL` (the transaction was rolled back, so nothing changed).
extension SQLiteStore {
    func write<T: Sendable>(_ updates: @Sendable (Database) throws -> T) async throws -> T {
        try await Self.mappingFullDisk { try await pool.write(updates) }
    }

    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        try Self.mappingFullDisk { try pool.write(updates) }
    }

    func writeWithoutTransaction<T>(_ updates: (Database) throws -> T) throws -> T {
        try Self.mappingFullDisk { try pool.writeWithoutTransaction(updates) }
    }

    static func mappingFullDisk<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
            throw RecallError.outOfSpace(error.description)
        }
    }

    static func mappingFullDisk<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
            throw RecallError.outOfSpace(error.description)
        }
    }
}
