import Foundation
import RecallCore
import RecallHTTP
import RecallStore

/// What `serve --demo` adds to an empty data dir (user admin, the demo organization's mail) so every endpoint can be tried at once.
enum DemoSetup {
    static let organizationName = "demo.onmicrosoft.com"

    static func prepare(store: SQLiteStore, dataDirectory: URL) async throws {
        let clock = SystemClock()
        let ids = RandomIDGenerator()
        if try await store.users().isEmpty {
            let password = PasswordPrompt.random()
            let user = User(id: ids.make(), name: "admin", passwordHash: try await BcryptPasswordHasher().hash(password), createdAt: clock.now())
            try await store.insert(user)
            Console.line("Created user admin with password \(password) (shown once; change it with `recall users passwd admin`).")
        }
        if try await store.organization(named: organizationName)?.isBackedUp != true {
            Console.line("Importing the demo organization \(organizationName) (4 restore points)…")
            try await DemoImport.run(store: store, dataDirectory: dataDirectory, scale: 400, seed: 1, quiet: true)
        }
    }
}
