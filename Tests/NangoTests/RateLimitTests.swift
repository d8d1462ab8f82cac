import Foundation
import HTTPTypes
import Logging
@testable import Nango
import NangoTesting
import Testing

@Suite("Rate limits", .timeLimit(.minutes(1)))
struct RateLimitTests {
    private static func fields(_ pairs: [(String, String)]) -> HTTPFields {
        var fields = HTTPFields()
        for (name, value) in pairs {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        return fields
    }

    @Test("the three headers are read; the reset is epoch seconds, or a delay when small")
    func parsing() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let epoch = try #require(NangoRateLimit(
            headers: Self.fields([("X-RateLimit-Limit", "200"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "1800000042")]),
            receivedAt: now
        ))
        #expect(epoch == NangoRateLimit(limit: 200, remaining: 0, resetsAt: Date(timeIntervalSince1970: 1_800_000_042)))
        let delay = try #require(NangoRateLimit(headers: Self.fields([("x-ratelimit-reset", " 30 ")]), receivedAt: now))
        #expect(delay.resetsAt == now.addingTimeInterval(30))
        #expect(delay.limit == nil)
        #expect(NangoRateLimit(headers: Self.fields([("X-RateLimit-Limit", "-1"), ("X-RateLimit-Remaining", "many")])) == nil)
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
            headers: Self.fields([
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
}
