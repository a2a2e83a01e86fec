import Foundation

/// Errors thrown by the RecallMail readers. Message-level parsing never throws;
/// only structural problems with a whole file or directory do.
public enum MailParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is not empty but does not begin with an mbox `From ` separator line.
    case notAnMbox(path: String)
    /// The directory is not a Maildir (no `cur`/`new` and no Maildir++ subfolders).
    case notAMaildir(path: String)
    /// The file or directory could not be opened or read.
    case unreadable(path: String, reason: String)

    /// A human-readable explanation suitable for logs and API error bodies.
    public var description: String {
        switch self {
        case .notAnMbox(let path):
            return "\(path) is not an mbox file: it does not start with a \"From \" separator line"
        case .notAMaildir(let path):
            return "\(path) is not a Maildir: it has no cur/ or new/ directory and no Maildir++ subfolders"
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        }
    }
}
