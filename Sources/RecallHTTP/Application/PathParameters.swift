/// The `:name` segments of the path a route matched, read by name. Hummingbird's `Parameters` hashes every name on
/// the way in and again on each read (SipHash); a route captures three
/// segments at most, so a name is found by comparing it with each, and a value is made a String only when read.
public struct PathParameters: Sendable {
    /// The request's path, and where in its bytes each capture lies.
    private let path: String
    private let captures: [(name: Substring, bytes: Range<Int>)]

    init(path: String = "", captures: [(name: Substring, bytes: Range<Int>)] = []) {
        self.path = path
        self.captures = captures
    }

    /// The segment captured as `name`, as it appears in the path (still percent-encoded).
    public func get(_ name: String) -> String? {
        captures.first { $0.name == name }.map { String(value($0.bytes)) }
    }

    /// Every capture in path order.
    public var all: [(name: Substring, value: Substring)] {
        captures.map { ($0.name, value($0.bytes)) }
    }

    private func value(_ bytes: Range<Int>) -> Substring {
        let utf8 = path.utf8
        return Substring(utf8[utf8.index(utf8.startIndex, offsetBy: bytes.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: bytes.upperBound)])
    }
}
