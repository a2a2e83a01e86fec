/// SplitMix64: a tiny, fast, seedable pseudo-random generator.
///
/// Every random decision of the demo generator is derived from a SplitMix64
/// stream seeded by a hash of (organization seed, purpose tag, mailbox, index),
/// so any message can be produced on its own, in any order, with flat memory.
struct SplitMix64: RandomNumberGenerator, Sendable {
    /// Golden-ratio increment of the SplitMix64 sequence.
    static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Current internal state.
    var state: UInt64

    /// Creates a generator whose stream is fully determined by `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// Returns the next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= Self.gamma
        return Self.finalize(state)
    }

    /// Returns a value in `0..<bound` (0 when `bound <= 1`).
    mutating func below(_ bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        return Self.scale(next(), below: bound)
    }

    /// Maps 64 random bits to `0..<bound` with a multiply instead of a division.
    @inline(__always)
    static func scale(_ bits: UInt64, below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        return Int(truncatingIfNeeded: bits.multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Returns a value in `range` (its lower bound when the range is empty).
    mutating func between(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// Returns a uniformly distributed `Double` in `[0, 1)`.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Returns `true` with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// The SplitMix64 output function; a bijection on `UInt64`.
    @inline(__always)
    static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Mixes one value into a running hash.
    @inline(__always)
    static func combine(_ hash: UInt64, _ value: UInt64) -> UInt64 {
        finalize((hash ^ value) &+ gamma)
    }

    /// Hashes a seed, a purpose tag and up to three integers into 64 bits.
    static func hash(_ seed: UInt64, _ tag: DemoTag, _ a: Int = 0, _ b: Int = 0, _ c: Int = 0) -> UInt64 {
        var h = finalize(seed &+ gamma)
        h = combine(h, tag.rawValue)
        h = combine(h, UInt64(truncatingIfNeeded: a))
        h = combine(h, UInt64(truncatingIfNeeded: b))
        return combine(h, UInt64(truncatingIfNeeded: c))
    }
}

/// Purpose tags that keep independent random streams apart.
enum DemoTag: UInt64, Sendable {
    case mailboxWeight = 0x11
    case slot = 0x22
    case shared = 0x33
    case flags = 0x44
    case content = 0x55
    case identity = 0x66
}
