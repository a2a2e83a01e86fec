import ArgumentParser
import RecallCore
import RecallHTTP
import RecallStore

/// `recall users …`: who may log in to the API.
struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Manage API users.", subcommands: [Add.self, List.self, Remove.self, Passwd.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user; asks for the password (stored as a bcrypt hash).")
        @OptionGroup var dataDirectory: DataDirectoryOption
        @Argument(help: "User name, e.g. admin or CONTOSO\\\\operator.") var name: String
        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input instead of prompting.")
        var passwordStdin = false

        func run() async throws {
            try User.validate(name: name)
            let store = try dataDirectory.openStore()
            defer { try? store.close() }
            let password = try PasswordPrompt.read(fromStdin: passwordStdin)
            let user = User(id: RandomIDGenerator().make(), name: name, passwordHash: try await BcryptPasswordHasher().hash(password), createdAt: SystemClock().now())
            try await store.insert(user)
            Console.line("Added user \(name).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")
        @OptionGroup var dataDirectory: DataDirectoryOption

        func run() async throws {
            let store = try dataDirectory.openStore()
            defer { try? store.close() }
            for user in try await store.users() {
                Console.row(user.name, "created \(user.createdAt)")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a user and revoke their tokens.")
        @OptionGroup var dataDirectory: DataDirectoryOption
        @Argument(help: "User name.") var name: String

        func run() async throws {
            let store = try dataDirectory.openStore()
            defer { try? store.close() }
            guard try await store.removeUser(named: name) else { throw ValidationError("No user named \(name).") }
            Console.line("Removed user \(name).")
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a user's password; their tokens stop working.")
        @OptionGroup var dataDirectory: DataDirectoryOption
        @Argument(help: "User name.") var name: String
        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input instead of prompting.")
        var passwordStdin = false

        func run() async throws {
            let store = try dataDirectory.openStore()
            defer { try? store.close() }
            guard try await store.user(named: name) != nil else { throw ValidationError("No user named \(name).") }
            let password = try PasswordPrompt.read(fromStdin: passwordStdin)
            _ = try await store.setPasswordHash(try await BcryptPasswordHasher().hash(password), forUserNamed: name)
            Console.line("Changed the password of \(name).")
        }
    }
}
