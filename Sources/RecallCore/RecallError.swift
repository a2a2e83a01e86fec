/// A domain error: what went wrong in the domain's words. The HTTP layer decides status codes.
public enum RecallError: Error, Hashable, Sendable {
    /// The thing does not exist, or belongs to someone else.
    case notFound(String)
    /// A value the caller gave is unacceptable.
    case invalidArgument(String)
    /// The thing exists already.
    case conflict(String)
    /// The restore session is not working (stopping or stopped).
    case sessionNotWorking(Identifier<RestoreSession>)
    /// The request cannot be served in this state or with this data.
    case unsupported(String)
    /// A write failed because the data directory's disk is full; the store rolled it back, so nothing changed. The
    /// text says what the store was doing, for logs.
    case outOfSpace(String)

    /// Human-readable text for logs and API messages.
    public var message: String {
        switch self {
        case .notFound(let m), .invalidArgument(let m), .conflict(let m), .unsupported(let m): m
        case .sessionNotWorking: "The restore session is stopped."
        case .outOfSpace(let m): "The data directory's disk is full: \(m)"
        }
    }
}

extension RecallError: CustomStringConvertible {
    public var description: String { message }
}
