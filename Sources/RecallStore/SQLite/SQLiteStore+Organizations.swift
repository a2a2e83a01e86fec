import Foundation
import GRDB
import RecallCore

extension SQLiteStore: OrganizationStore {
    public func insert(_ organization: Organization) async throws {
        try await write { db in
            try mapConflict("An organization named '\(organization.name)' already exists.") {
                try db.execute(
                    sql: "INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)",
                    arguments: [organization.id, organization.name, organization.createdAt]
                )
            }
        }
    }

    public func organizations() async throws -> [Organization] {
        try await readOneStatement { db in
            try Array(Row.fetchCursor(db.cachedStatement(sql: "\(Self.organizationSelect) ORDER BY o.name")).map(Organization.init(row:)))
        }
    }

    public func organization(id: Identifier<Organization>) async throws -> Organization? {
        try await readOneStatement { db in
            try Row.fetchOne(db.cachedStatement(sql: "\(Self.organizationSelect) WHERE o.id = ?"), arguments: [id]).map(Organization.init(row:))
        }
    }

    public func organization(named name: String) async throws -> Organization? {
        try await readOneStatement { db in
            try Row.fetchOne(db.cachedStatement(sql: "\(Self.organizationSelect) WHERE o.name = ?"), arguments: [name]).map(Organization.init(row:))
        }
    }

    /// Organizations with their first and last restore point (none until the repository records one).
    static var organizationSelect: String {
        """
        SELECT o.id, o.name, o.created_at,
            (SELECT MIN(time) FROM restore_points r WHERE r.organization_id = o.id) AS first_backup,
            (SELECT MAX(time) FROM restore_points r WHERE r.organization_id = o.id) AS last_backup
        FROM organizations o
        """
    }
}

extension Organization {
    init(row: Row) {
        let first: Timestamp? = row["first_backup"]
        let last: Timestamp? = row["last_backup"]
        var range: ClosedRange<Timestamp>?
        if let first, let last, first <= last {
            range = first...last
        }
        self.init(id: row["id"], name: row["name"], createdAt: row["created_at"], backupRange: range)
    }
}

extension SQLiteStore {
    /// This data dir's installation id (made by the migration that added it).
    public func installationID() async throws -> UUID {
        try await pool.read { db in
            guard let id = try Identifier<SQLiteStore>.fetchOne(db, sql: "SELECT id FROM installation") else {
                throw RecallError.unsupported("The data directory has no installation id.")
            }
            return id.uuid
        }
    }
}
