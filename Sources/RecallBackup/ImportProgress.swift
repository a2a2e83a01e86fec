/// Where an importer reports how far it got; the CLI draws a bar or writes log lines.
public protocol ImportProgress {
    func update(messages: Int, bytesDone: UInt64, bytesTotal: UInt64)
    /// Another import of the same mailbox is running; this one waits for it before reading anything.
    func waitingForAnotherImport()
}

extension ImportProgress {
    public func waitingForAnotherImport() {}
}

/// What one import run did, for the closing summary.
public struct ImportSummary: Sendable {
    public var mailbox: String
    public var restorePointTime: String
    public var messages = 0
    public var bytesRead: UInt64 = 0
    public var new = 0
    public var changed = 0
    public var unchanged = 0
    public var deleted = 0
    public var storedBytes: Int64 = 0
    /// Messages that did not parse cleanly, with what was wrong; they are stored all the same.
    public var warnings: [String] = []
    /// Files and folders the source left out (links, special files, names Recall cannot keep), each with why.
    public var skipped: [String] = []

    public var line: String {
        "\(mailbox) @ \(restorePointTime): \(messages) messages — \(new) new, \(changed) changed, \(unchanged) unchanged, \(deleted) deleted; \(storedBytes) bytes stored; \(warnings.count) warnings\(skipped.isEmpty ? "" : "; \(skipped.count) skipped")"
    }
}
