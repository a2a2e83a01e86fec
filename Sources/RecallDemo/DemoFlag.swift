/// A per-message state flag as mail clients show it.
public enum DemoFlag: String, Sendable, Hashable, CaseIterable {
    /// The message has been read.
    case seen
    /// The message is flagged for follow-up.
    case flagged
    /// The message has been answered.
    case replied

    /// Flags of a message `age` restore points after it first appeared.
    /// Sent mail is always seen; received mail tends to get read, flagged and answered over time.
    static func flags(seed: UInt64, role: DemoRole, age: Int) -> Set<DemoFlag> {
        guard role != .sent else { return [.seen] }
        var rng = SplitMix64(seed: seed)
        let seenDraw = rng.unit()
        let flagDraw = rng.unit()
        let replyDraw = rng.unit()
        var result = Set<DemoFlag>()
        let seen = seenDraw < (age == 0 ? 0.35 : 0.9)
        if seen { result.insert(.seen) }
        if flagDraw < 0.03 + 0.02 * Double(min(age, 3)) { result.insert(.flagged) }
        if seen, role == .received, replyDraw < (age == 0 ? 0.04 : 0.12) { result.insert(.replied) }
        return result
    }
}
