import Hummingbird

/// A query parameter by name in any case (the real server binds them case-insensitively).
enum QueryParameter {
    static func value(_ name: String, in request: Request) -> String? {
        let key = name.lowercased()
        return request.uri.queryParameters.first { $0.key.lowercased() == key }.map { String($0.value) }
    }
}
