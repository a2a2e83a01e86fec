/// The API versions Recall serves: v3 (absolute links, `{"message"}` errors) and the v6–v8 family (relative
/// links; v8 adds `errorCode` and `stackTrace` to errors).
public enum APIVersion: String, Sendable, CaseIterable {
    case v3, v6, v7, v8

    /// The version a request path is under (`/v8/RestoreSessions` → v8), by its first segment in any case.
    init?(path: some StringProtocol) {
        let segment = path.drop { $0 == "/" }.prefix { $0 != "/" }
        guard segment.utf8.count == 2, let version = APIVersion(rawValue: segment.lowercased()) else { return nil }
        self = version
    }

    /// Whether this is one of the versions with relative links and the newer resource shapes.
    var isModern: Bool { self != .v3 }
}
