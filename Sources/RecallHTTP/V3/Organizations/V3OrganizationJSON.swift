import RecallCore

/// v3 representation of an organization (`/Organizations`, `/Organizations/{id}`).
enum V3OrganizationJSON {
    static func make(_ organization: Organization, links: V3Links) -> JSONValue {
        .object([
            "type": .string("Office365"),
            "region": .string("Worldwide"),
            "isExchangeOnline": .bool(true),
            "isSharePointOnline": .bool(false),
            "id": .string(organization.id.description),
            "name": .string(organization.name),
            "isBackedup": .bool(organization.isBackedUp),
            "firstBackuptime": organization.backupRange.map { .string(WireTime.iso($0.lowerBound)) },
            "lastBackuptime": organization.backupRange.map { .string(WireTime.iso($0.upperBound)) },
            "_links": .object([("self", links.href("Organizations/\(organization.id)"))]),
            "_actions": .object([]),
        ])
    }
}
