import Foundation
import HTTPTypes
import Logging
@testable import Nango
import NangoTesting
import Testing

@Suite("Rate limits", .timeLimit(.minutes(1)))
struct RateLimitTests {
    @Test("the three headers are read; the reset is epoch seconds, or a delay when small")
    func parsing() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let epoch = try #require(NangoRateLimit(
            headers: fields([("X-RateLimit-Limit", "200"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "1800000042")]),
            receivedAt: now
        ))
        #expect(epoch == NangoRateLimit(limit: 200, remaining: 0, resetsAt: Date(timeIntervalSince1970: 1_800_000_042)))
        let delay = try #require(NangoRateLimit(headers: fields([("x-ratelimit-reset", " 30 ")]), receivedAt: now))
        #expect(delay.resetsAt == now.addingTimeInterval(30))
        #expect(delay.limit == nil)
        #expect(NangoRateLimit(headers: fields([("X-RateLimit-Limit", "-1"), ("X-RateLimit-Remaining", "many")])) == nil)
        #expect(NangoRateLimit(headers: HTTPFields()) == nil)
        #expect(epoch.description.contains("0/200"))
    }

    @Test("a 429 carries the window on the error; logs carry the request id and what remains")
    func onErrorsAndInLogs() async throws {
        let store = CapturingLogHandler.Store()
        let logger = Logger(label: "test") { _ in CapturingLogHandler(store: store) }
        let mock = MockTransport()
        mock.enqueue(.json(
            #"{"error":{"code":"too_many_request"}}"#,
            status: 429,
            headers: fields([
                ("X-RateLimit-Limit", "100"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "1900000000"),
                ("Retry-After", "7200"), ("X-Request-Id", "req-42"),
            ])
        ))
        let nango = try makeClient(mock) { $0.logger = logger }
        let error = await #expect(throws: NangoError.self) { try await nango.listConnections() }
        #expect(error?.rateLimit == NangoRateLimit(limit: 100, remaining: 0, resetsAt: Date(timeIntervalSince1970: 1_900_000_000)))
        #expect(error?.description.contains("request id req-42") == true)
        #expect(store.text.contains("nango.request_id: req-42") || store.text.contains("\"nango.request_id\": req-42"))
        #expect(store.text.contains("nango.ratelimit.remaining"))
    }

    /// A response that reports `remaining` calls left in a window resetting `resetIn` seconds from now.
    private static func window(remaining: Int, resetIn: Int, requestID: String = "req") throws -> MockTransport.Response {
        let reset = Int(Date().timeIntervalSince1970) + resetIn
        return try fixtureResponse("connections/get-oauth2", headers: fields([
            ("X-RateLimit-Limit", "100"), ("X-RateLimit-Remaining", "\(remaining)"), ("X-RateLimit-Reset", "\(reset)"),
            ("X-Request-Id", requestID),
        ]))
    }

    private func get(_ nango: NangoClient) async throws {
        _ = try await nango.getConnection(providerConfigKey: "github", connectionID: "u1")
    }

    @Test("the client keeps the last window Nango reported, shared with derived clients")
    func lastWindow() async throws {
        let mock = MockTransport()
        #expect(try makeClient(mock).rateLimit == nil)
        mock.enqueue(try Self.window(remaining: 41, resetIn: 60))
        mock.enqueue(try Self.window(remaining: 40, resetIn: 60))
        let nango = try makeClient(mock)
        let derived = try nango.withConfiguration { $0.timeout = .seconds(5) }
        try await get(nango)
        #expect(nango.rateLimit?.remaining == 41)
        try await get(derived)
        #expect(nango.rateLimit?.remaining == 40)
        #expect(nango.rateLimit?.limit == 100)
    }

    @Test("withResponse returns the call's status, request id, window and attempts")
    func responseHandle() async throws {
        let mock = MockTransport()
        mock.enqueue(.json(#"{"error":{"code":"server_error"}}"#, status: 503))
        mock.enqueue(try Self.window(remaining: 12, resetIn: 60, requestID: "req-77"))
        let nango = try makeClient(mock)
        let (connection, response) = try await nango.withResponse {
            try await nango.getConnection(providerConfigKey: "github", connectionID: "u1")
        }
        #expect(!connection.connectionID.isEmpty)
        let details = try #require(response)
        #expect(details.status == 200)
        #expect(details.requestID == "req-77")
        #expect(details.rateLimit?.remaining == 12)
        #expect(details.attempts == 2)
        #expect(details.operation == "GET /connections/{connectionId}")
        // Outside the scope nothing is collected; a scope without calls has no response.
        let (_, none) = await nango.withResponse { 1 }
        #expect(none == nil)
    }

    @Test("the limiter counts calls against the window and waits for its reset when none are left")
    func limiterWaits() async throws {
        let clock = ImmediateClock()
        let mock = MockTransport()
        mock.enqueue(try Self.window(remaining: 2, resetIn: 60))
        for _ in 0..<3 { mock.enqueue(try fixtureResponse("connections/get-oauth2")) }
        let nango = try makeClient(mock, clock: clock) { $0.rateLimiting = .waitWhenExhausted(maximumWait: .seconds(120)) }
        try await get(nango)            // reports 2 left
        try await get(nango)            // 1 left by the client's count
        try await get(nango)            // 0 left
        #expect(clock.sleeps.isEmpty)
        try await get(nango)            // waits for the reset, then is sent
        #expect(mock.requests.count == 4)
        let wait = try #require(clock.sleeps.first)
        #expect(clock.sleeps.count == 1)
        #expect(wait > .seconds(55) && wait <= .seconds(61))
        // Nango's own report is unchanged by the client's count.
        #expect(nango.rateLimit?.remaining == 2)
    }

    @Test("a wait longer than the limiter allows fails at once as rateLimited, and nothing is sent")
    func limiterRefuses() async throws {
        let clock = ImmediateClock()
        let mock = MockTransport()
        mock.enqueue(try Self.window(remaining: 0, resetIn: 600))
        let nango = try makeClient(mock, clock: clock) { $0.rateLimiting = .waitWhenExhausted(maximumWait: .seconds(30)) }
        try await get(nango)
        let error = await #expect(throws: NangoError.self) { try await get(nango) }
        #expect(error?.kind == .rateLimited)
        #expect(error?.operation == "GET /connections/{connectionId}")
        #expect((error?.retryAfter ?? .zero) > .seconds(590))
        #expect(error?.attempts == 0)
        #expect(mock.requests.count == 1)
        #expect(clock.sleeps.isEmpty)
        // Off (the default), the same window does not hold the call back.
        mock.enqueue(try fixtureResponse("connections/get-oauth2"))
        let unlimited = try nango.withConfiguration { $0.rateLimiting = .off }
        try await get(unlimited)
        #expect(mock.requests.count == 2)
    }

    @Test("a 429 with only Retry-After exhausts the window until then")
    func retryAfterOnly() async throws {
        let clock = ImmediateClock()
        let mock = MockTransport()
        mock.enqueue(.json(#"{"error":{"code":"too_many_request"}}"#, status: 429, headers: fields([("Retry-After", "5")])))
        mock.enqueue(try fixtureResponse("connections/get-oauth2"))
        let nango = try makeClient(mock, clock: clock) {
            $0.rateLimiting = .waitWhenExhausted()
            $0.retry = .none
        }
        await #expect(throws: NangoError.self) { try await get(nango) }
        #expect(nango.rateLimit?.remaining == 0)
        try await get(nango)
        #expect(clock.sleeps.count == 1)
        #expect((clock.sleeps.first ?? .zero) > .seconds(3))
    }
}

