import ArgumentParser
import Foundation
import RecallCore
import RecallHTTP
import RecallStore

/// Fills a data dir for the HTTP benchmark: users, stopped sessions with events spread over them, one user with
/// `--heavy` sessions, refresh tokens; writes the tokens and ids the wrk scripts need to `--out`.
struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Seed a benchmark store with sessions, events and tokens.")

    @Option(name: .customLong("data-dir"), help: "Data dir to fill (created if missing).") var dataDirectory: String
    @Option(help: "Restore sessions spread over --users users.") var sessions = 1_000
    @Option(help: "Users owning those sessions (the first is `bench`).") var users = 100
    @Option(help: "Events per session.") var events = 3
    @Option(help: "Sessions of the user `heavy`.") var heavy = 1_000
    @Option(name: .customLong("long-session-events"), help: "Events of one extra session of `bench`, for event paging.")
    var longSessionEvents = 600
    @Option(name: .customLong("refresh-tokens"), help: "Refresh tokens to issue to `bench`.") var refreshTokens = 0
    @Option(help: "Organization the sessions explore (created if missing).") var organization = "bench.onmicrosoft.com"
    @Option(help: "Directory for the token and id files.") var out: String

    func run() async throws {
        umask(0o077)
        let store = try SQLiteStore(directory: URL(fileURLWithPath: dataDirectory))
        let ids = RandomIDGenerator()
        let now = SystemClock().now()
        let outURL = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: outURL, withIntermediateDirectories: true)

        let org: Organization
        if let existing = try await store.organization(named: organization) {
            org = existing
        } else {
            org = Organization(id: ids.make(), name: organization, createdAt: now)
            try await store.insert(org)
        }
        let hash = try await BcryptPasswordHasher().hash("bench")
        var owners: [User] = []
        for index in 0..<max(users, 1) {
            let user = User(id: ids.make(), name: index == 0 ? "bench" : "user\(index)", passwordHash: hash, createdAt: now)
            try await store.insert(user)
            owners.append(user)
        }
        let heavyUser = User(id: ids.make(), name: "heavy", passwordHash: hash, createdAt: now)
        try await store.insert(heavyUser)

        var benchSessions: [String] = []
        var batch: [(session: RestoreSession, events: [SessionEventDraft])] = []
        func flush() throws {
            try store.create(batch)
            batch.removeAll(keepingCapacity: true)
        }
        func add(owner: User, eventCount: Int, minute: Int) throws -> RestoreSession {
            let start = now.adding(seconds: Int64(-60 * minute))
            let session = RestoreSession(
                id: ids.make(), ownerID: owner.id, organizationID: org.id, options: ExploreOptions(pointInTime: start),
                creationTime: start, endTime: start.adding(seconds: 30),
                machine: RestoreSessionStateMachine(state: .stopped, result: .success)
            )
            let drafts = (0..<eventCount).map { index in
                SessionEventDraft(
                    id: ids.make(), type: .none, status: .success, startTime: start, endTime: start,
                    title: index == 0 ? SessionEventWording.started : SessionEventWording.stopped,
                    message: index == 0 ? SessionEventWording.started : SessionEventWording.stopped
                )
            }
            batch.append((session, drafts))
            if batch.count >= 5_000 { try flush() }
            return session
        }
        for index in 0..<sessions {
            let session = try add(owner: owners[index % owners.count], eventCount: events, minute: index)
            if index % owners.count == 0, benchSessions.count < 100_000 { benchSessions.append(session.id.description) }
        }
        for index in 0..<heavy { _ = try add(owner: heavyUser, eventCount: events, minute: index) }
        let long = try add(owner: owners[0], eventCount: longSessionEvents, minute: 0)
        try flush()

        let benchToken = OpaqueToken.random()
        let heavyToken = OpaqueToken.random()
        let lifetime: Int64 = 24 * 3600
        var records = [
            TokenRecord(hash: benchToken.storageHash, kind: .access, userID: owners[0].id, issuedAt: now, expiresAt: now.adding(seconds: lifetime)),
            TokenRecord(hash: heavyToken.storageHash, kind: .access, userID: heavyUser.id, issuedAt: now, expiresAt: now.adding(seconds: lifetime)),
        ]
        var refresh: [String] = []
        for _ in 0..<refreshTokens {
            let token = OpaqueToken.random()
            refresh.append(token.text)
            records.append(TokenRecord(hash: token.storageHash, kind: .refresh, userID: owners[0].id, issuedAt: now, expiresAt: now.adding(seconds: lifetime)))
            if records.count >= 10_000 {
                try await store.insert(records)
                records.removeAll(keepingCapacity: true)
            }
        }
        try await store.insert(records)
        try store.close()

        func write(_ name: String, _ lines: [String]) throws {
            try (lines.joined(separator: "\n") + "\n").write(to: outURL.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write("bench-token", [benchToken.text])
        try write("heavy-token", [heavyToken.text])
        try write("session-ids", benchSessions)
        try write("long-session-id", [long.id.description])
        try write("refresh-tokens", refresh)
        try write("organization-id", [org.id.description])
        print("seeded \(sessions + heavy + 1) sessions for \(owners.count + 1) users, \(refreshTokens) refresh tokens")
    }
}
