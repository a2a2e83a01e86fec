import Foundation
import GRDB
import Testing
@testable import RecallCore
@testable import RecallStore

/// A store whose session reads wait at a gate after reading, to replay a read racing a change.
private final class GatedReads: RestoreSessionStore, @unchecked Sendable {
    let base: SQLiteStore
    private let lock = NSLock()
    private var waiting: CheckedContinuation<Void, Never>?
    private var gated = false

    init(_ base: SQLiteStore) { self.base = base }

    func closeGate() { lock.withLock { gated = true } }
    /// True once a read has fetched its row and is waiting.
    var hasWaitingRead: Bool { lock.withLock { waiting != nil } }
    func openGate() { lock.withLock { gated = false; waiting?.resume(); waiting = nil } }

    func session(id: Identifier<RestoreSession>) async throws -> RestoreSession? {
        let session = try await base.session(id: id)
        if lock.withLock({ gated }) {
            await withCheckedContinuation { continuation in lock.withLock { waiting = continuation } }
        }
        return session
    }

    func create(_ session: RestoreSession, events: [SessionEventDraft]) async throws { try await base.create(session, events: events) }
    func sessions(ownerID: Identifier<User>) async throws -> [RestoreSession] { try await base.sessions(ownerID: ownerID) }
    func sessions(matching query: SessionQuery) async throws -> [RestoreSession] { try await base.sessions(matching: query) }
    func update(
        id: Identifier<RestoreSession>, _ change: @Sendable (inout RestoreSession) throws -> [SessionEventDraft]
    ) async throws -> (RestoreSession, [SessionEvent])? { try await base.update(id: id, change) }
    func touch(id: Identifier<RestoreSession>, at time: Timestamp) async throws { try await base.touch(id: id, at: time) }
    func sessionsToStop(idleSince time: Timestamp) async throws -> [Identifier<RestoreSession>] { try await base.sessionsToStop(idleSince: time) }
    func events(sessionID: Identifier<RestoreSession>, offset: Int, limit: Int) async throws -> EventPage {
        try await base.events(sessionID: sessionID, offset: offset, limit: limit)
    }
    func event(id: Identifier<SessionEvent>, sessionID: Identifier<RestoreSession>) async throws -> SessionEvent? {
        try await base.event(id: id, sessionID: sessionID)
    }
}

@Suite struct CachedRestoreSessionStoreTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("recall-cache-\(UUID().uuidString)")
    let store: SQLiteStore
    let owner = User(id: Identifier(UUID()), name: "adele", passwordHash: "x", createdAt: Timestamp(secondsSince1970: 1_800_000_000))
    let organization = Organization(id: Identifier(UUID()), name: "contoso.onmicrosoft.com", createdAt: Timestamp(secondsSince1970: 1_800_000_000))

    init() async throws {
        store = try SQLiteStore(directory: directory)
        try await store.insert(owner)
        try await store.insert(organization)
    }

    func newSession(_ n: Int = 0) async throws -> RestoreSession {
        var session = RestoreSession(
            id: Identifier(UUID()), ownerID: owner.id, organizationID: organization.id,
            options: ExploreOptions(pointInTime: Timestamp(secondsSince1970: 1_800_000_000)),
            creationTime: Timestamp(secondsSince1970: 1_800_000_000 + Int64(n))
        )
        _ = try session.machine.event(.started)
        try await store.create(session, events: [])
        return session
    }

    static func stop(_ session: inout RestoreSession) throws -> [SessionEventDraft] {
        _ = try session.machine.event(.stopRequested(.requested))
        _ = try session.machine.event(.stopCompleted(.requested))
        return []
    }

    /// Changes the row behind the cache's back (what a second writer would do).
    func markWarningInDatabaseOnly(_ id: Identifier<RestoreSession>) throws {
        try store.pool.write { db in try db.execute(sql: "UPDATE restore_sessions SET result = 'warning' WHERE id = ?", arguments: [id]) }
    }

    @Test func aReadSessionIsServedFromMemory_andAChangeThroughTheCacheIsSeenAtOnce() async throws {
        let cached = CachedRestoreSessionStore(store)
        let session = try await newSession()
        #expect(try await cached.session(id: session.id)?.result == .success)
        try markWarningInDatabaseOnly(session.id)
        #expect(try await cached.session(id: session.id)?.result == .success, "served from memory, no database read")
        _ = try await cached.update(id: session.id, Self.stop)
        let after = try await cached.session(id: session.id)
        #expect(after?.state == .stopped)
        #expect(after?.result == .warning, "read again from the database after the change")
        #expect(try await store.session(id: session.id)?.state == .stopped)
    }

    @Test func aReadRacingAStop_cannotPutThePreStopStateBack() async throws {
        let gated = GatedReads(store)
        let cached = CachedRestoreSessionStore(gated)
        let session = try await newSession()
        gated.closeGate()
        let racingRead = Task { try await cached.session(id: session.id) }
        while !gated.hasWaitingRead { try await Task.sleep(for: .milliseconds(1)) }
        _ = try await cached.update(id: session.id, Self.stop)  // finishes while the read holds the old row
        gated.openGate()
        #expect(try await racingRead.value?.state == .working, "the racing read itself saw the row before the stop")
        #expect(try await cached.session(id: session.id)?.state == .stopped)
        #expect(cached.cachedCount == 1)
    }

    @Test func holdsAtMostCapacitySessions_andStillAnswersForTheOthers() async throws {
        let cached = CachedRestoreSessionStore(store, capacity: 2)
        var sessions: [RestoreSession] = []
        for n in 0..<3 { sessions.append(try await newSession(n)) }
        for session in sessions { #expect(try await cached.session(id: session.id) == session) }
        #expect(cached.cachedCount == 2)
        for session in sessions { #expect(try await cached.session(id: session.id)?.id == session.id) }
        #expect(try await cached.session(id: Identifier(UUID())) == nil)
        #expect(cached.cachedCount == 2)
    }

    @Test func touchMovesLastActivityForwardOnly() async throws {
        let cached = CachedRestoreSessionStore(store)
        let session = try await newSession()
        _ = try await cached.session(id: session.id)
        let later = Timestamp(secondsSince1970: 1_800_000_100)
        try await cached.touch(id: session.id, at: later)
        try await cached.touch(id: session.id, at: Timestamp(secondsSince1970: 1_800_000_050))
        #expect(try await cached.session(id: session.id)?.lastActivity == later)
        #expect(try await store.session(id: session.id)?.lastActivity == later)
    }
}

@Suite struct ServeLockTests {
    @Test func aSecondServerOnTheSameDataDirIsRefused_untilTheFirstEnds() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("recall-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var first: ServeLock? = try ServeLock(dataDirectory: directory)
        #expect(throws: RecallError.self) { try ServeLock(dataDirectory: directory) }
        withExtendedLifetime(first) {}
        first = nil
        #expect(throws: Never.self) { _ = try ServeLock(dataDirectory: directory) }
        let mode = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("serve.lock").path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
