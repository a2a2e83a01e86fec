import ArgumentParser
import Foundation
import RecallBackup
import RecallCore
import RecallDemo
import RecallStore

/// `recall demo`: a deterministic synthetic organization with several restore points.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import the synthetic organization demo.onmicrosoft.com (4 daily restore points).")
    @OptionGroup var dataDirectory: DataDirectoryOption
    @Option(help: "About how many messages the latest restore point holds (20 to 1000000).") var scale = 400
    @Option(help: "Seed: the same seed gives the same mail.") var seed: UInt64 = 1
    @Flag(help: "Print nothing but errors.") var quiet = false

    func validate() throws {
        guard (20...1_000_000).contains(scale) else { throw ValidationError("--scale must be 20 to 1000000.") }
    }

    func run() async throws {
        let store = try dataDirectory.openStore()
        defer { try? store.close() }
        try await DemoImport.run(store: store, dataDirectory: dataDirectory.url, scale: scale, seed: seed, quiet: quiet)
    }
}

/// Imports the demo organization, restore point by restore point, unless it already has backups.
enum DemoImport {
    static func run(store: SQLiteStore, dataDirectory: URL, scale: Int, seed: UInt64, quiet: Bool) async throws {
        let demo = DemoOrganization(seed: seed, scale: scale)
        if let existing = try await store.organization(named: demo.name), existing.isBackedUp {
            if !quiet { Console.line("\(demo.name) already has backups; nothing imported.") }
            return
        }
        let importer = MailboxImporter(store: store, dataDirectory: dataDirectory)
        for (point, date) in demo.restorePoints.enumerated() {
            for mailbox in demo.mailboxes {
                var source = DemoSource(organization: demo, mailbox: mailbox.index, restorePoint: point)
                let summary = try importer.run(
                    organization: demo.name, address: mailbox.address, time: Timestamp(date: date), source: &source,
                    description: "demo seed \(seed) scale \(scale)"
                )
                if !quiet { Console.line(summary.line) }
            }
        }
    }
}
