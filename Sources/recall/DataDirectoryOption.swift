import ArgumentParser
import Foundation
import RecallStore

/// `--data-dir`, shared by every command.
struct DataDirectoryOption: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Where Recall keeps its database, certificate and blobs.")
    var path: String = "./recall-data"

    var url: URL { URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL }

    /// Opens the store, creating the directory (mode 0700) on first use, and warns when it had let other users in.
    func openStore() throws -> SQLiteStore {
        umask(0o077)
        let store: SQLiteStore
        do {
            store = try SQLiteStore(directory: url)
        } catch {
            throw ValidationError("Cannot open the data directory \(url.path): \(error)")
        }
        if let warning = store.directoryMode.warning(for: url) {
            FileHandle.standardError.write(Data((warning + "\n").utf8))
        }
        return store
    }
}
