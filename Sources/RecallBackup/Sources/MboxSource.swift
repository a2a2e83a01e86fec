import Foundation
import RecallCore
import RecallMail

/// The messages of an mbox file (mboxrd or mboxo), all into one folder.
public struct MboxSource: MessageSource {
    private let reader: MboxReader
    private let folder: [String]

    public init(url: URL, folder: [String]) throws {
        reader = try MboxReader(url: url)
        self.folder = folder
    }

    public var scope: Set<String>? { [MailFolder.key(folder)] }
    public var folders: [[String]] { [folder] }
    public var progress: (done: UInt64, total: UInt64) { (reader.bytesRead, reader.totalBytes) }

    public mutating func next() throws -> IncomingMessage? {
        guard let message = try reader.next() else {
            reader.close()
            return nil
        }
        return IncomingMessage(
            folderPath: folder, bytes: message.bytes, fallbackReceived: message.envelopeDate.map(Timestamp.init(date:)),
            sourceWarnings: message.isTruncated ? ["message truncated at end of mbox file"] : []
        )
    }
}
