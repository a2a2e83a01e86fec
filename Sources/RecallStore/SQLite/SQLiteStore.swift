import Foundation
import GRDB
import RecallCore
import Synchronization

/// The embedded store: one SQLite database in WAL mode, shared safely by a running server and CLI commands.
///
/// Reads stay async: a synchronous pool read from a request handler blocks one of the few cooperative threads
/// while it waits for a reader connection, and under load (a thousand-session listing beside point lookups) the
/// server stopped answering altogether. Point lookups of one statement skip GRDB's wrapping transaction instead.
public final class SQLiteStore: Sendable {
    let pool: DatabasePool

    /// One statement without GRDB's wrapping transaction (half the cost of a point lookup): SQLite runs a lone
    /// statement in its own implicit read transaction, so it sees one consistent snapshot anyway.
    func readOneStatement<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        try await pool.unsafeRead(body)
    }

    /// The data dir: packs live under it.
    public let directory: URL
    /// Whether the data dir let other users in when it was opened (see `DataDirectoryMode`); commands warn.
    public let directoryMode: DataDirectoryMode
    private let closed = Mutex(false)
    /// Remembered positions of deep pages (see `PageIndex`).
    let pageIndex = PageIndex()

    /// Opens (creating if needed) `recall.sqlite` under `directory` and brings its schema up to date.
    public init(directory: URL) throws {
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        directoryMode = DataDirectoryMode.enforce(on: directory)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let path = directory.appendingPathComponent("recall.sqlite").path
        pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
    }

    /// Flushes the WAL into the main file and releases the database; later calls do nothing.
    public func close() throws {
        guard closed.withLock({ wasClosed in
            defer { wasClosed = true }
            return !wasClosed
        }) else { return }
        _ = try? pool.writeWithoutTransaction { db in
            try db.checkpoint(.truncate)
        }
        try pool.close()
    }

    /// Runs SQLite's own consistency check; empty when the database is sound.
    public func integrityProblems() throws -> [String] {
        try pool.read { db in
            let rows = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            return rows == ["ok"] ? [] : rows
        }
    }
}

extension Timestamp: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { ticks.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Timestamp? {
        Int64.fromDatabaseValue(dbValue).map(Timestamp.init(ticks:))
    }
}

/// Timestamps and identifiers are read straight from the statement's column, as GRDB reads `Int64` and `UUID`: through
/// a `DatabaseValue` first, they were more than a tenth of listing a thousand sessions.
extension Timestamp: StatementColumnConvertible {
    public init(sqliteStatement: SQLiteStatement, index: CInt) {
        self.init(ticks: Int64(sqliteStatement: sqliteStatement, index: index))
    }
}

extension Identifier: StatementColumnConvertible {
    public init?(sqliteStatement: SQLiteStatement, index: CInt) {
        guard let uuid = UUID(sqliteStatement: sqliteStatement, index: index) else { return nil }
        self.init(uuid)
    }
}

extension Identifier: SQLExpressible {}
extension Identifier: StatementBinding {}
extension Identifier: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { uuid.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Identifier? {
        UUID.fromDatabaseValue(dbValue).map(Identifier.init)
    }
}

/// Maps a uniqueness violation to the domain's conflict error.
func mapConflict<T>(_ message: @autoclosure () -> String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE || error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
        throw RecallError.conflict(message())
    }
}
