import RecallCore

/// v3 representation of a restore session (§5.2 of the API digest).
enum V3RestoreSessionJSON {
    static func make(_ session: RestoreSession, links: V3Links) -> JSONValue {
        let path = "restoresessions/\(session.id)"
        return .object([
            "id": .string(session.id.description),
            "type": .string(session.type.wireName),
            "creationTime": .string(WireTime.iso(session.creationTime)),
            "endTime": session.endTime.map { .string(WireTime.iso($0)) },
            "state": .string(session.state.wireName),
            "result": .string(session.result.wireName),
            "_links": .object([("self", links.href(path)), ("organization", links.href("\(path)/organization"))]),
        ])
    }
}

extension RawRepresentable where RawValue == String {
    /// The PascalCase spelling the API uses for enum values (`working` → `Working`).
    var wireName: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
