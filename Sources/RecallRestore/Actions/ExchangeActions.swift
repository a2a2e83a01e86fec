import Foundation
import Logging
import RecallCore
import RecallMail
import RecallStore

/// Export, save and restore of a session's Exchange items; each records an event in the real product's wording.
public struct ExchangeActions: Sendable {
    let sessions: RestoreSessionService
    let store: any ActionStore
    let clock: any WallClock
    let ids: any IDGenerator
    let registry: ActionRegistry
    static let batch = 200
    /// Bytes gathered before each write of a streamed export (tests lower it to watch writes one by one).
    var chunkSize = OutputChunk.size

    public init(sessions: RestoreSessionService, store: any ActionStore, clock: any WallClock, ids: any IDGenerator) {
        self.sessions = sessions
        self.store = store
        self.clock = clock
        self.ids = ids
        self.registry = sessions.actions
    }

    /// Streams the scope as mboxrd to `write`; returns how many messages went out. The next batch of messages is read
    /// and checked against its hashes while this one is escaped and written, so the two halves share the cores.
    @discardableResult
    public func exportMbox(_ session: RestoreSession, _ target: ActionTarget, write: ([UInt8]) async throws -> Void) async throws -> Int {
        try await running(session) { try await streamMbox(session, target, write: write) }
    }

    private func streamMbox(_ session: RestoreSession, _ target: ActionTarget, write: ([UInt8]) async throws -> Void) async throws -> Int {
        let started = clock.now()
        var (count, failed, bytes) = (0, 0, Int64(0))
        var chunk = OutputChunk(size: chunkSize)
        let (packs, buffers) = (store.openPacks(), ExportBuffers())
        var batch: MessageBatch? = try await exportBatch(session, target.scope, after: nil, packs: packs, buffers: buffers)
        while let current = batch {
            guard !registry.isCancelled(session.id) else { throw RecallError.sessionNotWorking(session.id) }
            async let following = exportBatch(session, target.scope, after: current, packs: packs, buffers: buffers)
            for index in current.entries.indices {
                guard !registry.isCancelled(session.id) else { throw RecallError.sessionNotWorking(session.id) }
                let date = current.entries[index].date
                let size = current.withMessage(index) { message in
                    message.map { message in
                        chunk.fill { MboxEntryWriter.append(message, writeDate: { AsctimeFormat.append(date, to: &$0) }, to: &$0) }
                        return message.count
                    }
                }
                if let size {
                    count += 1
                    bytes += Int64(size)
                } else {
                    failed += 1
                }
                try await chunk.flushIfFull(to: write)
            }
            buffers.recycle(current)
            batch = try await following
        }
        try await chunk.flush(to: write)
        try await record(.export, "exported", session, target, started: started, size: bytes, target: target.fileName(extension: "mbox"), failed: failed, succeeded: count)
        return count
    }

    /// Messages of an export read ahead in one batch; two batches are in memory at once.
    static let exportBatchBytes = 8 << 20

    /// The batch after `previous` (the first when nil), or nil when `previous` was the last.
    private func exportBatch(
        _ session: RestoreSession, _ scope: ItemScope, after previous: MessageBatch?, packs: OpenPacks, buffers: ExportBuffers
    ) async throws -> MessageBatch? {
        if let previous, previous.isLast { return nil }
        return try await store.exportBatch(
            organizationID: session.organizationID, scope: scope, view: PointInTimeView(session.options),
            afterVersion: previous?.entries.last?.versionID ?? 0, maxBytes: Self.exportBatchBytes, packs: packs, buffers: buffers
        )
    }

    /// One item as its `.eml` bytes, or several as a ZIP of `.eml` files, streamed to `write`.
    public func saveEml(_ session: RestoreSession, _ target: ActionTarget, asZip: Bool, write: ([UInt8]) async throws -> Void) async throws {
        try await running(session) { try await streamEml(session, target, asZip: asZip, write: write) }
    }

    private func streamEml(_ session: RestoreSession, _ target: ActionTarget, asZip: Bool, write: ([UInt8]) async throws -> Void) async throws {
        let started = clock.now()
        var zip = ZipStreamWriter()
        var chunk = OutputChunk(size: chunkSize)
        var (count, failed, bytes) = (0, 0, Int64(0))
        try await forEach(session, target.scope) { item, message in
            guard let message else {
                failed += 1
                return
            }
            count += 1
            bytes += Int64(message.count)
            if asZip {
                let subject = ActionTarget(scope: target.scope, name: item.version.metadata.subject, type: "Item", source: "")
                try await chunk.append(zip.entry(name: "\(count)-\(subject.fileName(extension: "eml"))", data: message), to: write)
            } else {
                try await chunk.append(message, to: write)
            }
        }
        if asZip { try await chunk.append(zip.finish(), to: write) }
        try await chunk.flush(to: write)
        try await record(.save, "saved", session, target, started: started, size: bytes, target: target.fileName(extension: asZip ? "zip" : "eml"), failed: failed, succeeded: count)
    }

    /// Restores the scope into the organization's Maildir target.
    public func restore(_ session: RestoreSession, _ target: ActionTarget, options: RestoreOptions) async throws -> RestoreCounts {
        try await running(session) { try await restoreIntoMaildir(session, target, options: options) }
    }

    private func restoreIntoMaildir(_ session: RestoreSession, _ target: ActionTarget, options: RestoreOptions) async throws -> RestoreCounts {
        guard let root = try await store.restoreTarget(organizationID: session.organizationID) else {
            throw RecallError.invalidArgument("This organization has no restore target: run `recall organizations set-target ORG --maildir ROOT` first.")
        }
        try RestoreTargetCheck.prepare(root, dataDirectory: store.directory)
        let started = clock.now()
        let restorer = MaildirRestorer(root: URL(fileURLWithPath: root, isDirectory: true))
        var counts = RestoreCounts()
        var bytes = Int64(0)
        try await forEach(session, target.scope) { item, message in
            guard let message else {
                counts.failed += 1
                return
            }
            bytes += Int64(message.count)
            let known = try await store.versionHashes(itemID: item.version.itemID)
            restorer.restore(item, bytes: message, knownHashes: known, options: options, counts: &counts)
        }
        let destination = options.targetMailbox.map { "\(root)/\($0)" } ?? root
        try await record(
            .restore, "restored", session, target, started: started, size: bytes, target: destination,
            failed: counts.failed, succeeded: counts.created + counts.merged + counts.skipped,
            tally: RestoreTally(restored: counts.created + counts.merged, failed: counts.failed, skipped: counts.skipped)
        )
        return counts
    }

    /// Runs `body` as an action of `session`, counted in the registry so a stop ends it. The caller checked the session
    /// was working, but a stop that came between that check and this count marked nothing: the state is read again
    /// once the action is counted, so a stop either finds it running or is seen here.
    private func running<Result>(_ session: RestoreSession, _ body: () async throws -> Result) async throws -> Result {
        registry.begin(session.id)
        defer { registry.end(session.id) }
        guard try await sessions.isWorking(session.id) else { throw RecallError.sessionNotWorking(session.id) }
        return try await body()
    }

    /// Walks the scope's visible versions in batches with their bytes (nil when missing or damaged), stopping when the
    /// session is stopped. Blob locations come in one read per batch; bytes are read one message at a time.
    private func forEach(_ session: RestoreSession, _ scope: ItemScope, _ body: (ScopedItem, [UInt8]?) async throws -> Void) async throws {
        let view = PointInTimeView(session.options)
        let packs = store.openPacks()
        var after: Int64 = 0
        while true {
            guard !registry.isCancelled(session.id) else { throw RecallError.sessionNotWorking(session.id) }
            let items = try await store.scopedItems(organizationID: session.organizationID, scope: scope, view: view, afterVersion: after, limit: Self.batch)
            let locations = try await store.blobLocations(items.map(\.version.hash))
            for item in items {
                guard !registry.isCancelled(session.id) else { throw RecallError.sessionNotWorking(session.id) }
                try await body(item, try? store.messageBytes(item.version.hash, at: locations[item.version.hash], packs: packs))
            }
            guard let last = items.last, items.count == Self.batch else { return }
            after = last.version.versionID
        }
    }

    private func record(
        _ type: SessionEventType, _ verb: String, _ session: RestoreSession, _ target: ActionTarget, started: Timestamp, size: Int64,
        target destination: String, failed: Int, succeeded: Int, tally: RestoreTally? = nil
    ) async throws {
        let status: SessionEventStatus = failed == 0 ? .success : (succeeded > 0 ? .warning : .failed)
        let item = EventItem(name: target.name, type: target.type, sizeBytes: size, source: target.source, target: destination)
        let detail = "(type: \(target.type); source: \(target.source); target: \(destination))"
        let message = failed == 0
            ? "Item \(target.name) was \(verb) successfully \(detail)"
            : "Item \(target.name) was \(verb) with \(failed) failed item(s) of \(failed + succeeded) \(detail)"
        let title = failed == 0 ? "\(target.type) is successfully \(verb)." : "\(target.type) is \(verb) with errors."
        let draft = SessionEventDraft(
            id: ids.make(), type: type, status: status, startTime: started, endTime: clock.now(), title: title, message: message, item: item
        )
        try await sessions.recordAction(session.id, draft, failed: failed, succeeded: succeeded, tally: tally)
    }
}
