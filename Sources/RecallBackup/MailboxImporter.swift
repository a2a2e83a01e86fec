import Foundation
import RecallCore
import RecallMail
import RecallStore

/// Turns one run of mailbox messages into a restore point: hashes and packs new bytes, matches messages to the
/// previous restore point's versions, and commits everything in one transaction after the pack is durable.
public struct MailboxImporter {
    let store: any ImportStore
    let dataDirectory: URL
    let clock: any WallClock
    let ids: any IDGenerator

    public init(store: any ImportStore, dataDirectory: URL, clock: any WallClock = SystemClock(), ids: any IDGenerator = RandomIDGenerator()) {
        self.store = store
        self.dataDirectory = dataDirectory
        self.clock = clock
        self.ids = ids
    }

    /// Imports `source` as the restore point of `address` in `organization` at `time`. Imports of other mailboxes
    /// run side by side; a second import of the same mailbox waits for the first.
    public func run(
        organization: String, address: String, time: Timestamp, source: inout some MessageSource, description: String,
        progress: (any ImportProgress)? = nil
    ) throws -> ImportSummary {
        var summary = try stage(organization: organization, address: address, time: time, source: &source, description: description, progress: progress)
        summary.skipped = source.skipped
        return summary
    }

    private func stage(
        organization: String, address: String, time: Timestamp, source: inout some MessageSource, description: String,
        progress: (any ImportProgress)?
    ) throws -> ImportSummary {
        try Organization.validate(name: organization)
        try Mailbox.validate(address: address)
        let mailboxLock = try store.lockMailboxForImport(organizationName: organization, address: address, dataDirectory: dataDirectory) {
            progress?.waitingForAnotherImport()
        }
        defer { mailboxLock.release() }
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
        let pack: BlobPackWriter
        do {
            pack = try BlobPackWriter(dataDirectory: dataDirectory, id: staging.id)
        } catch {
            staging.discard()
            throw error
        }
        let reader = BatchReader(source: source)
        defer { source = reader.finish() }
        let writer = SerialWorker()
        do {
            var folders = Set(source.folders.map(MailFolder.key))
            var pending: [StagedMessage] = []
            var pendingMessageIDs: [String?] = []
            while let batch = try reader.next() {
                let first = summary.messages
                let folderKeys = batch.messages.map { MailFolder.key($0.folderPath) }
                var needMetadata: [Int] = []
                for (index, message) in batch.messages.enumerated() {
                    let folder = folderKeys[index]
                    folders.insert(folder)
                    summary.messages += 1
                    summary.bytesRead += UInt64(message.bytes.count)
                    if case .unchanged = matchers[folder]?.matchExactly(hash: batch.hashes[index], flags: message.flags) {
                        summary.unchanged += 1
                    } else {
                        needMetadata.append(index)
                    }
                }
                let parsed = ParallelMap.map(needMetadata.map { batch.messages[$0] }) { MessageMetadataReader.read($0) }
                var staged: [StagedMessage] = []
                for (position, index) in needMetadata.enumerated() {
                    let message = batch.messages[index]
                    let hash = batch.hashes[index]
                    let folder = folderKeys[index]
                    let metadata = parsed[position]
                    if !metadata.warnings.isEmpty {
                        summary.warnings.append("message \(first + index + 1) (\(metadata.subject.isEmpty ? "no subject" : metadata.subject)): \(metadata.warnings.joined(separator: "; "))")
                    }
                    let row = StagedMessage(
                        folderKey: folder, outcome: .new(ids.make()), hash: hash, size: Int64(message.bytes.count),
                        flags: message.flags, sourceName: message.sourceName, metadata: metadata
                    )
                    if let matcher = matchers[folder], !matcher.isExhausted {
                        pending.append(row)
                        pendingMessageIDs.append(metadata.messageID)
                    } else {
                        staged.append(row)
                    }
                }
                let candidates = needMetadata.map { (hash: batch.hashes[$0], checksum: batch.checksums[$0], bytes: batch.messages[$0].bytes) }
                try writer.submit { [staged] in
                    defer { reader.release(batch) }
                    var unknown = try staging.unknownBlobs(candidates.map(\.hash))
                    var blobs: [StagedBlob] = []
                    for candidate in candidates where unknown.remove(candidate.hash) != nil {
                        blobs.append(StagedBlob(hash: candidate.hash, checksum: candidate.checksum, location: try pack.append(candidate.bytes)))
                    }
                    try staging.stage(blobs: blobs, messages: staged)
                }
                progress?.update(messages: summary.messages, bytesDone: batch.progress.done, bytesTotal: batch.progress.total)
            }
            try writer.finish()
            for (index, var staged) in pending.enumerated() {
                let outcome = matchers[staged.folderKey]!.matchLoosely(hash: staged.hash, sourceName: staged.sourceName, messageID: pendingMessageIDs[index])
                if case .changed(let version) = outcome {
                    staged.outcome = .changed(previousVersion: version)
                    try staging.end(version: version, as: .changed)
                }
                try staging.stage(blobs: [], messages: [staged])
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
            try? writer.finish()
            staging.discard()
            pack.discard()
            throw error
        }
    }
}
