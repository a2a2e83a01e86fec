/// What the repository holds, counted: for `recall repository stats` and for checks that an operation changed nothing.
public protocol RepositoryStatsStore: Sendable {
    func repositoryStats() throws -> RepositoryStats
}
