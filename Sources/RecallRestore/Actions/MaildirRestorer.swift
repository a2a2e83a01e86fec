import Foundation
import RecallCore
import RecallMail
import RecallStore

/// How a restore treats what it finds in the target (the `restoreTo` options of the API).
public struct RestoreOptions: Sendable {
    /// Restore into this mailbox address instead of the item's own.
    public var targetMailbox: String?
    /// Restore under this folder path instead of the item's own folder.
    public var targetFolder: [String]?
    /// Overwrite a message of the same Message-ID whose bytes differ (counted as merged); else skip it.
    public var changedItems = true
    /// Restore items deleted by the session's point in time (visible with showDeleted).
    public var deletedItems = true
    public var markRestoredAsUnread = false

    public init() {}
}

/// The answer of a restore action.
public struct RestoreCounts: Hashable, Sendable {
    public var created = 0
    public var merged = 0
    public var failed = 0
    public var skipped = 0

    public init() {}
}

/// Writes restored messages into Maildir++ trees (one per mailbox address under the organization's target root)
/// the way a mail server expects: written and fsynced in `tmp/`, then renamed into `cur/`, so an IMAP server
/// reading the tree never sees half a message. Identical messages already there are skipped, so a rerun
/// creates no duplicates.
final class MaildirRestorer {
    private struct FolderState {
        var hashes: Set<ContentHash> = []
        var byMessageID: [String: [URL]] = [:]
    }

    private let root: URL
    private var folders: [URL: FolderState] = [:]
    private var counter = 0

    init(root: URL) {
        self.root = root
    }

    /// Directory of a folder: `Inbox` is the Maildir itself, anything else a Maildir++ subfolder (`.Sent Items`,
    /// `.Inbox.Projects`).
    func directory(address: String, folder: [String]) -> URL {
        let mailbox = root.appendingPathComponent(address, isDirectory: true)
        if folder == ["Inbox"] || folder.isEmpty { return mailbox }
        return mailbox.appendingPathComponent(MaildirFolderName.encode(folder), isDirectory: true)
    }

    func restore(_ item: ScopedItem, bytes: [UInt8], options: RestoreOptions, counts: inout RestoreCounts) {
        let version = item.version
        if version.endReason == .deleted, !options.deletedItems {
            counts.skipped += 1
            return
        }
        let address = options.targetMailbox ?? item.mailboxAddress
        let folder = options.targetFolder.map { $0 + item.folderPath } ?? item.folderPath
        let directory = directory(address: address, folder: folder)
        do {
            // Addresses are validated where they come in; this guards the restore target whatever the caller did.
            guard Mailbox.isValid(address: address), directory.standardizedFileURL.path.hasPrefix(root.standardizedFileURL.path + "/") else {
                counts.failed += 1
                return
            }
            var state = try folders[directory] ?? scan(directory)
            defer { folders[directory] = state }
            if state.hashes.contains(version.hash) {
                counts.skipped += 1
                return
            }
            var replaced: [URL] = []
            if let messageID = version.metadata.messageID, let existing = state.byMessageID[messageID], !existing.isEmpty {
                guard options.changedItems else {
                    counts.skipped += 1
                    return
                }
                replaced = existing
            }
            var flags = version.flags
            if options.markRestoredAsUnread { flags.remove(.seen) }
            try write(bytes, flags: flags, into: directory)
            for old in replaced { try? FileManager.default.removeItem(at: old) }
            state.hashes.insert(version.hash)
            if let messageID = version.metadata.messageID { state.byMessageID[messageID] = nil }
            if replaced.isEmpty { counts.created += 1 } else { counts.merged += 1 }
        } catch {
            counts.failed += 1
        }
    }

    private func scan(_ directory: URL) throws -> FolderState {
        var state = FolderState()
        let manager = FileManager.default
        for sub in ["tmp", "new", "cur"] {
            try manager.createDirectory(at: directory.appendingPathComponent(sub), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        for sub in ["new", "cur"] {
            let folder = directory.appendingPathComponent(sub)
            for name in try manager.contentsOfDirectory(atPath: folder.path) {
                let url = folder.appendingPathComponent(name)
                guard let data = manager.contents(atPath: url.path) else { continue }
                let bytes = [UInt8](data)
                state.hashes.insert(BlobPackWriter.hash(bytes))
                if let id = MessageSummary.parse(bytes).messageID { state.byMessageID[id, default: []].append(url) }
            }
        }
        return state
    }

    private func write(_ bytes: [UInt8], flags: MessageFlags, into directory: URL) throws {
        counter += 1
        let now = Date().timeIntervalSince1970
        let unique = "\(Int(now)).M\(Int((now - now.rounded(.down)) * 1_000_000))P\(getpid())Q\(counter).recall"
        let temporary = directory.appendingPathComponent("tmp").appendingPathComponent(unique)
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw RecallError.unsupported("Cannot create \(temporary.path).") }
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == bytes.count, synced == 0 else {
            unlink(temporary.path)
            throw RecallError.unsupported("Cannot write \(temporary.path).")
        }
        var letters = ""
        if flags.contains(.flagged) { letters += "F" }
        if flags.contains(.replied) { letters += "R" }
        if flags.contains(.seen) { letters += "S" }
        let final = flags.isEmpty
            ? directory.appendingPathComponent("new").appendingPathComponent(unique)
            : directory.appendingPathComponent("cur").appendingPathComponent("\(unique):2,\(letters)")
        guard rename(temporary.path, final.path) == 0 else {
            unlink(temporary.path)
            throw RecallError.unsupported("Cannot move \(unique) into place.")
        }
    }
}
