import Foundation
import RecallCore
import RecallMail
import RecallStore

/// Turns one run of mailbox messages into a restore point: hashes and packs new bytes, matches messages to the
/// previous restore point's versions, and commits everything in one transaction after the pack is durable.
public struct MailboxImporter {
    let store: SQLiteStore
    let dataDirectory: URL
    let clock: any WallClock
    let ids: any IDGenerator

    public init(store: SQLiteStore, dataDirectory: URL, clock: any WallClock = SystemClock(), ids: any IDGenerator = RandomIDGenerator()) {
        self.store = store
        self.dataDirectory = dataDirectory
        self.clock = clock
        self.ids = ids
    }

    /// Imports `source` as the restore point of `address` in `organization` at `time`.
    public func run(
        organization: String, address: String, time: Timestamp, source: inout some MessageSource, description: String,
        progress: (any ImportProgress)? = nil
    ) throws -> ImportSummary {
        try Organization.validate(name: organization)
        try Mailbox.validate(address: address)
        let mailbox = try store.mailboxForImport(organizationName: organization, address: address, ids: ids)
        var matchers: [String: VersionMatcher<Int64>] = [:]
        let previous = Dictionary(grouping: try store.currentVersions(mailboxID: mailbox.id, folderKeys: source.scope), by: \.folderKey)
        for (folder, versions) in previous {
            matchers[folder] = VersionMatcher(previous: versions.map {
                .init(id: $0.versionID, hash: $0.hash, flags: $0.flags, sourceName: $0.sourceName, messageID: $0.messageID)
            })
        }
        var summary = ImportSummary(mailbox: address, restorePointTime: time.description)
        let staging = try store.beginImport(dataDirectory: dataDirectory)
        let pack = try BlobPackWriter(dataDirectory: dataDirectory)
        do {
            var folders = Set(source.folders.map(MailFolder.key))
            var pending: [StagedMessage] = []
            var pendingMessageIDs: [String?] = []
            var batch: [IncomingMessage] = []
            var batchBytes = 0
            var exhausted = false
            while !exhausted {
                batch.removeAll(keepingCapacity: true)
                batchBytes = 0
                while batch.count < 512, batchBytes < 16 << 20 {
                    guard let message = try source.next() else {
                        exhausted = true
                        break
                    }
                    batchBytes += message.bytes.count
                    batch.append(message)
                }
                let hashes = ParallelMap.map(batch) { BlobPackWriter.hash($0.bytes) }
                var needMetadata: [Int] = []
                for (index, message) in batch.enumerated() {
                    let folder = MailFolder.key(message.folderPath)
                    folders.insert(folder)
                    summary.messages += 1
                    summary.bytesRead += UInt64(message.bytes.count)
                    if case .unchanged = matchers[folder]?.matchExactly(hash: hashes[index], flags: message.flags) {
                        summary.unchanged += 1
                    } else {
                        needMetadata.append(index)
                    }
                }
                let parsed = ParallelMap.map(needMetadata.map { batch[$0] }) { MessageMetadataReader.read($0) }
                for (position, index) in needMetadata.enumerated() {
                    let message = batch[index]
                    let hash = hashes[index]
                    let folder = MailFolder.key(message.folderPath)
                    if try !staging.hasBlob(hash) {
                        try staging.addBlob(hash, at: try pack.append(message.bytes))
                    }
                    let metadata = parsed[position]
                    if !metadata.warnings.isEmpty {
                        summary.warnings.append("message \(summary.messages - batch.count + index + 1) (\(metadata.subject.isEmpty ? "no subject" : metadata.subject)): \(metadata.warnings.joined(separator: "; "))")
                    }
                    let staged = StagedMessage(
                        folderKey: folder, outcome: .new(ids.make()), hash: hash, size: Int64(message.bytes.count),
                        flags: message.flags, sourceName: message.sourceName, metadata: metadata
                    )
                    if let matcher = matchers[folder], !matcher.isExhausted {
                        pending.append(staged)
                        pendingMessageIDs.append(metadata.messageID)
                    } else {
                        try staging.add(staged)
                    }
                }
                if let progress {
                    let (done, total) = source.progress
                    progress.update(messages: summary.messages, bytesDone: done, bytesTotal: total)
                }
            }
            for (index, var staged) in pending.enumerated() {
                let outcome = matchers[staged.folderKey]!.matchLoosely(hash: staged.hash, sourceName: staged.sourceName, messageID: pendingMessageIDs[index])
                if case .changed(let version) = outcome {
                    staged.outcome = .changed(previousVersion: version)
                    try staging.end(version: version, as: .changed)
                }
                try staging.add(staged)
            }
            for matcher in matchers.values {
                for version in matcher.deleted { try staging.end(version: version, as: .deleted) }
            }
            if pack.isEmpty { pack.discard() } else { try pack.seal() }
            let counts = try store.commitImport(
                staging, mailbox: mailbox, organizationName: organization, folders: folders.sorted(), time: time,
                importedAt: clock.now(), source: description, ids: ids
            )
            summary.new = counts.new
            summary.changed = counts.changed
            summary.deleted = counts.deleted
            summary.storedBytes = counts.storedBytes
            return summary
        } catch {
            staging.discard()
            pack.discard()
            throw error
        }
    }
}
