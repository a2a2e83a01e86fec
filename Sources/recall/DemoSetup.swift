import Foundation
import RecallCore
import RecallHTTP
import RecallStore

/// What `serve --demo` adds to an empty data dir so that every endpoint can be tried at once.
enum DemoSetup {
    static let organizationName = "demo.onmicrosoft.com"

    static func prepare(store: SQLiteStore) async throws {
        let clock = SystemClock()
        let ids = RandomIDGenerator()
        if try await store.users().isEmpty {
            let password = PasswordPrompt.random()
            let user = User(id: ids.make(), name: "admin", passwordHash: try await BcryptPasswordHasher().hash(password), createdAt: clock.now())
            try await store.insert(user)
            Console.line("Created user admin with password \(password) (shown once; change it with `recall users passwd admin`).")
        }
        if try await store.organization(named: organizationName) == nil {
            try await store.insert(Organization(id: ids.make(), name: organizationName, createdAt: clock.now()))
            Console.line("Created organization \(organizationName).")
        }
    }
}
