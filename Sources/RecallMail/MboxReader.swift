import Foundation

/// Streaming reader for mbox files (mboxrd, mboxo, mboxcl without relying on Content-Length).
///
/// Reads the file in `chunkSize` pieces through `FileHandle`; memory use is bounded by the
/// chunk size plus the size of the message currently being assembled. Separator rule: a
/// line starting with exactly `From ` is a separator at the start of the file, after a blank
/// line (LF or CRLF), or — when no blank line precedes it — only if it looks like
/// `From <token> <weekday> <month> …`. Leading blank lines before the first separator are
/// tolerated. Lines longer than the chunk size are processed in pieces, and a message
/// larger than `maxMessageSize` is cut off there (`MboxMessage.isTruncated`), so no input
/// can exhaust memory. The reader is a class (it owns a file handle) and is not thread-safe.
public final class MboxReader {
    /// Number of bytes read from the file so far (for progress reporting).
    public private(set) var bytesRead: UInt64 = 0
    /// Size of the file when it was opened (0 if unknown).
    public let totalBytes: UInt64

    private let handle: FileHandle
    private let path: String
    private let chunkSize: Int
    private let maxMessageSize: Int
    private var continuingLine = false  // the next range continues an over-long line
    private var buffer: [UInt8] = []
    private var pos = 0              // start of the next unconsumed line in `buffer`
    private var scanFrom = 0         // resume point of the LF search
    private var bufferBase: UInt64 = 0  // file offset of buffer[0]
    private var atEOF = false
    private var pendingSeparator: (offset: UInt64, line: [UInt8])?

    /// Opens `url`; throws `MailParseError.notAnMbox` if a non-empty file does not start with `From `.
    /// Messages longer than `maxMessageSize` bytes are truncated to that size.
    public init(url: URL, chunkSize: Int = 1 << 20, maxMessageSize: Int = 256 << 20) throws {
        path = url.path
        self.chunkSize = min(max(chunkSize, 4096), 1 << 26)
        self.maxMessageSize = max(maxMessageSize, 0)
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw MailParseError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? NSNumber
        totalBytes = size?.uint64Value ?? 0
        try locateFirstSeparator()
    }

    deinit {
        try? handle.close()
    }

    /// Closes the underlying file; later calls to `next()` return nil.
    public func close() {
        try? handle.close()
        pendingSeparator = nil
        buffer = []
        pos = 0
        scanFrom = 0
    }

    /// Returns the next message, or nil at the end of the file.
    public func next() throws -> MboxMessage? {
        guard let separator = pendingSeparator else { return nil }
        pendingSeparator = nil
        while continuingLine, try nextLine() != nil {}  // rest of an over-long separator line
        var body: [UInt8] = []
        var truncated = false
        var blankLength = 0  // bytes appended for the previous line if it was blank, else 0
        var afterBlank = false  // the previous line was blank, even if past `maxMessageSize` and so not appended
        while true {
            if !continuingLine { copyOrdinaryLines(into: &body, blankLength: &blankLength, afterBlank: &afterBlank) }
            guard let (line, isContinuation) = try nextLine() else { break }
            let (start, end) = (line.lowerBound, line.upperBound)
            if !isContinuation, MboxSeparator.isSeparator(buffer, start, end, afterBlank: afterBlank) {
                body.removeLast(min(blankLength, body.count))
                pendingSeparator = (bufferBase + UInt64(start), Array(buffer[start..<end]))
                return makeMessage(separator, body, truncated)
            }
            let from = start + (isContinuation ? 0 : MboxSeparator.escapeLength(buffer, start, end))
            let room = maxMessageSize - body.count
            let take = min(end - from, max(room, 0))
            if take < end - from { truncated = true }
            if take > 0 {
                buffer.withUnsafeBufferPointer { all in
                    body.append(contentsOf: UnsafeBufferPointer(rebasing: all[from..<(from + take)]))
                }
            }
            let blank = !isContinuation && !continuingLine && ByteText.isBlankLine(buffer, start, end)
            blankLength = blank ? take : 0
            afterBlank = blank
        }
        body.removeLast(min(blankLength, body.count))
        return makeMessage(separator, body, truncated)
    }

    /// Appends, in one copy, the run of complete lines at `pos` that can be neither a separator nor mboxrd-escaped
    /// (they start with neither `F` nor `>`) and fit under `maxMessageSize`; the line-by-line path handles the rest.
    private func copyOrdinaryLines(into body: inout [UInt8], blankLength: inout Int, afterBlank: inout Bool) {
        let start = pos
        var end = pos
        var lastBlank = -1
        let limit = start + max(0, maxMessageSize - body.count)
        buffer.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return }
            while end < all.count {
                let first = all[end]
                if first == 0x46 || first == 0x3E { break }  // F, >
                guard let hit = memchr(base + end, 0x0A, all.count - end) else { break }
                let next = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                if next > limit { break }
                let length = next - end
                lastBlank = length == 1 || (length == 2 && first == ByteText.cr) ? length : 0
                end = next
            }
        }
        guard end > start else { return }
        buffer.withUnsafeBufferPointer { all in
            body.append(contentsOf: UnsafeBufferPointer(rebasing: all[start..<end]))
        }
        blankLength = lastBlank
        afterBlank = lastBlank > 0
        pos = end
        scanFrom = end
    }

    private func makeMessage(_ separator: (offset: UInt64, line: [UInt8]), _ body: [UInt8],
                             _ truncated: Bool) -> MboxMessage {
        let envelope = MboxSeparator.envelope(separator.line)
        return MboxMessage(bytes: body, envelopeSender: envelope.sender, envelopeDate: envelope.date,
                           offset: separator.offset, isTruncated: truncated)
    }

    /// Skips leading blank lines and checks that the first line is a `From ` line.
    private func locateFirstSeparator() throws {
        while true {
            while pos < buffer.count, buffer[pos] == ByteText.lf || buffer[pos] == ByteText.cr {
                pos += 1
            }
            if buffer.count - pos >= MboxSeparator.fromSpace.count { break }
            if atEOF { break }
            try fill()
        }
        scanFrom = pos
        guard pos < buffer.count else { return }  // empty (or blank-only) file: no messages
        guard MboxSeparator.startsWithFrom(buffer, pos, buffer.count) else {
            throw MailParseError.notAnMbox(path: path)
        }
        guard let (line, _) = try nextLine() else { return }
        pendingSeparator = (bufferBase + UInt64(line.lowerBound), Array(buffer[line]))
    }

    /// The next line (including its LF) as a range into `buffer`, valid until the next call.
    /// A line longer than the chunk size is returned in pieces; `isContinuation` is true for
    /// every piece but the first (and `continuingLine` is true while more pieces follow).
    private func nextLine() throws -> (range: Range<Int>, isContinuation: Bool)? {
        let isContinuation = continuingLine
        while true {
            if let lf = ByteText.indexOfLF(in: buffer, from: max(scanFrom, pos), end: buffer.count) {
                let line = pos..<(lf + 1)
                pos = lf + 1
                scanFrom = pos
                continuingLine = false
                return (line, isContinuation)
            }
            if atEOF || buffer.count - pos >= chunkSize {
                guard pos < buffer.count else { return nil }
                let line = pos..<buffer.count
                pos = buffer.count
                scanFrom = pos
                continuingLine = !atEOF
                return (line, isContinuation)
            }
            scanFrom = buffer.count
            try fill()
        }
    }

    /// Drops consumed bytes and appends the next chunk; sets `atEOF` when the file is exhausted.
    private func fill() throws {
        if pos > 0 {
            buffer.removeSubrange(0..<pos)  // only a partial line (< chunkSize) remains
            bufferBase += UInt64(pos)
            scanFrom -= pos
            pos = 0
        }
        let data: Data?
        do {
            data = try handle.read(upToCount: chunkSize)
        } catch {
            throw MailParseError.unreadable(path: path, reason: error.localizedDescription)
        }
        guard let data, !data.isEmpty else {
            atEOF = true
            return
        }
        bytesRead += UInt64(data.count)
        data.withUnsafeBytes { raw in buffer.append(contentsOf: raw) }
    }
}
