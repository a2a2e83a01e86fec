import ArgumentParser
import Foundation
import RecallBackup
import RecallCore

/// `recall import …`: mailbox files become restore points.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import mailbox files as a restore point (one backup run of one mailbox).",
        subcommands: [Mbox.self, Maildir.self, EML.self]
    )

    /// Options every import shares.
    struct Target: ParsableArguments {
        @OptionGroup var dataDirectory: DataDirectoryOption
        @Option(help: "Organization, e.g. contoso.onmicrosoft.com (created on first import).") var organization: String
        @Option(help: "Mailbox address, e.g. adele.vance@contoso.onmicrosoft.com (created on first import).") var mailbox: String
        @Option(help: "Time of the restore point (ISO 8601, yyyy.MM.dd HH:mm, …; UTC when no zone). Default: now.") var at: String?
        @Flag(help: "Print nothing but errors.") var quiet = false

        func time() throws -> Timestamp {
            guard let at else { return SystemClock().now() }
            guard let time = TimestampParser.parse(at) else { throw ValidationError("--at '\(at)' is not a date and time.") }
            return time
        }

        func run(source: inout some MessageSource, description: String) throws {
            let time = try time()
            let store = try dataDirectory.openStore()
            defer { try? store.close() }
            let progress = quiet ? nil : ConsoleProgress(label: mailbox)
            let summary = try MailboxImporter(store: store, dataDirectory: dataDirectory.url).run(
                organization: organization, address: mailbox, time: time, source: &source, description: description, progress: progress
            )
            progress?.finish()
            // Left-out files go to standard error even with --quiet: mail the user asked for was not imported.
            for skipped in summary.skipped.prefix(20) { Console.error("warning: skipped \(skipped)") }
            if summary.skipped.count > 20 { Console.error("warning: … and \(summary.skipped.count - 20) more skipped") }
            guard !quiet else { return }
            Console.line(summary.line)
            for warning in summary.warnings.prefix(20) { Console.line("warning: \(warning)") }
            if summary.warnings.count > 20 { Console.line("… and \(summary.warnings.count - 20) more warnings") }
        }
    }

    struct Mbox: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import an mbox file (mboxrd or mboxo) into one folder.")
        @OptionGroup var target: Target
        @Option(help: "Folder path, e.g. Inbox or Archive/2025.") var folder = "Inbox"
        @Argument(help: "The mbox file.") var file: String

        func run() async throws {
            var source = try MboxSource(url: URL(fileURLWithPath: file), folder: try MailFolder.parse(folder))
            try target.run(source: &source, description: "mbox \(file)")
        }
    }

    struct Maildir: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import a Maildir or Maildir++ tree as the whole mailbox (subfolders become folders).")
        @OptionGroup var target: Target
        @Argument(help: "The Maildir root (with cur/, new/, tmp/).") var directory: String

        func run() async throws {
            var source = try MaildirSource(root: URL(fileURLWithPath: directory, isDirectory: true))
            try target.run(source: &source, description: "maildir \(directory)")
        }
    }

    struct EML: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "eml", abstract: "Import .eml files (or directories of them) into one folder.")
        @OptionGroup var target: Target
        @Option(help: "Folder path, e.g. Inbox.") var folder = "Inbox"
        @Argument(help: "Files, or directories whose *.eml files are read.") var paths: [String]

        func run() async throws {
            var source = try EMLSource(paths: paths, folder: try MailFolder.parse(folder))
            try target.run(source: &source, description: "eml \(paths.joined(separator: " "))")
        }
    }
}
