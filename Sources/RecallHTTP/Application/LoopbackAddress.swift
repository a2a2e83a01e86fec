#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which `--bind` values reach only this machine, for the `--no-tls` rule.
public enum LoopbackAddress {
    /// True for `localhost`, a literal IPv4 address in 127.0.0.0/8 and `::1` (bracketed or not). Any other host name
    /// is refused even when it resolves to loopback today: a name is only text until it is resolved, and
    /// `127.evil.example` or a DNS answer that changes later must not turn plain HTTP on for the network.
    public static func contains(_ address: String) -> Bool {
        var host = address.lowercased()
        if host == "localhost" { return true }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { bytes in bytes.prefix(15).allSatisfy { $0 == 0 } && bytes[15] == 1 }
        }
        return false
    }
}
