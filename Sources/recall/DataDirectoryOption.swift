import ArgumentParser
import Foundation
import RecallStore

/// `--data-dir`, shared by every command.
struct DataDirectoryOption: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Where Recall keeps its database, certificate and blobs.")
    var path: String = "./recall-data"

    var url: URL { URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL }

    /// Opens the store, creating the directory (mode 0700) on first use.
    func openStore() throws -> SQLiteStore {
        umask(0o077)
        do {
            return try SQLiteStore(directory: url)
        } catch {
            throw ValidationError("Cannot open the data directory \(url.path): \(error)")
        }
    }
}
