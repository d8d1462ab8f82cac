#if AsyncHTTPClient
import AsyncHTTPClient
import Foundation
import HTTPTypes
@testable import Nango
import NangoTesting
import Testing

private let key = transportTestKey
private let listBody = emptyConnectionList

/// A client on an `AsyncHTTPClientTransport` pointed at `server`.
private func client(
    for server: LoopbackServer,
    transport: AsyncHTTPClientTransport = AsyncHTTPClientTransport(),
    clock: ImmediateClock = ImmediateClock(),
    configure: (inout NangoClient.Configuration) -> Void = { _ in }
) throws -> NangoClient {
    try makeClient(for: server, transport: transport, clock: clock, configure: configure)
}

@Suite("AsyncHTTPClientTransport over loopback", .timeLimit(.minutes(1)))
struct AsyncHTTPClientTransportTests {
    @Test("the trait's transport is reported as available")
    func available() {
        #expect(NangoClient.availableTransports.contains("AsyncHTTPClientTransport"))
    }

    @Test("success over one kept-alive connection with exactly the SDK's headers and no Accept-Language")
    func keepAlive() async throws {
        let server = try LoopbackServer { _ in .json(200, listBody) }
        defer { server.stop() }
        let nango = try client(for: server)
        _ = try await nango.listConnections(search: "a+b")
        _ = try await nango.listConnections()
        #expect(server.acceptedConnections == 1)
        let request = try #require(server.requests.first)
        #expect(request.target == "/connections?search=a%2Bb")
        #expect(request.header("Authorization") == "Bearer \(key)")
        #expect(request.header("User-Agent")?.hasPrefix("nango-swift/") == true)
        #expect(request.header("Accept") == "application/json")
        #expect(request.header("Accept-Language") == nil)
        #expect(request.header("Content-Type") == nil)
    }

    @Test("a JSON body arrives intact, and a DELETE body too")
    func bodies() async throws {
        let server = try LoopbackServer { _ in .json(200, #"{"success":true,"connection_id":"c","provider_config_key":"p","metadata":{}}"#) }
        defer { server.stop() }
        let nango = try client(for: server)
        _ = try await nango.setMetadata(providerConfigKey: "p", connectionID: "c", metadata: ["note": String(repeating: "é", count: 5000)])
        try await nango.deleteSyncVariant(providerConfigKey: "p", connectionID: "c", sync: "s", variant: "v")
        let requests = server.requests
        #expect(requests[0].header("Content-Type") == "application/json")
        #expect(try JSONDecoder().decode(JSONValue.self, from: requests[0].body)["metadata"]?["note"]?.stringValue?.count == 5000)
        #expect(requests[1].method == "DELETE")
        #expect(try JSONDecoder().decode(JSONValue.self, from: requests[1].body) == ["provider_config_key": "p", "connection_id": "c"])
    }

    @Test("a 401 with WWW-Authenticate returns Nango's error promptly")
    func challenge401() async throws {
        let server = try LoopbackServer { _ in
            .respond(status: 401, headers: [("WWW-Authenticate", "Basic realm=\"x\""), ("Content-Type", "application/json")],
                     body: Data(#"{"error":{"code":"unauthorized"}}"#.utf8))
        }
        defer { server.stop() }
        let error = await #expect(throws: NangoError.self) { try await client(for: server).listConnections() }
        #expect(error?.status == 401)
        #expect(error?.code == .unauthorized)
    }

    @Test("redirects are not followed, so no other origin ever receives Authorization")
    func noRedirects() async throws {
        let other = try LoopbackServer { _ in .json(200, listBody) }
        defer { other.stop() }
        let otherURL = other.baseURL.absoluteString
        let server = try LoopbackServer { _ in .redirect(status: 302, location: "\(otherURL)/elsewhere") }
        defer { server.stop() }
        let error = await #expect(throws: NangoError.self) { try await client(for: server).listConnections() }
        #expect(error?.status == 302)
        #expect(other.requests.isEmpty)
    }

    @Test("503 then 200 is retried for a GET, not for a non-idempotent POST")
    func retry503() async throws {
        let calls = Counter()
        let server = try LoopbackServer { _ in calls.next() == 0 ? .json(503, "{}") : .json(200, listBody) }
        defer { server.stop() }
        _ = try await client(for: server).listConnections()
        #expect(server.requests.count == 2)

        let postCalls = Counter()
        let postServer = try LoopbackServer { _ in postCalls.next() == 0 ? .json(503, "{}") : .json(200, "{}") }
        defer { postServer.stop() }
        await #expect(throws: NangoError.self) { try await client(for: postServer).importConnection(importRequest()) }
        #expect(postServer.requests.count == 1)
    }

    @Test("429 with Retry-After waits on the injected clock and succeeds")
    func retryAfter() async throws {
        let calls = Counter()
        let server = try LoopbackServer { _ in
            calls.next() == 0 ? .json(429, #"{"error":{"code":"too_many_request"}}"#, headers: [("Retry-After", "3")]) : .json(200, listBody)
        }
        defer { server.stop() }
        let clock = ImmediateClock()
        _ = try await client(for: server, clock: clock).listConnections()
        #expect(clock.sleeps == [.seconds(3)])
    }

    @Test("a dropped connection and a truncated body are transport errors; invalid JSON is a decoding error")
    func faults() async throws {
        let dropped = try LoopbackServer { _ in .closeWithoutResponse }
        defer { dropped.stop() }
        let dropError = await #expect(throws: NangoError.self) { try await client(for: dropped) { $0.retry = .none }.listConnections() }
        #expect(dropError?.kind == .transport)

        let truncated = try LoopbackServer { _ in
            .truncated(status: 200, headers: [("Content-Type", "application/json")], declaredLength: 500, body: Data(#"{"connections":["#.utf8))
        }
        defer { truncated.stop() }
        let truncError = await #expect(throws: NangoError.self) { try await client(for: truncated) { $0.retry = .none }.listConnections() }
        #expect(truncError?.kind == .transport)

        let invalid = try LoopbackServer { _ in .json(200, #"{"connections": [tru"#) }
        defer { invalid.stop() }
        let invalidError = await #expect(throws: NangoError.self) { try await client(for: invalid).listConnections() }
        #expect(invalidError?.kind == .decoding)
    }

    @Test("a response slower than the timeout fails in time", arguments: [
        LoopbackAction.delay(.seconds(10), then: .json(200, listBody)),
        LoopbackAction.drip(status: 200, headers: [("Content-Type", "application/json")], body: Data(listBody.utf8), interval: .milliseconds(200)),
        LoopbackAction.hang,
    ])
    func slowResponse(action: LoopbackAction) async throws {
        let server = try LoopbackServer { _ in action }
        defer { server.stop() }
        let nango = try client(for: server) {
            $0.timeout = .milliseconds(500)
            $0.retry = .none
        }
        let started = ContinuousClock.now
        let error = await #expect(throws: NangoError.self) { try await nango.listConnections() }
        #expect(error?.kind == .timeout)
        #expect(ContinuousClock.now - started < .seconds(3))
    }

    @Test("cancelling the task ends the call promptly")
    func cancellation() async throws {
        let server = try LoopbackServer { _ in .hang }
        defer { server.stop() }
        let nango = try client(for: server) { $0.timeout = .seconds(30) }
        let task = Task { try await nango.listConnections() }
        try await Task.sleep(for: .milliseconds(200))
        let started = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test("a body larger than the limit is a transport error, not a memory blow-up")
    func bodyLimit() async throws {
        let server = try LoopbackServer { _ in .respond(status: 200, body: Data(repeating: 0x61, count: 100_000)) }
        defer { server.stop() }
        let transport = AsyncHTTPClientTransport(configuration: .init(maximumResponseBodySize: 10_000))
        let error = await #expect(throws: NangoError.self) {
            try await client(for: server, transport: transport) { $0.retry = .none }.listConnections()
        }
        #expect(error?.kind == .transport)
        #expect(error?.message.contains("10000") == true)
    }

    @Test("a refused connection is retried, even for a POST, and ends as a transport error")
    func refused() async throws {
        let server = try LoopbackServer { _ in .json(200, "{}") }
        let host = server.baseURL.absoluteString
        server.stop()
        var configuration = NangoClient.Configuration()
        configuration.host = host
        let clock = ImmediateClock()
        configuration.clock = clock
        let nango = try NangoClient(secretKey: key, configuration: configuration, transport: AsyncHTTPClientTransport())
        let started = ContinuousClock.now
        let error = await #expect(throws: NangoError.self) { try await nango.importConnection(importRequest()) }
        #expect(error?.kind == .transport)
        #expect(error?.mayHaveBeenSent == false)
        #expect(error?.attempts == 3)
        #expect(clock.sleeps.count == 2)
        #expect(ContinuousClock.now - started < .seconds(5))
    }
}
#endif
