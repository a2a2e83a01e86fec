/// The life of one message slot of a mailbox across restore points, computed
/// from a hash of (seed, mailbox, index) alone: when it appears, whether it is
/// edited or deleted later, where it is filed, and what it says.
///
/// Slots 0–3 of every mailbox are scripted so that even tiny organizations show
/// each kind of change: slot 0 is deleted, slot 1 edited, slot 2 new at a later
/// point, and slot 3 either has no Message-ID (even mailboxes) or resends
/// slot 0 under the same Message-ID (odd mailboxes).
struct DemoSlot: Sendable {
    /// First restore point containing the message.
    var birth: Int
    /// First restore point no longer containing it (`pointCount` when never deleted).
    var death: Int
    /// First restore point with the edited version (`pointCount` when never edited).
    var edit: Int
    /// What the edit changes (see `DemoContent.editKind`).
    var editKind: Int
    /// Index into `DemoFolders.all`.
    var folder: Int
    /// Who wrote the message from the owner's point of view.
    var role: DemoRole
    /// The Date header, in Unix seconds.
    var date: Int64
    /// Whether the message carries a Message-ID header.
    var hasMessageID: Bool
    /// Slot whose Message-ID and content this one resends, if any.
    var resendOf: Int?
    /// Resent-Date of a resend.
    var resentDate: Int64
    /// Seed of the content stream.
    var contentSeed: UInt64
    /// Seed of the flag stream.
    var flagSeed: UInt64

    /// Computes slot `index` of `mailbox`.
    init(plan: DemoPlan, mailbox: Int, index: Int) {
        self = Self.core(plan: plan, mailbox: mailbox, index: index)
        let forcedResend = index == 3 && mailbox % 2 == 1 && plan.pointCount > 1
        let drawnResend = index >= 5 && resendOf != nil
        guard forcedResend || drawnResend else {
            resendOf = nil
            return
        }
        let sourceIndex = forcedResend ? 0 : index - 1
        let source = Self.core(plan: plan, mailbox: mailbox, index: sourceIndex)
        guard source.hasMessageID, source.resendOf == nil || sourceIndex < 4 else {
            resendOf = nil
            return
        }
        resendOf = sourceIndex
        resentDate = source.date + 300 + Int64(contentSeed % 4000)
        birth = source.birth
        if death <= birth { death = plan.pointCount }
        edit = plan.pointCount
        date = source.date
        folder = source.folder
        role = source.role
        contentSeed = source.contentSeed
        hasMessageID = true
    }

    /// Whether the message exists at restore point `point`.
    func isPresent(at point: Int) -> Bool {
        birth <= point && point < death
    }

    /// Whether restore point `point` holds the edited version.
    func isEdited(at point: Int) -> Bool {
        point >= edit
    }

    /// The lifecycle before resend resolution; `resendOf` is non-nil when a resend was drawn.
    private static func core(plan: DemoPlan, mailbox: Int, index: Int) -> DemoSlot {
        let points = plan.pointCount
        var rng = SplitMix64(seed: SplitMix64.hash(plan.seed, .slot, mailbox, index))
        var birth = DemoPlan.drawBirth(&rng, pointCount: points)
        let deathDraw = rng.unit()
        let deathStep = rng.next()
        let editDraw = rng.unit()
        let editStep = rng.next()
        let editKind = Int(rng.next() & 1)
        let special = rng.unit()
        let position = rng.unit()
        let folderDraw = rng.unit()
        let roleDraw = rng.unit()
        let contentSeed = rng.next()
        let flagSeed = rng.next()

        var death = points
        if deathDraw < 0.03, birth < points - 1 {
            death = birth + 1 + Int(deathStep % UInt64(points - 1 - birth))
        }
        var edit = points
        var hasMessageID = special >= 0.004
        if editDraw < 0.03, death - birth >= 2, hasMessageID {
            edit = birth + 1 + Int(editStep % UInt64(death - birth - 1))
        }
        if points > 1, index < 4 {
            let transitions = points - 1
            hasMessageID = index != 3 || mailbox % 2 == 1
            switch index {
            case 0: (birth, death, edit) = (0, 1 + mailbox % transitions, points)
            case 1: (birth, death, edit) = (0, points, 1 + (mailbox + 1) % transitions)
            case 2: (birth, death, edit) = (1 + (mailbox + 2) % transitions, points, points)
            default: edit = points
            }
        }
        let slots = max(1, plan.slotCounts[mailbox])
        let date = birth == 0
            ? plan.date(birth: 0, position: (Double(index) + position) / Double(slots))
            : plan.date(birth: birth, position: position)
        let folder = DemoFolders.pick(draw: folderDraw, dominant: plan.dominant && mailbox == 0, date: date)
        return DemoSlot(
            birth: birth, death: death, edit: edit, editKind: editKind, folder: folder,
            role: DemoFolders.role(folder: folder, draw: roleDraw), date: date, hasMessageID: hasMessageID,
            resendOf: special >= 0.004 && special < 0.007 && index >= 4 ? index - 1 : nil,
            resentDate: 0, contentSeed: contentSeed, flagSeed: flagSeed
        )
    }

    /// The memberwise initializer used by `core`.
    private init(
        birth: Int, death: Int, edit: Int, editKind: Int, folder: Int, role: DemoRole, date: Int64,
        hasMessageID: Bool, resendOf: Int?, resentDate: Int64, contentSeed: UInt64, flagSeed: UInt64
    ) {
        self.birth = birth
        self.death = death
        self.edit = edit
        self.editKind = editKind
        self.folder = folder
        self.role = role
        self.date = date
        self.hasMessageID = hasMessageID
        self.resendOf = resendOf
        self.resentDate = resentDate
        self.contentSeed = contentSeed
        self.flagSeed = flagSeed
    }
}
