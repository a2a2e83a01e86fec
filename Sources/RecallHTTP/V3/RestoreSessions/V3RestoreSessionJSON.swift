import RecallCore

/// v3 representation of a restore session (§5.2 of the API digest).
enum V3RestoreSessionJSON {
    static func make(_ session: RestoreSession, links: V3Links) -> JSONValue {
        let id = session.id.description
        let path = "restoresessions/" + id
        return .object([
            "id": .string(id),
            "type": .string(session.type.wireName),
            "creationTime": .string(WireTime.iso(session.creationTime)),
            "endTime": session.endTime.map { .string(WireTime.iso($0)) },
            "state": .string(session.state.wireName),
            "result": .string(session.result.wireName),
            "_links": .object([("self", links.href(path)), ("organization", links.href(String(concatenating: path, "/organization")))]),
        ])
    }
}

extension RawRepresentable where RawValue == String {
    /// The PascalCase spelling the API uses for enum values (`working` → `Working`).
    /// Raw values are ASCII words, so the first byte is upper-cased in place (short names stay small Strings,
    /// without the allocations of `prefix(1).uppercased() + dropFirst()`).
    var wireName: String {
        var raw = rawValue
        return raw.withUTF8 { bytes in
            guard let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                _ = out.initialize(from: bytes)
                out[0] = first - 0x20
                return bytes.count
            }
        }
    }
}
