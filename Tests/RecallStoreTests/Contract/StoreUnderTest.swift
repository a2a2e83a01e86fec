import Foundation
import RecallCore
import RecallStore
import Testing

/// Everything the contract asks of a store: what the server, the importer and `recall repository stats` use.
typealias ContractStore = ServerStore & ImportStore & RepositoryStatsStore

/// One store implementation the contract suites run against. A second store (PostgreSQL) joins by adding one
/// factory to `all`; no test changes.
struct StoreUnderTest: Sendable, CustomTestStringConvertible {
    let name: String
    /// A fresh, empty store over a new data directory (packs and staging live there whatever keeps the index).
    let make: @Sendable (_ dataDirectory: URL) async throws -> any ContractStore
    /// Releases the store; its data directory is removed afterwards.
    let close: @Sendable (any ContractStore) throws -> Void

    var testDescription: String { name }

    static let all: [StoreUnderTest] = [sqlite]

    static let sqlite = StoreUnderTest(
        name: "SQLite",
        make: { try SQLiteStore(directory: $0) },
        close: { try ($0 as? SQLiteStore)?.close() }
    )

    /// Runs `body` over a fresh store and removes it afterwards, whether `body` succeeded or not.
    func with(_ body: (any ContractStore, URL) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("recall-contract-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await make(directory)
        do {
            try await body(store, directory)
        } catch {
            try? close(store)
            throw error
        }
        try close(store)
    }
}

/// Times and values the contract suites share.
enum Contract {
    static func time(day: Int, hour: Int = 10) -> Timestamp { CivilTime(year: 2026, month: 1, day: day, hour: hour).timestamp }

    static func user(_ name: String, at time: Timestamp = Contract.time(day: 1)) -> User {
        User(id: Identifier(UUID()), name: name, passwordHash: "hash-of-\(name)", createdAt: time)
    }

    static func organization(_ name: String, at time: Timestamp = Contract.time(day: 1)) -> Organization {
        Organization(id: Identifier(UUID()), name: name, createdAt: time)
    }

    static func draft(_ title: String, at time: Timestamp, type: SessionEventType = .none) -> SessionEventDraft {
        SessionEventDraft(id: Identifier(UUID()), type: type, status: .success, startTime: time, endTime: time, title: title, message: "\(title).")
    }

    static func session(owner: User, organization: Organization, created: Timestamp, pointInTime: Timestamp? = nil) -> RestoreSession {
        RestoreSession(
            id: Identifier(UUID()), ownerID: owner.id, organizationID: organization.id,
            options: ExploreOptions(pointInTime: pointInTime ?? created), creationTime: created
        )
    }
}
