import RecallCore

/// v3 representation of the organization a session explores (docs/api.md, v3 wire shapes): its name carries the point in time.
enum V3SessionOrganizationJSON {
    static func make(_ organization: Organization, session: RestoreSession, links: V3Links) -> JSONValue {
        let path = "restoresessions/\(session.id)/organization"
        return .object([
            ("id", .string(organization.id.description)),
            ("name", .string("\(organization.name) (\(WireTime.usDateTime(session.options.pointInTime)))")),
            ("_links", .object([("self", links.href(path)), ("mailboxes", links.href("\(path)/mailboxes"))])),
        ])
    }
}
