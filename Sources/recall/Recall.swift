import ArgumentParser
import Foundation
import RecallCore

/// `recall`: the Recall server and its administration commands.
@main
struct Recall: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recall",
        abstract: "A self-hosted server for the Veeam Backup for Microsoft 365 restore-session REST API.",
        subcommands: [Serve.self, Users.self, Organizations.self, Import.self, Repository.self, Demo.self]
    )

    /// ArgumentParser's own `main`, except that error messages are escaped line by line like everything else
    /// `recall` prints: they quote paths, addresses and folder names as the user or a mailbox file gave them.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                let escaped = message.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { String($0).escapingControlCharacters }.joined(separator: "\n") + "\n"
                if code == .success {
                    FileHandle.standardOutput.write(Data(escaped.utf8))
                } else {
                    FileHandle.standardError.write(Data(escaped.utf8))
                }
            }
            Foundation.exit(code.rawValue)
        }
    }
}
