import Foundation
import HTTPTypes
import InMemoryTracing
import Metrics
import MetricsTestKit
@testable import Nango
import NangoTesting
import Testing
import Tracing

@Suite("Spans and metrics", .timeLimit(.minutes(1)))
struct TelemetryTests {
    private static let connectionID = "user-secret-id-7"

    private static func observedClient(
        _ mock: MockTransport,
        tracer: InMemoryTracer,
        metrics: TestMetrics,
        host: String = "https://nango.example.com:8443/api"
    ) throws -> NangoClient {
        try makeClient(mock) {
            $0.host = host
            $0.tracer = tracer
            $0.metricsFactory = metrics
        }
    }

    /// Every attribute of a span as text, to check that no value of the call leaks into it.
    private static func attributeText(_ span: FinishedInMemorySpan) -> String {
        var text = span.operationName
        span.attributes.forEach { name, value in text += " \(name)=\(value)" }
        for event in span.events {
            text += " \(event.name)"
            event.attributes.forEach { name, value in text += " \(name)=\(value)" }
        }
        return text
    }

    private func getConnection(_ nango: NangoClient) async throws {
        _ = try await nango.getConnection(providerConfigKey: "github", connectionID: Self.connectionID)
    }

    @Test("a success: one client span named by the template, with HTTP attributes, its context in the request")
    func success() async throws {
        let tracer = InMemoryTracer()
        let metrics = TestMetrics()
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("connections/get-oauth2", headers: fields([("X-Request-Id", "req-1")])))
        let nango = try Self.observedClient(mock, tracer: tracer, metrics: metrics)
        try await getConnection(nango)

        let spans = tracer.finishedSpans
        #expect(spans.count == 1)
        let span = try #require(spans.first)
        #expect(span.operationName == "GET /connections/{connectionId}")
        #expect(span.kind == .client)
        #expect(span.attributes.get("http.request.method") == .string("GET"))
        #expect(span.attributes.get("server.address") == .string("nango.example.com"))
        #expect(span.attributes.get("server.port") == .int64(8443))
        #expect(span.attributes.get("url.template") == .string("/api/connections/{connectionId}"))
        #expect(span.attributes.get("http.response.status_code") == .int64(200))
        #expect(span.attributes.get("nango.attempts") == .int64(1))
        #expect(span.attributes.get("http.request.resend_count") == nil)
        #expect(span.attributes.get("nango.request_id") == .string("req-1"))
        #expect(span.attributes.get("error.type") == nil)
        #expect(span.status == nil)
        #expect(span.events.isEmpty)
        let text = Self.attributeText(span)
        #expect(!text.contains(Self.connectionID) && !text.contains("github") && !text.contains(canaryKey))

        // The span's context travels in the request's headers; the key is still there, and only once.
        let request = try #require(mock.lastRequest)
        #expect(request.request.headerFields[HTTPField.Name(InMemoryTracer.traceIDKey)!] == span.traceID)
        #expect(request.request.headerFields[HTTPField.Name(InMemoryTracer.spanIDKey)!] == span.spanID)
        #expect(request.request.headerFields[values: .authorization] == ["Bearer \(canaryKey)"])

        let operation = ("operation", "GET /connections/{connectionId}")
        #expect(try metrics.expectCounter("nango.client.requests", [operation, ("status_class", "2xx")]).totalValue == 1)
        #expect(try metrics.expectTimer("nango.client.duration", [operation, ("outcome", "success")]).values.count == 1)
        #expect(metrics.counters(label: "nango.client.retries").isEmpty)
        #expect(metrics.counters(label: "nango.client.errors").isEmpty)
    }

    @Test("a span is a child of the caller's span")
    func parentage() async throws {
        let tracer = InMemoryTracer()
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("connections/get-oauth2"))
        let nango = try Self.observedClient(mock, tracer: tracer, metrics: TestMetrics())
        let parent = tracer.startSpan("handler")
        try await ServiceContext.withValue(parent.context) {
            try await getConnection(nango)
        }
        parent.end()
        let child = try #require(tracer.finishedSpans.first { $0.operationName.hasPrefix("GET ") })
        let handler = try #require(tracer.finishedSpans.first { $0.operationName == "handler" })
        #expect(child.traceID == handler.traceID)
        #expect(child.parentSpanID == handler.spanID)
    }

    @Test("a retried 503: a retry event, two attempts, one retry counted and both statuses")
    func retried503() async throws {
        let tracer = InMemoryTracer()
        let metrics = TestMetrics()
        let mock = MockTransport()
        mock.enqueue(.json(#"{"error":{"code":"server_error"}}"#, status: 503))
        mock.enqueue(try fixtureResponse("connections/get-oauth2", headers: fields([("X-Request-Id", "req-2")])))
        let nango = try Self.observedClient(mock, tracer: tracer, metrics: metrics)
        try await getConnection(nango)

        let span = try #require(tracer.finishedSpans.first)
        #expect(span.attributes.get("nango.attempts") == .int64(2))
        #expect(span.attributes.get("http.request.resend_count") == .int64(1))
        #expect(span.attributes.get("http.response.status_code") == .int64(200))
        #expect(span.status == nil)
        #expect(span.events.map(\.name) == ["nango.retry"])
        let event = try #require(span.events.first)
        #expect(event.attributes.get("nango.attempt") == .int64(2))
        #expect(event.attributes.get("error.type") == .string("503"))
        #expect(event.attributes.get("nango.retry.wait_ms") != nil)

        let operation = ("operation", "GET /connections/{connectionId}")
        #expect(try metrics.expectCounter("nango.client.requests", [operation, ("status_class", "5xx")]).totalValue == 1)
        #expect(try metrics.expectCounter("nango.client.requests", [operation, ("status_class", "2xx")]).totalValue == 1)
        #expect(try metrics.expectCounter("nango.client.retries", [operation]).totalValue == 1)
        #expect(metrics.counters(label: "nango.client.errors").isEmpty)
    }

    @Test("a 429 with rate-limit headers: an error span, the error counted, the remaining window gauged")
    func rateLimited429() async throws {
        let tracer = InMemoryTracer()
        let metrics = TestMetrics()
        let mock = MockTransport()
        mock.enqueue(.json(
            #"{"error":{"code":"too_many_request"}}"#,
            status: 429,
            headers: fields([
                ("X-RateLimit-Limit", "100"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "1900000000"),
                ("Retry-After", "7200"), ("X-Request-Id", "req-3"),
            ])
        ))
        let nango = try Self.observedClient(mock, tracer: tracer, metrics: metrics)
        await #expect(throws: NangoError.self) { try await getConnection(nango) }

        let span = try #require(tracer.finishedSpans.first)
        #expect(span.status?.code == .error)
        #expect(span.attributes.get("error.type") == .string("429"))
        #expect(span.attributes.get("http.response.status_code") == .int64(429))
        #expect(span.attributes.get("nango.request_id") == .string("req-3"))
        #expect(span.events.isEmpty)

        let operation = ("operation", "GET /connections/{connectionId}")
        #expect(try metrics.expectCounter("nango.client.requests", [operation, ("status_class", "4xx")]).totalValue == 1)
        #expect(try metrics.expectCounter("nango.client.errors", [operation, ("kind", "http")]).totalValue == 1)
        #expect(try metrics.expectTimer("nango.client.duration", [operation, ("outcome", "failure")]).values.count == 1)
        #expect(try metrics.expectGauge("nango.client.rate_limit.remaining").lastValue == 0)
        #expect(nango.rateLimit?.remaining == 0)
        #expect(nango.rateLimit?.limit == 100)
    }

    @Test("a cancelled call: an error span of type cancelled, the cancellation counted")
    func cancellation() async throws {
        let tracer = InMemoryTracer()
        let metrics = TestMetrics()
        let mock = MockTransport()
        mock.enqueue(.delayed(.seconds(30), try fixtureResponse("connections/get-oauth2")))
        let nango = try Self.observedClient(mock, tracer: tracer, metrics: metrics)
        let call = Task { try await getConnection(nango) }
        while mock.requests.isEmpty { await Task.yield() }
        call.cancel()
        await #expect(throws: CancellationError.self) { try await call.value }

        let span = try #require(tracer.finishedSpans.first)
        #expect(span.status?.code == .error)
        #expect(span.attributes.get("error.type") == .string("cancelled"))
        #expect(span.attributes.get("http.response.status_code") == nil)
        let operation = ("operation", "GET /connections/{connectionId}")
        #expect(try metrics.expectCounter("nango.client.errors", [operation, ("kind", "cancelled")]).totalValue == 1)
        #expect(try metrics.expectCounter("nango.client.requests", [operation, ("status_class", "none")]).totalValue == 1)
    }

    @Test("without a tracer or a metrics backend nothing is recorded and no propagation header is added")
    func silentByDefault() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("connections/get-oauth2"))
        let nango = try makeClient(mock)
        try await getConnection(nango)
        let names = try #require(mock.lastRequest).request.headerFields.map { $0.name.canonicalName }
        #expect(Set(names) == ["user-agent", "accept", "authorization"])
    }

    @Test("server address and port: default ports, IPv6 brackets removed")
    func serverAttributes() throws {
        #expect(try NangoClient.Server(host: "https://api.nango.dev").addressAndPort == ("api.nango.dev", 443))
        #expect(try NangoClient.Server(host: "http://localhost").addressAndPort == ("localhost", 80))
        #expect(try NangoClient.Server(host: "http://[::1]:3003/x").addressAndPort == ("::1", 3003))
        #expect(try NangoClient.Server(host: "http://127.0.0.1:3003").addressAndPort == ("127.0.0.1", 3003))
    }
}
