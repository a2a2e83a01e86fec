import ArgumentParser
import Foundation
import Hummingbird
import CoreMetrics
import Logging
import RecallCore
import RecallHTTP
import RecallStore

/// `recall serve`: the REST API over HTTPS.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the REST API (HTTPS on 127.0.0.1:4443 by default).")

    @OptionGroup var dataDirectory: DataDirectoryOption
    @Option(help: "Address to listen on.") var bind = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 4443
    @Option(name: .customLong("tls-cert"), help: "PEM certificate (chain) to serve; needs --tls-key.") var tlsCert: String?
    @Option(name: .customLong("tls-key"), help: "PEM private key of --tls-cert.") var tlsKey: String?
    @Flag(name: .customLong("no-tls"), help: "Serve plain HTTP (only on a loopback address unless --allow-insecure-remote).") var noTLS = false
    @Flag(name: .customLong("allow-insecure-remote"), help: "Allow --no-tls on a non-loopback --bind address (tokens and mail cross the network in clear).")
    var allowInsecureRemote = false
    @Option(name: .customLong("token-lifetime"), help: "Access-token lifetime in seconds.") var tokenLifetime: Int64 = 3600
    @Option(name: .customLong("session-idle-timeout"), help: "Seconds of inactivity after which a restore session stops.")
    var sessionIdleTimeout: Int64 = 1800
    @Option(name: .customLong("public-url"), help: "Scheme, host and port v3 links carry (e.g. https://recall.example.com:4443) instead of the request's Host header.")
    var publicURL: String?
    @Option(name: .customLong("max-connections-per-address"), help: "Open connections one client address may hold; more are closed at once.")
    var maxConnectionsPerAddress = 256
    @Option(name: .customLong("max-exports-per-user"), help: "Exports and saves one user may stream at once; more answer 429 with Retry-After.")
    var maxExportsPerUser = 16
    @Option(name: .customLong("first-request-timeout"), help: "Seconds a new connection may take to send its first request head.")
    var firstRequestTimeout: Int64 = 10
    @Option(name: .customLong("write-timeout"), help: "Seconds a response may wait on a client that reads none of it before the connection is closed.")
    var writeTimeout: Int64 = 30
    @Flag(help: "On an empty data dir, create user admin (password printed once) and a demo organization.") var demo = false
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (info writes one access-log line per request).")
    var logLevel = "info"
    @Option(name: .customLong("log-format"), help: "text (one line per event, key=value fields) or json (one JSON object per line).")
    var logFormat = "text"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535.") }
        guard tokenLifetime >= 60 else { throw ValidationError("--token-lifetime must be at least 60 seconds.") }
        guard sessionIdleTimeout >= 1 else { throw ValidationError("--session-idle-timeout must be at least 1 second.") }
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together.") }
        guard !(noTLS && tlsCert != nil) else { throw ValidationError("--no-tls cannot be combined with --tls-cert.") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("Unknown --log-level \(logLevel).") }
        guard ConsoleLogHandler.Format(rawValue: logFormat) != nil else { throw ValidationError("--log-format must be text or json.") }
        guard !noTLS || allowInsecureRemote || LoopbackAddress.contains(bind) else {
            throw ValidationError("Refusing to serve plain HTTP on \(bind): tokens, passwords and mail would cross the network in clear. Serve HTTPS, bind 127.0.0.1 (only localhost, 127.0.0.0/8 and ::1 count as loopback), or pass --allow-insecure-remote.")
        }
        guard maxConnectionsPerAddress >= 1 else { throw ValidationError("--max-connections-per-address must be at least 1.") }
        guard maxExportsPerUser >= 1 else { throw ValidationError("--max-exports-per-user must be at least 1.") }
        guard firstRequestTimeout >= 1 else { throw ValidationError("--first-request-timeout must be at least 1 second.") }
        guard writeTimeout >= 1 else { throw ValidationError("--write-timeout must be at least 1 second.") }
        if let publicURL {
            do { _ = try PublicURL.parse(publicURL) } catch { throw ValidationError("\(error)") }
        }
    }

    func run() async throws {
        let format = ConsoleLogHandler.Format(rawValue: logFormat) ?? .text
        LoggingSystem.bootstrap { label in ConsoleLogHandler(label: label, format: format) }
        defer { LogOutput.standardError.flush() }
        var logger = Logger(label: "recall")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let files = OpenFileLimit.raiseToHardLimit()
        if files.after > files.before {
            logger.info("Raised the open-file limit", metadata: ["from": "\(files.before)", "to": "\(files.after)"])
        } else if files.after < 4096 {
            logger.warning("The open-file limit is low: each connection holds a file; raise it with ulimit -n", metadata: ["limit": "\(files.after)"])
        }
        let store = try dataDirectory.openStore()
        let lock: ServeLock
        do {
            lock = try ServeLock(dataDirectory: dataDirectory.url)
        } catch {
            try? store.close()
            throw error
        }
        var settings = ServerSettings(dataDirectory: dataDirectory.url)
        settings.bindAddress = bind
        settings.port = port
        settings.tokenLifetime = tokenLifetime
        settings.sessionIdleTimeout = sessionIdleTimeout
        settings.publicURL = try publicURL.map(PublicURL.parse)
        settings.maxConnectionsPerAddress = maxConnectionsPerAddress
        settings.maxExportsPerUser = maxExportsPerUser
        settings.firstRequestTimeout = firstRequestTimeout
        settings.writeTimeout = writeTimeout
        if !noTLS {
            if let tlsCert, let tlsKey {
                settings.tls = try TLSIdentity.load(certificatePath: tlsCert, keyPath: tlsKey)
            } else {
                settings.tls = try TLSIdentity.selfSigned(in: dataDirectory.url)
            }
        }
        if demo {
            try await DemoSetup.prepare(store: store, dataDirectory: dataDirectory.url)
        }
        let env = RecallServer.environment(store: store, settings: settings)
        // Metrics recorded through swift-metrics anywhere in the process land in the registry `GET /metrics` writes.
        MetricsSystem.bootstrap(env.metrics.factory)
        let scheme = settings.tls == nil ? "http" : "https"
        let tls = settings.tls
        let app = try RecallServer.application(env: env, settings: settings, logger: logger) { port in
            let host = bind == "0.0.0.0" || bind == "::" ? "localhost" : (bind.contains(":") ? "[\(bind)]" : bind)
            Console.line("Recall is serving \(scheme)://\(host):\(port)/v3")
            if let tls {
                Console.line("TLS certificate \(tls.certificatePath)\(tls.created ? " (created now)" : "")")
                Console.line("SHA-256 fingerprint \(tls.fingerprint)")
            }
        }
        try await app.runService()
        try store.close()
        withExtendedLifetime(lock) {}
        logger.info("Recall stopped; the store is closed.")
    }
}
