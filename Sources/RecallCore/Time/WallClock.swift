import Foundation
import Synchronization

/// Where "now" comes from; injected so that tests control time.
public protocol WallClock: Sendable {
    func now() -> Timestamp
}

/// The system clock.
public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Timestamp { Timestamp(date: Date()) }
}

/// A clock that only moves when told to, for tests.
public final class ManualClock: WallClock {
    private let current: Mutex<Timestamp>

    public init(_ start: Timestamp) {
        self.current = Mutex(start)
    }

    public func now() -> Timestamp { current.withLock { $0 } }

    /// Moves the clock forward.
    public func advance(seconds: Int64) {
        current.withLock { $0 = $0.adding(seconds: seconds) }
    }

    public func set(_ time: Timestamp) {
        current.withLock { $0 = time }
    }
}
