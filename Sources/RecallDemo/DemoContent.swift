/// Everything a message's bytes depend on. Two equal contents produce
/// byte-identical messages, whichever mailbox or restore point asks.
struct DemoContent: Sendable {
    /// Seed of the random stream choosing subject, people, body and attachments.
    var seed: UInt64
    /// Internal person index of the mailbox owner (the sender for `.sent`).
    var owner: Int
    /// Whether the owner sent or received the message.
    var role: DemoRole
    /// Internal person index of the only recipient, for mail between demo users.
    var counterpart: Int?
    /// The Date header, in Unix seconds.
    var date: Int64
    /// Number behind the Message-ID header; `nil` omits the header.
    var identity: UInt64?
    /// Resent-* header values when this copy is a resend.
    var resend: DemoResend?
    /// Whether this is the edited version of the message.
    var edited: Bool
    /// 0: the edit adds a `Keywords` header; 1: it adds a body line.
    var editKind: Int
}

/// Resent-Date and Resent-Message-ID of a resent copy.
struct DemoResend: Sendable {
    /// The Resent-Date, in Unix seconds.
    var date: Int64
    /// Number behind the Resent-Message-ID header.
    var identity: UInt64
}
