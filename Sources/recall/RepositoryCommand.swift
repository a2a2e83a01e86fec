import ArgumentParser
import Foundation
import RecallStore

/// `recall repository …`: check and measure the backup repository.
struct Repository: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repository", abstract: "Check and measure the backup repository.", subcommands: [Verify.self, Stats.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Re-hash every blob and check every row points at one; exits 1 on damage.")
        @OptionGroup var dataDirectory: DataDirectoryOption

        func run() async throws {
            let store = try dataDirectory.openStore()
            defer { try? store.close() }
            let report = try store.verifyRepository(blobs: BlobReader(dataDirectory: dataDirectory.url))
            Console.line("Checked \(report.blobsChecked) blobs and \(report.versionsChecked) item versions.")
            for pack in report.orphanPacks { Console.line("note: pack \(pack) is not referenced (left by an interrupted import).") }
            for leftover in ImportStaging.abandoned(dataDirectory: dataDirectory.url) {
                Console.line("note: import \(leftover.id) was interrupted; the next import removes what it left: \(leftover.files.joined(separator: ", ")).")
            }
            guard report.problems.isEmpty else {
                for problem in report.problems { Console.line("DAMAGE: \(problem)") }
                throw ExitCode(1)
            }
            Console.line("Repository is sound.")
        }
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Counts, and logical versus stored bytes.")
        @OptionGroup var dataDirectory: DataDirectoryOption

        func run() async throws {
            let store = try dataDirectory.openStore()
            defer { try? store.close() }
            let s = try store.repositoryStats()
            Console.line("""
                organizations   \(s.organizations)
                mailboxes       \(s.mailboxes)
                folders         \(s.folders)
                restore points  \(s.restorePoints)
                item versions   \(s.itemVersions)
                current items   \(s.currentItems)
                blobs           \(s.blobs)
                logical bytes   \(s.logicalBytes)
                stored bytes    \(s.storedBytes)
                """)
        }
    }
}
