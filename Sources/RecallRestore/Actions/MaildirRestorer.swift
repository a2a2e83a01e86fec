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
/// creates no duplicates. Every directory below the root is reached by descriptor without following links
/// (`DirectoryHandle`), so a link planted in the tree cannot send a write, a read or a removal outside it.
final class MaildirRestorer {
    /// A message file found in a folder: its directory (`new` or `cur`), name and content hash.
    private struct Existing {
        let sub: String
        let name: String
        let hash: ContentHash
    }

    private struct FolderState {
        var hashes: Set<ContentHash> = []
        var byMessageID: [String: [Existing]] = [:]
    }

    private let root: String
    private var folders: [String: FolderState] = [:]
    /// The last folder's `tmp/`, `new/` and `cur/`, held open: items come mostly folder by folder, and walking from
    /// the root again for each cost six opens per message. Only one folder's are kept, so a restore of many folders
    /// holds three descriptors, not three per folder.
    private var open: (key: String, tmp: DirectoryHandle, new: DirectoryHandle, cur: DirectoryHandle)?
    private var counter = 0

    init(root: URL) {
        self.root = root.path
    }

    /// The directory names from the root to a folder: `Inbox` is the Maildir itself, anything else a Maildir++
    /// subfolder (`.Sent Items`, `.Inbox.Projects`).
    static func components(address: String, folder: [String]) -> [String] {
        if folder == ["Inbox"] || folder.isEmpty { return [address] }
        return [address, MaildirFolderName.encode(folder)]
    }

    /// Restores one item. `knownHashes` are the hashes of every stored version of the same item: a message already in
    /// the folder with the same Message-ID is replaced only when it is one of them, since a Message-ID is chosen by
    /// whoever sent the mail and another message may carry it.
    func restore(_ item: ScopedItem, bytes: [UInt8], knownHashes: Set<ContentHash>, options: RestoreOptions, counts: inout RestoreCounts) {
        let version = item.version
        if version.endReason == .deleted, !options.deletedItems {
            counts.skipped += 1
            return
        }
        let address = options.targetMailbox ?? item.mailboxAddress
        let folder = options.targetFolder.map { $0 + item.folderPath } ?? item.folderPath
        // Addresses are validated where they come in; this guards the restore target whatever the caller did.
        guard Mailbox.isValid(address: address) else {
            counts.failed += 1
            return
        }
        let components = Self.components(address: address, folder: folder)
        let key = components.joined(separator: "/")
        do {
            let (tmp, new, cur) = try handles(key: key, components: components)
            var state = try folders[key] ?? scan(new: new, cur: cur)
            defer { folders[key] = state }
            if state.hashes.contains(version.hash) {
                counts.skipped += 1
                return
            }
            var replaced: [Existing] = []
            if let messageID = version.metadata.messageID, let existing = state.byMessageID[messageID] {
                replaced = existing.filter { knownHashes.contains($0.hash) }
                if !replaced.isEmpty, !options.changedItems {
                    counts.skipped += 1
                    return
                }
            }
            var flags = version.flags
            if options.markRestoredAsUnread { flags.remove(.seen) }
            try write(bytes, flags: flags, tmp: tmp, new: new, cur: cur)
            for old in replaced { try? (old.sub == "new" ? new : cur).remove(old.name) }
            state.hashes.insert(version.hash)
            if let messageID = version.metadata.messageID {
                state.byMessageID[messageID]?.removeAll { old in replaced.contains { $0.name == old.name && $0.sub == old.sub } }
            }
            if replaced.isEmpty { counts.created += 1 } else { counts.merged += 1 }
        } catch {
            counts.failed += 1
        }
    }

    /// The folder's `tmp/`, `new/` and `cur/`, reached from the root one name at a time (created when missing).
    private func handles(key: String, components: [String]) throws -> (DirectoryHandle, DirectoryHandle, DirectoryHandle) {
        if let open, open.key == key { return (open.tmp, open.new, open.cur) }
        open = nil
        var directory = try DirectoryHandle.root(root)
        for name in components { directory = try directory.directory(name) }
        let handles = (key: key, tmp: try directory.directory("tmp"), new: try directory.directory("new"), cur: try directory.directory("cur"))
        open = handles
        return (handles.tmp, handles.new, handles.cur)
    }

    /// The messages already in a folder. Only regular files are read: a link, a pipe or a device is passed over.
    private func scan(new: DirectoryHandle, cur: DirectoryHandle) throws -> FolderState {
        var state = FolderState()
        for (sub, directory) in [("new", new), ("cur", cur)] {
            for name in try directory.names() {
                guard let bytes = directory.readRegularFile(name) else { continue }
                let hash = BlobPackWriter.hash(bytes)
                state.hashes.insert(hash)
                if let id = MessageSummary.parse(bytes).messageID { state.byMessageID[id, default: []].append(Existing(sub: sub, name: name, hash: hash)) }
            }
        }
        return state
    }

    private func write(_ bytes: [UInt8], flags: MessageFlags, tmp: DirectoryHandle, new: DirectoryHandle, cur: DirectoryHandle) throws {
        counter += 1
        let now = Date().timeIntervalSince1970
        let unique = "\(Int(now)).M\(Int((now - now.rounded(.down)) * 1_000_000))P\(getpid())Q\(counter).recall"
        try tmp.createFile(unique, bytes: bytes)
        var letters = ""
        if flags.contains(.flagged) { letters += "F" }
        if flags.contains(.replied) { letters += "R" }
        if flags.contains(.seen) { letters += "S" }
        do {
            if flags.isEmpty {
                try tmp.move(unique, to: new, as: unique)
            } else {
                try tmp.move(unique, to: cur, as: "\(unique):2,\(letters)")
            }
        } catch {
            try? tmp.remove(unique)
            throw error
        }
    }
}
