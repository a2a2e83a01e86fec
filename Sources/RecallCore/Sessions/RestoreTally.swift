/// How the items of a session's restores ended, summed over its restore actions (v8's session statistics).
public struct RestoreTally: Hashable, Sendable {
    /// Created or merged in the target.
    public var restored = 0
    public var failed = 0
    /// Already in the target, unchanged.
    public var skipped = 0

    public init(restored: Int = 0, failed: Int = 0, skipped: Int = 0) {
        self.restored = restored
        self.failed = failed
        self.skipped = skipped
    }

    public var total: Int { restored + failed + skipped }

    public mutating func add(_ other: RestoreTally) {
        restored += other.restored
        failed += other.failed
        skipped += other.skipped
    }
}
