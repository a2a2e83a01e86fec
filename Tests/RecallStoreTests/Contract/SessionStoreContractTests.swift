import Foundation
import RecallCore
import RecallStore
import Testing

/// Restore sessions and their event logs, as every store must keep them.
@Suite struct SessionStoreContractTests {
    @Test(arguments: StoreUnderTest.all) func aCreatedSession_readsBackWithItsEventsInOrder(_ kind: StoreUnderTest) async throws {
        try await kind.with { store, _ in
            let (owner, organization) = (Contract.user("admin"), Contract.organization("contoso.onmicrosoft.com"))
            try await store.insert(owner)
            try await store.insert(organization)
            let session = Contract.session(owner: owner, organization: organization, created: Contract.time(day: 2))
            try await store.create(session, events: [Contract.draft("Session started", at: Contract.time(day: 2)), Contract.draft("Exploring", at: Contract.time(day: 2))])

            #expect(try await store.session(id: session.id) == session)
            let page = try await store.events(sessionID: session.id, offset: 0, limit: 10)
            #expect(page.total == 2)
            #expect(page.events.map(\.title) == ["Session started", "Exploring"])
            #expect(page.events.map(\.order) == [0, 1])
            let second = try #require(page.events.last)
            #expect(try await store.event(id: second.id, sessionID: session.id) == second)
            #expect(try await store.event(id: second.id, sessionID: Identifier(UUID())) == nil)
            #expect(try await store.session(id: Identifier(UUID())) == nil)
        }
    }

    @Test(arguments: StoreUnderTest.all) func anUpdate_savesTheChange_andAppendsEventsAfterTheLast(_ kind: StoreUnderTest) async throws {
        try await kind.with { store, _ in
            let (owner, organization) = (Contract.user("admin"), Contract.organization("contoso.onmicrosoft.com"))
            try await store.insert(owner)
            try await store.insert(organization)
            let session = Contract.session(owner: owner, organization: organization, created: Contract.time(day: 2))
            try await store.create(session, events: [Contract.draft("Session started", at: Contract.time(day: 2))])
            let stopped = Contract.time(day: 2, hour: 11)

            let result = try await store.update(id: session.id) { session in
                _ = try session.machine.event(.started)
                session.endTime = stopped
                return [Contract.draft("Exported", at: stopped, type: .export), Contract.draft("Session stopped", at: stopped)]
            }
            let (saved, appended) = try #require(result)
            #expect(saved.state == .working)
            #expect(saved.endTime == stopped)
            #expect(appended.map(\.order) == [1, 2])
            #expect(try await store.session(id: session.id) == saved)
            let page = try await store.events(sessionID: session.id, offset: 1, limit: 10)
            #expect(page.total == 3)
            #expect(page.events.map(\.title) == ["Exported", "Session stopped"])
            #expect(page.events.first?.type == .export)

            let unknown = try await store.update(id: Identifier(UUID())) { _ in [Contract.draft("Never", at: stopped)] }
            #expect(unknown == nil)
        }
    }

    @Test(arguments: StoreUnderTest.all) func aUsersSessions_listNewestFirst_andPageByQuery(_ kind: StoreUnderTest) async throws {
        try await kind.with { store, _ in
            let (owner, other, organization) = (Contract.user("admin"), Contract.user("other"), Contract.organization("contoso.onmicrosoft.com"))
            try await store.insert(owner)
            try await store.insert(other)
            try await store.insert(organization)
            var mine: [RestoreSession] = []
            for day in [3, 5, 4] {
                let session = Contract.session(owner: owner, organization: organization, created: Contract.time(day: day))
                try await store.create(session, events: [])
                mine.append(session)
            }
            try await store.create(Contract.session(owner: other, organization: organization, created: Contract.time(day: 6)), events: [])

            let listed = try await store.sessions(ownerID: owner.id)
            #expect(listed.map(\.creationTime) == [Contract.time(day: 5), Contract.time(day: 4), Contract.time(day: 3)])

            var query = SessionQuery(ownerID: owner.id)
            query.ascending = true
            query.limit = 2
            #expect(try await store.sessions(matching: query).map(\.creationTime) == [Contract.time(day: 3), Contract.time(day: 4)])
            query.offset = 2
            #expect(try await store.sessions(matching: query).map(\.creationTime) == [Contract.time(day: 5)])
            var bounded = SessionQuery(ownerID: owner.id)
            bounded.createdFrom = Contract.time(day: 4)
            #expect(try await store.sessions(matching: bounded).map(\.creationTime) == [Contract.time(day: 5), Contract.time(day: 4)])
        }
    }

    @Test(arguments: StoreUnderTest.all) func idleSessions_areTheOnesToStop_untilTouched(_ kind: StoreUnderTest) async throws {
        try await kind.with { store, _ in
            let (owner, organization) = (Contract.user("admin"), Contract.organization("contoso.onmicrosoft.com"))
            try await store.insert(owner)
            try await store.insert(organization)
            let idle = Contract.session(owner: owner, organization: organization, created: Contract.time(day: 2))
            let busy = Contract.session(owner: owner, organization: organization, created: Contract.time(day: 2))
            try await store.create(idle, events: [])
            try await store.create(busy, events: [])
            try await store.touch(id: busy.id, at: Contract.time(day: 2, hour: 12))

            #expect(try await store.sessionsToStop(idleSince: Contract.time(day: 2, hour: 11)) == [idle.id])
            #expect(try await store.session(id: busy.id)?.lastActivity == Contract.time(day: 2, hour: 12))
        }
    }
}
