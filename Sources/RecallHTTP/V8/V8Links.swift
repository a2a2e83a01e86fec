/// The relative hrefs of v6–v8 `_links` (`/v8/RestoreSessions/…`): since v6 the real server leaves out the host and port.
struct V8Links: LinkBuilder {
    let version: APIVersion

    func href(_ path: String) -> JSONValue {
        .object([("href", .string(String(concatenating: "/", version.rawValue, "/", path)))])
    }
}
