/// JSON to send: objects keep their key order, so responses read like the real server's.
enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case int(Int64)
    case bool(Bool)
    case null

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.array(let a), .array(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    /// An object from key–value pairs, leaving out pairs whose value is nil (the API omits null fields).
    /// The array is sized once: `compactMap` grew it from empty, four allocations for a session's seven fields.
    static func object(_ pairs: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        var kept: [(String, JSONValue)] = []
        kept.reserveCapacity(pairs.count)
        for (key, value) in pairs {
            if let value { kept.append((key, value)) }
        }
        return .object(kept)
    }
}

extension JSONValue: JSONWritable {
    func writeJSON(to sink: inout some JSONSink) {
        switch self {
        case .object(let pairs):
            sink.append(UInt8(ascii: "{"))
            // Walked in place: iterating copied each key and value out, a retain and a release apiece.
            pairs.withUnsafeBufferPointer { pairs in
                for index in pairs.indices {
                    // A value that overflowed the room is written again elsewhere: walking the rest of it is waste.
                    if sink.overflowed { return }
                    if index > 0 { sink.append(UInt8(ascii: ",")) }
                    sink.appendString(pairs[index].0)
                    sink.append(UInt8(ascii: ":"))
                    pairs[index].1.writeJSON(to: &sink)
                }
            }
            sink.append(UInt8(ascii: "}"))
        case .array(let values):
            sink.append(UInt8(ascii: "["))
            values.withUnsafeBufferPointer { values in
                for index in values.indices {
                    if sink.overflowed { return }
                    if index > 0 { sink.append(UInt8(ascii: ",")) }
                    values[index].writeJSON(to: &sink)
                }
            }
            sink.append(UInt8(ascii: "]"))
        case .string(let string):
            sink.appendString(string)
        case .int(let value):
            sink.appendInt(value)
        case .bool(let value):
            sink.append(value ? "true" : "false")
        case .null:
            sink.append("null")
        }
    }
}
