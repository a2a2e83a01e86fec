import Foundation

/// `--public-url`: the scheme, host and port v3 links carry instead of the request's `Host` header.
public enum PublicURL {
    /// `https://recall.example.com:4443` from what the operator typed (a trailing `/` is dropped); throws a message
    /// for anything but an http(s) URL with a host and no path, query, fragment or user.
    public static func parse(_ text: String) throws -> String {
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else {
            throw PublicURLError(message: "--public-url must look like https://recall.example.com:4443 (got \(text)).")
        }
        guard components.path.isEmpty, components.query == nil, components.fragment == nil, components.user == nil, components.password == nil else {
            throw PublicURLError(message: "--public-url takes a scheme, a host and a port only, without a path, query or user (got \(text)).")
        }
        guard trimmed.utf8.allSatisfy({ (33...126).contains($0) }) else {
            throw PublicURLError(message: "--public-url must be plain ASCII without spaces (got \(text)).")
        }
        return "\(scheme)://\(trimmed.dropFirst(scheme.count + 3))"
    }
}

public struct PublicURLError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
