import ArgumentParser

/// `recall`: the Recall server and its administration commands.
@main
struct Recall: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recall",
        abstract: "A self-hosted server for the Veeam Backup for Microsoft 365 restore-session REST API.",
        subcommands: [Serve.self, Users.self, Organizations.self, Import.self, Repository.self, Demo.self]
    )
}
