import Foundation

/// Walks a message's MIME tree (multipart bodies only, bounded depth and part count)
/// and collects attachments.
///
/// A part is an attachment when its `Content-Disposition` is `attachment`, or when it is
/// neither `text/*` nor `multipart/*` and carries a `filename` / `name` parameter.
/// Encapsulated `message/rfc822` parts are not descended into.
struct MIMEAttachmentScanner {
    static let maxDepth = 20
    static let maxParts = 10_000

    private(set) var hasAttachments = false
    private(set) var attachmentNames: [String] = []
    private(set) var warnings: [String] = []
    /// Lowercased `type/subtype` of the outermost entity.
    private(set) var rootContentType = "text/plain"
    private var partCount = 0

    /// Scans the entity whose headers are `headers` and whose body is `bytes[body]`.
    mutating func scan(_ bytes: [UInt8], headers: MessageHeaders, body: Range<Int>, depth: Int = 0) {
        let contentType = Self.contentType(headers)
        if depth == 0 { rootContentType = contentType.value }
        let disposition = headers.first("content-disposition").map(MIMEHeaderValue.parse)
        if contentType.value.hasPrefix("multipart/") {
            guard depth < Self.maxDepth else { warn("MIME nesting too deep"); return }
            guard let boundary = contentType.parameter("boundary"), !boundary.isEmpty else {
                warn("multipart without boundary")
                return
            }
            for part in Self.parts(bytes, body, boundary: Array(boundary.utf8)) {
                partCount += 1
                guard partCount <= Self.maxParts else { warn("too many MIME parts"); return }
                let partHeaders = MessageHeaders.parse(bytes, in: part, skipEnvelopeLine: false)
                scan(bytes, headers: partHeaders, body: partHeaders.bodyOffset..<part.upperBound, depth: depth + 1)
            }
            return
        }
        for w in contentType.warnings + (disposition?.warnings ?? []) { warn(w) }
        let filename = [disposition?.parameter("filename"), contentType.parameter("name")]
            .compactMap { $0?.trimmingASCIIWhitespace() }
            .first { !$0.isEmpty }
        let isAttachment = disposition?.value == "attachment"
            || (!contentType.value.hasPrefix("text/") && filename != nil)
        guard isAttachment else { return }
        hasAttachments = true
        if let name = filename { attachmentNames.append(name) }
    }

    /// The parsed `Content-Type`, defaulting to `text/plain` when missing or malformed.
    static func contentType(_ headers: MessageHeaders) -> MIMEHeaderValue {
        guard let raw = headers.first("content-type") else { return MIMEHeaderValue(value: "text/plain") }
        var parsed = MIMEHeaderValue.parse(raw)
        let pieces = parsed.value.split(separator: "/", omittingEmptySubsequences: false)
        if pieces.count != 2 || pieces.contains(where: { $0.isEmpty || $0.contains(where: { $0 == " " }) }) {
            parsed.value = "text/plain"
        }
        return parsed
    }

    /// Byte ranges of the body parts between `--boundary` delimiter lines.
    static func parts(_ bytes: [UInt8], _ body: Range<Int>, boundary: [UInt8]) -> [Range<Int>] {
        let delimiter = [0x2D, 0x2D] + boundary
        let end = min(body.upperBound, bytes.count)
        var ranges: [Range<Int>] = []
        var partStart: Int?
        var i = max(0, body.lowerBound)
        while i < end {
            let lineEnd = ByteText.indexOfLF(in: bytes, from: i, end: end).map { $0 + 1 } ?? end
            if bytes[i] == 0x2D, let closing = delimiterKind(bytes, i, lineEnd, delimiter) {
                if let start = partStart {
                    ranges.append(start..<max(start, lineBreakStart(bytes, before: i, floor: start)))
                }
                if closing { return ranges }
                partStart = lineEnd
                if ranges.count >= maxParts { return ranges }
            }
            i = lineEnd
        }
        if let start = partStart, start < end { ranges.append(start..<end) }  // truncated: no close
        return ranges
    }

    /// nil if the line is not a delimiter; true for the closing `--boundary--`.
    private static func delimiterKind(_ bytes: [UInt8], _ start: Int, _ end: Int, _ delimiter: [UInt8]) -> Bool? {
        guard ByteText.hasPrefix(bytes, at: start, end: end, delimiter) else { return nil }
        var j = start + delimiter.count
        var closing = false
        if ByteText.hasPrefix(bytes, at: j, end: end, [0x2D, 0x2D]) { closing = true; j += 2 }
        while j < end {
            let b = bytes[j]
            guard b == ByteText.space || b == ByteText.tab || b == ByteText.cr || b == ByteText.lf else { return nil }
            j += 1
        }
        return closing
    }

    /// Start of the line break (LF or CRLF) that ends right before `index`.
    private static func lineBreakStart(_ bytes: [UInt8], before index: Int, floor: Int) -> Int {
        var e = index
        if e > floor, bytes[e - 1] == ByteText.lf { e -= 1 }
        if e > floor, bytes[e - 1] == ByteText.cr { e -= 1 }
        return e
    }

    private mutating func warn(_ w: String) {
        if !warnings.contains(w) { warnings.append(w) }
    }
}
