import Foundation
import HTTPTypes
import Metrics
import Tracing

/// What one call reports while it runs: a client span (when a tracer records) and the client's metrics.
///
/// Spans and metrics carry the operation's template, method, server, status, attempt count and Nango's request
/// id, never a path value, query, header value, body or key.
struct CallObservation {
    let operation: String
    /// When the call started; only read when metrics are recorded.
    let started: ContinuousClock.Instant?
    let metrics: MetricsRecorder
    /// `nil` when no tracer is bootstrapped (the no-op tracer), so an untraced call builds no attributes.
    let span: (any Span)?
    private(set) var attempts = 0
    private(set) var lastStatus: Int?
    private(set) var requestID: String?

    /// Starts the span of `request` as a child of the task's service context and injects its context into
    /// `headers`, so that Nango (or a proxy in between) can join the trace.
    init(
        request: APIRequest,
        server: NangoClient.Server,
        tracer: (any Tracer)?,
        metrics: MetricsRecorder,
        headers: inout HTTPFields
    ) {
        operation = request.operation
        started = metrics.isEnabled ? ContinuousClock.now : nil
        self.metrics = metrics
        guard let tracer else {
            span = nil
            return
        }
        let parent = ServiceContext.current ?? .topLevel
        let span = tracer.startSpan(request.operation, context: parent, ofKind: .client)
        if span.isRecording {
            span.attributes["http.request.method"] = request.method.rawValue
            let (address, port) = server.addressAndPort
            span.attributes["server.address"] = address
            span.attributes["server.port"] = port
            span.attributes["url.template"] = server.pathPrefix + request.template
        }
        tracer.inject(span.context, into: &headers, using: HTTPFieldsInjector())
        self.span = span
    }

    /// Runs one attempt inside the span's context, so that a transport that traces its own work nests under it.
    func withinSpan<Result>(_ body: () async throws -> Result) async throws -> Result {
        guard let span else { return try await body() }
        return try await ServiceContext.withValue(span.context) { try await body() }
    }

    /// An attempt ended with a response, which reported `rateLimit` (if any).
    mutating func received(_ response: HTTPResponse, rateLimit: NangoRateLimit?) {
        attempts += 1
        let status = response.status.code
        lastStatus = status
        requestID = response.headerFields[.nangoRequestID] ?? requestID
        metrics.request(operation: operation, statusClass: "\(status / 100)xx")
        if let remaining = rateLimit?.remaining {
            metrics.rateLimitRemaining(remaining)
        }
    }

    /// An attempt ended without a response (a transport failure, a timeout or a cancellation).
    mutating func receivedNothing() {
        attempts += 1
        metrics.request(operation: operation, statusClass: "none")
    }

    /// The call will try again after `wait`, because of `failure`.
    func retrying(after failure: NangoError, wait: Duration, nextAttempt: Int) {
        metrics.retry(operation: operation)
        guard let span, span.isRecording else { return }
        span.addEvent(SpanEvent(name: "nango.retry", attributes: [
            "nango.attempt": .int64(Int64(nextAttempt)),
            "nango.retry.wait_ms": .int64(Int64(wait.seconds * 1000)),
            "error.type": .string(Self.errorType(failure)),
        ]))
    }

    /// The call succeeded.
    func succeeded() {
        if let started { metrics.duration(operation: operation, outcome: "success", ContinuousClock.now - started) }
        end(errorType: nil)
    }

    /// The call failed with `error` (a ``NangoError``, `CancellationError` or anything a caller's code threw).
    func failed(_ error: any Error) {
        let type: String
        if let error = error as? NangoError {
            type = Self.errorType(error)
            metrics.error(operation: operation, kind: error.kind.description)
        } else if error is CancellationError {
            type = "cancelled"
            metrics.error(operation: operation, kind: "cancelled")
        } else {
            type = "_OTHER"
            metrics.error(operation: operation, kind: "other")
        }
        if let started { metrics.duration(operation: operation, outcome: "failure", ContinuousClock.now - started) }
        end(errorType: type)
    }

    private func end(errorType: String?) {
        guard let span else { return }
        if span.isRecording {
            if let lastStatus { span.attributes["http.response.status_code"] = lastStatus }
            span.attributes["nango.attempts"] = attempts
            if attempts > 1 { span.attributes["http.request.resend_count"] = attempts - 1 }
            if let requestID { span.attributes["nango.request_id"] = requestID }
            if let errorType {
                span.attributes["error.type"] = errorType
                span.setStatus(SpanStatus(code: .error))
            }
        }
        span.end()
    }

    /// OpenTelemetry's `error.type`: the status code of an HTTP error, otherwise the error's kind.
    static func errorType(_ error: NangoError) -> String {
        if let status = error.status, error.kind == .http || error.kind == .providerHTTP || error.kind == .actionFailed {
            return String(status)
        }
        return error.kind.description
    }
}

/// Writes a tracer's propagation fields (`traceparent`, ...) into the outgoing request's headers.
struct HTTPFieldsInjector: Injector {
    func inject(_ value: String, forKey key: String, into fields: inout HTTPFields) {
        guard let name = HTTPField.Name(key) else { return }
        fields[name] = value
    }
}

/// The client's metrics, made once per label and dimensions from the client's factory and reused.
///
/// - `nango.client.requests` (counter): every attempt, by `operation` and `status_class` (`2xx` … `5xx`, or
///   `none` when no response arrived).
/// - `nango.client.duration` (timer): every call, retries included, by `operation` and `outcome`.
/// - `nango.client.retries` (counter): retries, by `operation`.
/// - `nango.client.errors` (counter): failed calls, by `operation` and `kind` (``NangoError/Kind``, or
///   `cancelled`).
/// - `nango.client.rate_limit.remaining` (gauge): the last `X-RateLimit-Remaining` Nango sent.
final class MetricsRecorder: Sendable {
    private struct Key: Hashable {
        var label: String
        var operation: String
        var detail: String
    }

    private let factory: any MetricsFactory
    /// Whether a backend is bootstrapped; with the no-op factory nothing is made or recorded.
    let isEnabled: Bool
    private let counters = Locked<[Key: Counter]>([:])
    private let timers = Locked<[Key: Metrics.Timer]>([:])
    private let remainingGauge: Gauge?

    init(factory: any MetricsFactory) {
        self.factory = factory
        isEnabled = !(factory is NOOPMetricsHandler)
        remainingGauge = isEnabled ? Gauge(label: "nango.client.rate_limit.remaining", dimensions: [], factory: factory) : nil
    }

    func request(operation: String, statusClass: String) {
        counter(Key(label: "nango.client.requests", operation: operation, detail: statusClass), detailName: "status_class")?
            .increment()
    }

    func retry(operation: String) {
        counter(Key(label: "nango.client.retries", operation: operation, detail: ""), detailName: nil)?.increment()
    }

    func error(operation: String, kind: String) {
        counter(Key(label: "nango.client.errors", operation: operation, detail: kind), detailName: "kind")?.increment()
    }

    func duration(operation: String, outcome: String, _ duration: Duration) {
        guard isEnabled else { return }
        let key = Key(label: "nango.client.duration", operation: operation, detail: outcome)
        let timer = timers.withLock { timers in
            if let timer = timers[key] { return timer }
            let timer = Metrics.Timer(
                label: key.label, dimensions: [("operation", operation), ("outcome", outcome)], factory: factory
            )
            timers[key] = timer
            return timer
        }
        timer.record(duration: duration)
    }

    func rateLimitRemaining(_ remaining: Int) {
        remainingGauge?.record(remaining)
    }

    private func counter(_ key: Key, detailName: String?) -> Counter? {
        guard isEnabled else { return nil }
        return counters.withLock { counters in
            if let counter = counters[key] { return counter }
            var dimensions = [("operation", key.operation)]
            if let detailName { dimensions.append((detailName, key.detail)) }
            let counter = Counter(label: key.label, dimensions: dimensions, factory: factory)
            counters[key] = counter
            return counter
        }
    }
}

extension Metrics.Timer {
    /// Records a `Duration` in nanoseconds (capped, as every duration the SDK converts).
    fileprivate func record(duration: Duration) {
        recordNanoseconds(duration.nanoseconds(cappedAt: AttemptLimits.maximumTimeout))
    }
}

extension NangoClient.Server {
    /// The host name (without brackets) and port, for `server.address` and `server.port`.
    var addressAndPort: (String, Int) {
        var host = Substring(authority)
        var port = scheme == "https" ? 443 : 80
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            let rest = host[host.index(after: close)...]
            if rest.hasPrefix(":"), let value = Int(rest.dropFirst()) { port = value }
            host = host[host.index(after: host.startIndex)..<close]
        } else if let colon = host.lastIndex(of: ":") {
            if let value = Int(host[host.index(after: colon)...]) { port = value }
            host = host[..<colon]
        }
        return (String(host), port)
    }
}
