import Foundation

/// An instant in UTC with 100-nanosecond resolution (the .NET tick the real API prints as 7 fractional digits).
///
/// Stored as an integer so that a time written to the store reads back to the same 7 digits.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 100 ns units since 1970-01-01T00:00:00Z.
    public let ticks: Int64

    public static let ticksPerSecond: Int64 = 10_000_000

    public init(ticks: Int64) {
        self.ticks = ticks
    }

    public init(date: Date) {
        self.ticks = Int64((date.timeIntervalSince1970 * Double(Self.ticksPerSecond)).rounded(.down))
    }

    public init(secondsSince1970 seconds: Int64) {
        self.ticks = seconds * Self.ticksPerSecond
    }

    public var date: Date { Date(timeIntervalSince1970: Double(ticks) / Double(Self.ticksPerSecond)) }

    /// Seconds since 1970, rounded down.
    public var seconds: Int64 { ticks >= 0 ? ticks / Self.ticksPerSecond : (ticks - Self.ticksPerSecond + 1) / Self.ticksPerSecond }

    public func adding(seconds: Int64) -> Timestamp { Timestamp(ticks: ticks + seconds * Self.ticksPerSecond) }

    public func adding(ticks delta: Int64) -> Timestamp { Timestamp(ticks: ticks + delta) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.ticks < rhs.ticks }

    public var description: String { CivilTime(self).iso8601 }
}
