/// A message one demo user sent to another: the same bytes sit in the sender's
/// Sent Items and the recipient's Inbox, so cross-mailbox deduplication has
/// something to find. Shared messages are never edited or deleted.
struct DemoSharedMessage: Sendable {
    /// Mailbox (and internal person) index of the sender.
    let sender: Int
    /// Mailbox (and internal person) index of the recipient.
    let recipient: Int
    /// First restore point containing the message.
    let birth: Int
    /// The Date header, in Unix seconds.
    let date: Int64
    /// Seed of the content stream.
    let contentSeed: UInt64
    /// Seed of the recipient's flag stream.
    let flagSeed: UInt64

    /// Computes shared message `index` of the organization.
    init(plan: DemoPlan, index: Int) {
        let mailboxes = max(2, plan.mailboxCount)
        sender = index % mailboxes
        recipient = (sender + 1 + (index / mailboxes) % (mailboxes - 1)) % mailboxes
        var rng = SplitMix64(seed: SplitMix64.hash(plan.seed, .shared, index))
        let drawn = DemoPlan.drawBirth(&rng, pointCount: plan.pointCount)
        birth = index == 0 ? 0 : drawn
        date = plan.date(birth: birth, position: rng.unit())
        contentSeed = rng.next()
        flagSeed = rng.next()
    }

    /// Number tagging the Message-ID of shared message `index` (disjoint from slot identities).
    static func identity(index: Int) -> UInt64 {
        1 << 63 | UInt64(truncatingIfNeeded: index)
    }

    /// The content, identical for sender and recipient.
    func content(index: Int) -> DemoContent {
        DemoContent(
            seed: contentSeed, owner: sender, role: .sent, counterpart: recipient, date: date,
            identity: Self.identity(index: index), resend: nil, edited: false, editKind: 0
        )
    }
}
