import Foundation
import HummingbirdTesting
@testable import RecallCore
@testable import RecallRestore
import Testing

@Suite struct ActionCancellationTests {
    /// A repository with history, the admin, a session exploring it and the organization as the action's target.
    static func exploring() async throws -> (TestRecall, User, RestoreSession, ActionTarget) {
        let recall = try await TestRecall()
        try ExploreTests.importHistory(recall)
        let admin = try #require(try await recall.store.user(named: "admin"))
        let session = try await recall.env.sessions.explore(
            organizationID: recall.organization.id,
            options: ExploreOptions(pointInTime: CivilTime(year: 2026, month: 1, day: 8).timestamp), owner: admin
        )
        let target = ActionTarget(scope: .organization, name: "contoso.onmicrosoft.com", type: "Organization", source: "contoso.onmicrosoft.com")
        return (recall, admin, session, target)
    }

    @Test func stoppingASession_endsItsRunningExport() async throws {
        let (recall, admin, session, target) = try await Self.exploring()
        defer { recall.remove() }
        var written = 0
        var actions = recall.env.actions
        actions.chunkSize = 1  // a write per message, so the stop lands between two messages
        await #expect(throws: RecallError.sessionNotWorking(session.id)) {
            try await actions.exportMbox(session, target) { _ in
                written += 1
                if written == 1 { try await recall.env.sessions.stop(id: session.id, for: admin) }
            }
        }
        let events = try await recall.store.events(sessionID: session.id, offset: 0, limit: 10).events
        #expect(events.map(\.title) == ["Restore session started", "Restore session stopped"])
        // The stopped session is forgotten once its export has ended: the registry once kept every stopped session.
        #expect(recall.env.sessions.actions.remembered == 0)
    }

    /// An action whose handler saw the session working, but which starts after a stop, is refused and writes nothing:
    /// the registry no longer remembers stopped sessions, so the action looks at the session's state itself.
    @Test func anActionStartingAfterAStop_isRefused_andNothingIsRemembered() async throws {
        let (recall, admin, session, target) = try await Self.exploring()
        defer { recall.remove() }
        try await recall.env.sessions.stop(id: session.id, for: admin)
        #expect(recall.env.sessions.actions.remembered == 0)
        var written = 0
        await #expect(throws: RecallError.sessionNotWorking(session.id)) {
            try await recall.env.actions.exportMbox(session, target) { _ in written += 1 }
        }
        #expect(written == 0)
        #expect(recall.env.sessions.actions.remembered == 0)
    }
}
