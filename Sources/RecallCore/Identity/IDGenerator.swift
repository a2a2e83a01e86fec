import Foundation
import Synchronization

/// Where new ids come from; injected so that tests get predictable ids.
public protocol IDGenerator: Sendable {
    func next() -> UUID
}

extension IDGenerator {
    /// A new typed identifier.
    public func make<Subject>(_: Subject.Type = Subject.self) -> Identifier<Subject> {
        Identifier(next())
    }
}

/// Random version-4 UUIDs: the production generator.
public struct RandomIDGenerator: IDGenerator {
    public init() {}
    public func next() -> UUID { UUID() }
}

/// Counts up from a fixed prefix (`00000000-0000-4000-8000-000000000001`, …) for tests.
public final class SequentialIDGenerator: IDGenerator {
    private let counter = Mutex<UInt64>(0)

    public init() {}

    public func next() -> UUID {
        let value = counter.withLock { value -> UInt64 in
            value += 1
            return value
        }
        let hex = String(value, radix: 16)
        let tail = String(repeating: "0", count: max(0, 12 - hex.count)) + hex
        return UUID(uuidString: "00000000-0000-4000-8000-\(tail)")!
    }
}
