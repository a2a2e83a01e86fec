import RecallCore

/// Persistence of organizations.
public protocol OrganizationStore: Sendable {
    /// Adds an organization; `RecallError.conflict` when the name is taken.
    func insert(_ organization: Organization) async throws
    /// All organizations, by name, with their backup range.
    func organizations() async throws -> [Organization]
    func organization(id: Identifier<Organization>) async throws -> Organization?
    func organization(named name: String) async throws -> Organization?
}
