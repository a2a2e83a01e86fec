import RecallCore
import RecallMail

/// Reads the explore API's fields from a message's headers; never fails (a message that does not parse is kept
/// with what could be read, plus warnings).
enum MessageMetadataReader {
    static func read(_ message: IncomingMessage) -> MessageMetadata {
        let summary = MessageSummary.parse(message.bytes)
        return MessageMetadata(
            subject: summary.subject ?? "",
            from: summary.from ?? "",
            to: summary.to,
            cc: summary.cc,
            received: summary.receivedDate.map(Timestamp.init(date:)) ?? message.fallbackReceived ?? summary.sentDate.map(Timestamp.init(date:)),
            sent: summary.sentDate.map(Timestamp.init(date:)),
            messageID: summary.messageID,
            hasAttachments: summary.hasAttachments,
            itemClass: "IPM.Note",
            warnings: message.sourceWarnings + summary.warnings
        )
    }
}
