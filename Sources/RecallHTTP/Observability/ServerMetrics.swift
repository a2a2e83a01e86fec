import CoreMetrics
import Foundation
import Hummingbird
import Prometheus
import RecallCore
import RecallRestore
import RecallStore
import Synchronization

/// The server's metrics, recorded through swift-metrics into one Prometheus registry per server and written out by
/// `GET /metrics`. Counters count since the server started, as Prometheus expects; the running sessions and the
/// restore points are read from the store at each scrape.
public final class ServerMetrics: RestoreActivity {
    /// The registry `GET /metrics` writes out (`recall serve` also bootstraps swift-metrics' global system with it).
    public let factory: PrometheusMetricsFactory
    private let requests = Mutex<[RequestKey: RequestMetrics]>([:])
    private let sessionsStarted: CoreMetrics.Counter
    private let sessionsStopped: [StopReason: CoreMetrics.Counter]
    private let runningSessions: CoreMetrics.Gauge
    private let restorePoints: CoreMetrics.Gauge
    /// Restore counters by label and dimensions, made on first use.
    private let counters = Mutex<[CounterKey: CoreMetrics.Counter]>([:])

    static let durationLabel = "recall_http_request_duration_seconds"

    public init() {
        var factory = PrometheusMetricsFactory(registry: PrometheusCollectorRegistry())
        factory.durationHistogramBuckets[Self.durationLabel] = [
            .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
            .seconds(2.5), .seconds(5), .seconds(10),
        ]
        self.factory = factory
        sessionsStarted = Counter(label: "recall_restore_sessions_started_total", factory: factory)
        sessionsStopped = [StopReason.requested, .idleTimeout].reduce(into: [:]) { counters, reason in
            counters[reason] = Counter(label: "recall_restore_sessions_stopped_total", dimensions: [("reason", reason.rawValue)], factory: factory)
        }
        runningSessions = CoreMetrics.Gauge(label: "recall_restore_sessions_running", factory: factory)
        restorePoints = CoreMetrics.Gauge(label: "recall_repository_restore_points", factory: factory)
    }

    /// One finished request: `route` is the matched route's template (`/v3/RestoreSessions/{id}`), so ids do not
    /// make a series each.
    func recordRequest(route: String, method: HTTPRequest.Method, status: HTTPResponse.Status, nanoseconds: UInt64) {
        let key = RequestKey(route: route, method: method.rawValue, status: status.code)
        let metrics = requests.withLock { cache in
            if let metrics = cache[key] { return metrics }
            let metrics = RequestMetrics(key: key, factory: factory)
            cache[key] = metrics
            return metrics
        }
        metrics.count.increment()
        metrics.duration.recordNanoseconds(Int64(clamping: nanoseconds))
    }

    /// The Prometheus text exposition of everything, with the store's counts read now.
    func exposition(counts: OperationalCounts) -> [UInt8] {
        runningSessions.record(counts.runningSessions)
        restorePoints.record(counts.restorePoints)
        return factory.registry.emitToBuffer()
    }

    public func sessionStarted() {
        sessionsStarted.increment()
    }

    public func sessionStopped(_ reason: StopReason) {
        sessionsStopped[reason]?.increment()
    }

    public func actionFinished(_ type: SessionEventType, status: SessionEventStatus, succeeded: Int, failed: Int) {
        counter("recall_restore_actions_total", [("action", type.rawValue), ("status", status.rawValue)]).increment()
        for (outcome, count) in [("succeeded", succeeded), ("failed", failed)] where count > 0 {
            counter("recall_restore_items_total", [("action", type.rawValue), ("outcome", outcome)]).increment(by: count)
        }
    }

    private func counter(_ label: String, _ dimensions: [(String, String)]) -> CoreMetrics.Counter {
        let key = CounterKey(label: label, dimensions: dimensions.flatMap { [$0.0, $0.1] })
        return counters.withLock { counters in
            if let counter = counters[key] { return counter }
            let counter = Counter(label: label, dimensions: dimensions, factory: factory)
            counters[key] = counter
            return counter
        }
    }
}

private struct RequestKey: Hashable {
    let route: String
    let method: String
    let status: Int
}

private struct CounterKey: Hashable {
    let label: String
    let dimensions: [String]
}

/// A request series' counter and latency histogram.
private struct RequestMetrics: @unchecked Sendable {
    let count: CoreMetrics.Counter
    let duration: CoreMetrics.Timer

    init(key: RequestKey, factory: PrometheusMetricsFactory) {
        count = Counter(
            label: "recall_http_requests_total",
            dimensions: [("route", key.route), ("method", key.method), ("status", String(key.status))], factory: factory
        )
        duration = Timer(
            label: ServerMetrics.durationLabel, dimensions: [("route", key.route), ("method", key.method)], factory: factory
        )
    }
}
