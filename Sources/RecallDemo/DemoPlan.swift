import Foundation

/// The organization-wide layout: restore point times, mailbox count and how
/// many message slots each mailbox has. Everything else is derived per slot.
struct DemoPlan: Sendable {
    /// 2026-01-05T22:00:00Z, the first restore point.
    static let firstPoint: Int64 = 1_767_650_400
    /// Expected share of slots still present at the latest restore point.
    static let aliveFraction = 0.97
    /// From this scale on, mailbox 0 holds most of the organization in its Inbox.
    static let dominantThreshold = 10_000
    /// Share of all slots given to mailbox 0 when it dominates.
    static let dominantShare = 0.6
    /// How far back mail present at the first restore point reaches.
    static let history: Int64 = 420 * DemoDate.day
    /// Minimum gap between a message's Date and the restore point that first sees it.
    static let margin: Int64 = 2 * 3600

    let seed: UInt64
    let scale: Int
    let pointTimes: [Int64]
    let mailboxCount: Int
    let slotCounts: [Int]
    let sharedCount: Int
    let dominant: Bool

    /// Number of restore points.
    var pointCount: Int { pointTimes.count }

    /// Lays out an organization of about `scale` messages at the latest of `pointCount` daily restore points.
    init(seed: UInt64, scale: Int, pointCount: Int) {
        let scale = max(1, scale)
        let points = min(max(1, pointCount), 64)
        self.seed = seed
        self.scale = scale
        self.pointTimes = (0..<points).map { Self.firstPoint + Int64($0) * DemoDate.day }
        let mailboxes = Self.mailboxCount(scale: scale)
        self.mailboxCount = mailboxes
        let shared = min(5000, max(2, scale / 100))
        self.sharedCount = shared
        let dominant = scale >= Self.dominantThreshold
        self.dominant = dominant

        let regular = Double(max(4 * mailboxes, scale - 2 * shared)) / Self.aliveFraction
        let raw = (0..<mailboxes).map { m -> Double in
            var rng = SplitMix64(seed: SplitMix64.hash(seed, .mailboxWeight, m))
            return 0.6 + 0.8 * rng.unit()
        }
        var weights: [Double]
        if dominant {
            let rest = raw.dropFirst().reduce(0, +)
            weights = raw.map { $0 / max(rest, 1e-9) * (1 - Self.dominantShare) }
            weights[0] = Self.dominantShare
        } else {
            let total = raw.reduce(0, +)
            weights = raw.map { $0 / total }
        }
        self.slotCounts = weights.map { max(4, Int((regular * $0).rounded())) }
    }

    /// Mailbox count: 4 up to a few hundred messages, growing logarithmically to 50 around a million.
    static func mailboxCount(scale: Int) -> Int {
        guard scale >= 1000 else { return 4 }
        let grown = 4 + Int((log10(Double(scale) / 500) * 13).rounded(.down))
        return min(DemoPeople.staff.count, min(50, max(4, grown)))
    }

    /// The Date of a message first present at restore point `birth`;
    /// `position` in [0, 1) places it inside that point's window.
    func date(birth: Int, position: Double) -> Int64 {
        let start: Int64
        let end: Int64
        if birth <= 0 {
            end = pointTimes[0] - Self.margin
            start = pointTimes[0] - Self.history
        } else {
            start = pointTimes[birth - 1] + 60
            end = pointTimes[birth] - Self.margin
        }
        let clamped = min(max(position, 0), 0.999_999)
        return start + Int64(clamped * Double(end - start))
    }

    /// Draws the restore point at which a message first appears (most exist from the start).
    static func drawBirth(_ rng: inout SplitMix64, pointCount: Int) -> Int {
        let value = rng.unit()
        guard pointCount > 1, value >= 0.88 else { return 0 }
        let later = pointCount - 1
        return min(later, 1 + Int((value - 0.88) / 0.12 * Double(later)))
    }
}
