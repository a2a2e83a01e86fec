import RecallCore

/// v6–v8 representation of a restore session: v3's fields plus name, organization, initiatedBy, clientHost and
/// (v8) eTag; the state is `Working` until the session has stopped.
enum V8RestoreSessionJSON {
    static func make(_ session: RestoreSession, organization: String, initiatedBy: String, hostName: String, links: V8Links) -> JSONValue {
        let path = "RestoreSessions/\(session.id)"
        let stopped = session.state == .stopped || session.state == .stopping
        var pairs: [(String, JSONValue)] = [
            ("id", .string(session.id.description)),
            ("name", .string("\(organization) (\(WireTime.usDateTime(session.options.pointInTime)))")),
            ("organization", .string(organization)),
            ("type", .string(session.type.wireName)),
            ("creationTime", .string(WireTime.iso(session.creationTime))),
        ]
        if let end = session.endTime { pairs.append(("endTime", .string(WireTime.iso(end)))) }
        pairs += [
            ("state", .string(stopped ? "Stopped" : "Working")),
            ("result", .string(session.result.wireName)),
            ("initiatedBy", .string(initiatedBy)),
            ("details", .string("")),
            ("scopeName", .string("")),
            ("clientHost", .string(hostName)),
            ("reason", .string("")),
        ]
        if links.version == .v8 { pairs.append(("eTag", .int(eTag(session)))) }
        pairs.append(("_links", .object([
            ("self", links.href(path)),
            ("organization", links.href("\(path)/organization")),
            ("events", links.href("\(path)/Events")),
        ])))
        return .object(pairs)
    }

    /// A version number that moves whenever a field clients see changes: the state (stop) and the result.
    static func eTag(_ session: RestoreSession) -> Int64 {
        1 + (session.state == .working || session.state == .starting ? 0 : 1) + (session.result == .success ? 0 : 1)
    }
}

/// v6–v8 representation of a session event: v3's fields with relative links.
enum V8EventJSON {
    static func make(_ event: SessionEvent, links: V8Links) -> JSONValue {
        V3EventJSON.make(event, links: links, sessionPath: "RestoreSessions/\(event.sessionID)", eventsSegment: "Events")
    }
}
