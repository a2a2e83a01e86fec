import Hummingbird

/// Makes the `{"href": …}` of a `_links` entry from a path below the version's root.
protocol LinkBuilder: Sendable {
    func href(_ path: String) -> JSONValue
}

/// Builds the absolute hrefs of v3 `_links` from the request's scheme and `Host`, as the real server does, or from `--public-url`.
struct V3Links: LinkBuilder {
    /// e.g. `https://support.east.local:4443/v3`.
    let base: String

    /// From `--public-url` when the operator pinned one (a client's `Host` header then cannot steer links
    /// elsewhere), else from the request's `Host`.
    init(request: Request, env: APIEnvironment) {
        if let publicURL = env.publicURL {
            self.base = publicURL + "/v3"
            return
        }
        let host = request.head.authority ?? env.fallbackHost
        self.base = "\(env.scheme)://\(Self.isSafe(host) ? host : env.fallbackHost)/v3"
    }

    /// Absolute href of a path below `/v3/` (give it in the spelling the link should have).
    func href(_ path: String) -> JSONValue {
        .object([("href", .string(String(concatenating: base, "/", path)))])
    }

    /// `{"href":…}` of the path made of `parts`, written in pieces without building the href.
    func writeHref(_ parts: String..., to sink: inout some JSONSink) {
        sink.append(#"{"href":""#)
        sink.appendEscaped(base)
        sink.append(UInt8(ascii: "/"))
        for part in parts { sink.appendEscaped(part) }
        sink.append(#""}"#)
    }

    /// A Host header goes into every link, so only host-name characters are let through.
    private static func isSafe(_ host: String) -> Bool {
        !host.isEmpty && host.utf8.count <= 255 && host.utf8.allSatisfy { byte in
            (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || "-.:[]_".utf8.contains(byte)
        }
    }
}
