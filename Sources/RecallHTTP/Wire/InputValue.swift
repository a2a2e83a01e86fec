/// A request value as the real server's lenient binder sees it: object keys compare case-insensitively,
/// `"true"`/`"false"` strings count as booleans.
public enum InputValue: Sendable, Equatable {
    /// Keys are stored lower-cased; the first of two keys differing only in case wins.
    case object([String: InputValue])
    case array([InputValue])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    /// Member of an object by case-insensitive key.
    public subscript(key: String) -> InputValue? {
        guard case .object(let members) = self else { return nil }
        return members[key.lowercased()]
    }

    /// The object's members, or nil when this is not an object.
    public var members: [String: InputValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    public var isNull: Bool { self == .null }

    /// A string value; numbers and booleans are not strings.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// `true`/`false`, or the strings `"true"`/`"false"` in any case.
    public var boolValue: Bool? {
        switch self {
        case .bool(let b): return b
        case .string(let s):
            switch s.lowercased() {
            case "true": return true
            case "false": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// Short name of the JSON type, for error messages.
    public var typeName: String {
        switch self {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number: "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }
}
