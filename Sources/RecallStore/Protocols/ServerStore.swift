/// Everything the API server reads and writes: one store that is all of these, handed to `RecallServer.environment`
/// by the composition root.
public typealias ServerStore = UserStore & TokenStore & RestoreSessionStore & OrganizationStore & ExploreStore & ActionStore & ServiceStore
