import Foundation

/// One message read from an mbox file.
public struct MboxMessage: Sendable, Equatable {
    /// The raw RFC 5322 message: the `From ` separator line removed, mboxrd
    /// un-escaping applied (`>From ` → `From `, `>>From ` → `>From `) and the single
    /// blank line that preceded the next separator stripped. Line endings are kept as-is.
    public var bytes: [UInt8]
    /// The envelope sender from the separator line (`From sender date`), if present.
    public var envelopeSender: String?
    /// The envelope date from the separator line, if it could be parsed (UTC unless a zone is given).
    public var envelopeDate: Date?
    /// Byte offset of the `From ` separator line in the file.
    public var offset: UInt64
    /// True when the message exceeded the reader's `maxMessageSize` and `bytes` was cut off.
    public var isTruncated: Bool

    /// Creates a message value (mainly for tests and callers that synthesise messages).
    public init(bytes: [UInt8], envelopeSender: String?, envelopeDate: Date?, offset: UInt64,
                isTruncated: Bool = false) {
        self.bytes = bytes
        self.envelopeSender = envelopeSender
        self.envelopeDate = envelopeDate
        self.offset = offset
        self.isTruncated = isTruncated
    }
}
