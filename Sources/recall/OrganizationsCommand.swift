import ArgumentParser
import Foundation
import RecallCore
import RecallRestore
import RecallStore

/// `recall organizations …`: the organizations whose backups can be explored.
struct Organizations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "organizations", abstract: "Manage organizations.", subcommands: [Add.self, List.self, SetTarget.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an organization, e.g. contoso.onmicrosoft.com.")
        @OptionGroup var dataDirectory: DataDirectoryOption
        @Argument(help: "Organization name.") var name: String

        func run() async throws {
            try Organization.validate(name: name)
            let store = try dataDirectory.openStore()
            defer { try? store.close() }
            let organization = Organization(id: RandomIDGenerator().make(), name: name, createdAt: SystemClock().now())
            try await store.insert(organization)
            Console.line("Added organization \(name) (\(organization.id)).")
        }
    }

    struct SetTarget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-target", abstract: "Set where restores go: a directory with one Maildir++ tree per mailbox address."
        )
        @OptionGroup var dataDirectory: DataDirectoryOption
        @Argument(help: "Organization name.") var name: String
        @Option(help: "Root directory of the restore target (created if missing).") var maildir: String

        func run() async throws {
            let store = try dataDirectory.openStore()
            defer { try? store.close() }
            guard let organization = try await store.organization(named: name) else { throw ValidationError("No organization named \(name).") }
            let root = URL(fileURLWithPath: maildir, isDirectory: true).standardizedFileURL
            do {
                try RestoreTargetCheck.prepare(root.path, dataDirectory: dataDirectory.url)
            } catch let error as RecallError {
                throw ValidationError(error.message)
            }
            try await store.setRestoreTarget(organizationID: organization.id, maildirRoot: root.path)
            Console.line("Restores of \(name) go to \(root.path)/<mailbox address>/.")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List organizations with their backup range.")
        @OptionGroup var dataDirectory: DataDirectoryOption

        func run() async throws {
            let store = try dataDirectory.openStore()
            defer { try? store.close() }
            for organization in try await store.organizations() {
                let range = organization.backupRange.map { "backups \($0.lowerBound) – \($0.upperBound)" } ?? "no backups"
                Console.row(organization.id.description, organization.name, range)
            }
        }
    }
}
