/// One message present in a mailbox at a restore point, before its bytes are built.
struct DemoEntry: Sendable {
    /// Owning mailbox.
    var mailbox: Int
    /// Slot index, or shared-message index when `shared`.
    var index: Int
    /// Whether this is a message shared between two demo mailboxes.
    var shared: Bool
    /// Index into `DemoFolders.all`.
    var folder: Int
    /// What the bytes are built from.
    var content: DemoContent
    /// Seed of the flag stream.
    var flagSeed: UInt64
    /// Role deciding the flags (the owner's point of view).
    var flagRole: DemoRole
    /// Restore points since the message first appeared.
    var age: Int

    /// Stable identity of the message within its mailbox across restore points.
    var key: String {
        shared ? "shared-\(index)" : "\(mailbox)-\(index)"
    }

    /// Number tagging the Message-ID of slot `index` of `mailbox`; unique per slot.
    static func identity(mailbox: Int, index: Int) -> UInt64 {
        UInt64(truncatingIfNeeded: mailbox) << 40 | UInt64(truncatingIfNeeded: index) & 0xFF_FFFF_FFFF
    }
}

/// Walks the slots and shared messages of one mailbox, yielding those present
/// at one restore point (optionally in one folder) without building bytes.
struct DemoEntryCursor: Sendable {
    let plan: DemoPlan
    let mailbox: Int
    let point: Int
    let folder: Int?
    private var nextSlot = 0
    private var nextShared = 0
    private let slotCount: Int
    private let sharedCount: Int

    /// Creates a cursor; invalid mailbox or restore point indices give an empty walk.
    init(plan: DemoPlan, mailbox: Int, point: Int, folder: Int?) {
        self.plan = plan
        self.mailbox = mailbox
        self.point = point
        self.folder = folder
        let valid = plan.slotCounts.indices.contains(mailbox) && plan.pointTimes.indices.contains(point)
        slotCount = valid ? plan.slotCounts[mailbox] : 0
        sharedCount = valid ? plan.sharedCount : 0
    }

    /// Returns the next present message, or `nil` at the end.
    mutating func next() -> DemoEntry? {
        while nextSlot < slotCount {
            let index = nextSlot
            nextSlot += 1
            let slot = DemoSlot(plan: plan, mailbox: mailbox, index: index)
            guard slot.isPresent(at: point), folder == nil || folder == slot.folder else { continue }
            let own = DemoEntry.identity(mailbox: mailbox, index: index)
            let source = slot.resendOf.map { DemoEntry.identity(mailbox: mailbox, index: $0) }
            let content = DemoContent(
                seed: slot.contentSeed, owner: mailbox, role: slot.role, counterpart: nil, date: slot.date,
                identity: slot.hasMessageID ? (source ?? own) : nil,
                resend: source == nil ? nil : DemoResend(date: slot.resentDate, identity: 1 << 62 | own),
                edited: slot.isEdited(at: point), editKind: slot.editKind
            )
            return DemoEntry(
                mailbox: mailbox, index: index, shared: false, folder: slot.folder, content: content,
                flagSeed: slot.flagSeed, flagRole: slot.role, age: point - slot.birth
            )
        }
        while nextShared < sharedCount {
            let index = nextShared
            nextShared += 1
            let shared = DemoSharedMessage(plan: plan, index: index)
            guard shared.birth <= point, shared.sender == mailbox || shared.recipient == mailbox else { continue }
            let isSender = shared.sender == mailbox
            let folder = isSender ? DemoFolders.sentItems : DemoFolders.inbox
            guard self.folder == nil || self.folder == folder else { continue }
            return DemoEntry(
                mailbox: mailbox, index: index, shared: true, folder: folder, content: shared.content(index: index),
                flagSeed: shared.flagSeed, flagRole: isSender ? .sent : .received, age: point - shared.birth
            )
        }
        return nil
    }
}
