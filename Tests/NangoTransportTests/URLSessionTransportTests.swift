import Foundation
import HTTPTypes
@testable import Nango
import NangoTesting
import Testing

private let key = transportTestKey
private let listBody = emptyConnectionList

/// A client on a fresh `URLSessionTransport` pointed at `server`.
private func client(
    for server: LoopbackServer,
    transport: URLSessionTransport = URLSessionTransport(),
    clock: ImmediateClock = ImmediateClock(),
    configure: (inout NangoClient.Configuration) -> Void = { _ in }
) throws -> NangoClient {
    try makeClient(for: server, transport: transport, clock: clock, configure: configure)
}

@Suite("URLSessionTransport over loopback", .timeLimit(.minutes(1)))
struct URLSessionTransportTests {
    @Test("success over one kept-alive connection, with exactly the SDK's headers")
    func keepAlive() async throws {
        let server = try LoopbackServer { _ in .json(200, listBody) }
        defer { server.stop() }
        let nango = try client(for: server)

        _ = try await nango.listConnections(search: "a+b")
        _ = try await nango.getMetadata(providerConfigKey: "p", connectionID: "a/b")

        #expect(server.acceptedConnections == 1)
        let requests = server.requests
        #expect(requests.count == 2)
        #expect(requests[0].target == "/connections?search=a%2Bb")
        #expect(requests[1].path == "/connections/a%2Fb")
        for request in requests {
            #expect(request.header("Authorization") == "Bearer \(key)")
            #expect(request.header("User-Agent")?.hasPrefix("nango-swift/") == true)
            #expect(request.header("Accept") == "application/json")
            // FoundationNetworking cannot omit the header; the transport sends it empty (no preference).
            #expect((request.header("Accept-Language") ?? "").isEmpty)
            #expect(request.header("Cookie") == nil)
            #expect(request.header("Content-Type") == nil)
        }
    }

    @Test("a JSON body arrives intact with Content-Type application/json")
    func postBody() async throws {
        let server = try LoopbackServer { _ in .json(201, #"{"connection_id":"c","provider_config_key":"p","metadata":{}}"#) }
        defer { server.stop() }
        let nango = try client(for: server)
        let big = String(repeating: "é", count: 5000)

        _ = try await nango.setMetadata(providerConfigKey: "p", connectionID: "c", metadata: ["note": big])

        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.header("Content-Type") == "application/json")
        let json = try JSONDecoder().decode(JSONValue.self, from: request.body)
        #expect(json["metadata"]?["note"]?.stringValue == big)
    }

    @Test("cookies the server sets are never stored or sent back")
    func noCookies() async throws {
        let server = try LoopbackServer { _ in
            .json(200, listBody, headers: [("Set-Cookie", "session=canary-secret-cookie; Path=/"), ("Cache-Control", "max-age=3600")])
        }
        defer { server.stop() }
        let nango = try client(for: server)
        _ = try await nango.listConnections()
        _ = try await nango.listConnections()
        #expect(server.requests.count == 2)
        #expect(server.requests.allSatisfy { $0.header("Cookie") == nil })
    }

    @Test("responses are never served from a cache")
    func noCache() async throws {
        let calls = Counter()
        let server = try LoopbackServer { _ in
            let count = calls.next()
            return .json(200, #"{"connections":[],"call":\#(count)}"#, headers: [("Cache-Control", "public, max-age=3600"), ("ETag", "\"v1\"")])
        }
        defer { server.stop() }
        let nango = try client(for: server)
        for _ in 0..<3 { _ = try await nango.listConnections() }
        #expect(server.requests.count == 3)
        #expect(server.requests.allSatisfy { $0.header("If-None-Match") == nil })
    }

    @Test("a DELETE with a JSON body (deleteSyncVariant) reaches the server intact")
    func deleteWithBody() async throws {
        let server = try LoopbackServer { _ in .json(200, #"{"success":true}"#) }
        defer { server.stop() }
        try await client(for: server).deleteSyncVariant(providerConfigKey: "github", connectionID: "c1", sync: "issues", variant: "eu")
        let request = try #require(server.requests.first)
        #expect(request.method == "DELETE")
        #expect(request.path == "/sync/issues/variant/eu")
        #expect(request.header("Content-Type") == "application/json")
        #expect(try JSONDecoder().decode(JSONValue.self, from: request.body) == ["provider_config_key": "github", "connection_id": "c1"])
    }

    @Test("a 401 with WWW-Authenticate returns an unauthorized error promptly instead of hanging")
    func challenge401() async throws {
        let server = try LoopbackServer { _ in
            .respond(status: 401, headers: [("WWW-Authenticate", "Basic realm=\"nango\""), ("Content-Type", "application/json")],
                     body: Data(#"{"error":{"code":"unauthorized"}}"#.utf8))
        }
        defer { server.stop() }
        let nango = try client(for: server) { $0.timeout = .seconds(20) }
        let started = ContinuousClock.now

        let error = await #expect(throws: NangoError.self) { try await nango.listConnections() }

        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(error?.status == 401)
        #expect(error?.kind == .http)
        #expect(server.requests.count == 1)
    }

    @Test("a Bearer 401 without a challenge keeps Nango's error body")
    func bearer401() async throws {
        let server = try LoopbackServer { _ in .json(401, #"{"error":{"code":"unknown_account","message":"Bad key"}}"#) }
        defer { server.stop() }
        let error = await #expect(throws: NangoError.self) { try await client(for: server).listConnections() }
        #expect(error?.code == "unknown_account")
        #expect(error?.message == "Bad key")
    }

    @Test("a redirect to another origin never receives Authorization; the same origin keeps it")
    func crossOriginRedirect() async throws {
        let other = try LoopbackServer { _ in .json(200, listBody) }
        defer { other.stop() }
        let otherURL = other.baseURL.absoluteString
        let server = try LoopbackServer { request in
            request.path == "/connections"
                ? .redirect(status: 302, location: "/moved/connections")
                : .redirect(status: 302, location: "\(otherURL)/elsewhere")
        }
        defer { server.stop() }

        _ = try await client(for: server).listConnections()

        #expect(server.requests.map(\.path) == ["/connections", "/moved/connections"])
        #expect(server.requests.allSatisfy { $0.header("Authorization") == "Bearer \(key)" })
        let forwarded = try #require(other.requests.first)
        #expect(forwarded.path == "/elsewhere")
        #expect(forwarded.header("Authorization") == nil)
    }

    @Test("a request with a body is never redirected; the 3xx comes back as an error")
    func noRedirectWithBody() async throws {
        let other = try LoopbackServer { _ in .json(200, "{}") }
        defer { other.stop() }
        let otherURL = other.baseURL.absoluteString
        let server = try LoopbackServer { _ in .redirect(status: 307, location: "\(otherURL)/x") }
        defer { server.stop() }

        let error = await #expect(throws: NangoError.self) { try await client(for: server).importConnection(importRequest()) }

        #expect(error?.status == 307)
        #expect(other.requests.isEmpty)
    }

    @Test("503 then 200 is retried for a GET, not for a non-idempotent POST")
    func retry503() async throws {
        let calls = Counter()
        let server = try LoopbackServer { _ in
            calls.next() == 0 ? .json(503, #"{"error":{"code":"server_error"}}"#) : .json(200, listBody)
        }
        defer { server.stop() }
        let clock = ImmediateClock()
        _ = try await client(for: server, clock: clock).listConnections()
        #expect(server.requests.count == 2)
        #expect(clock.sleeps.count == 1)

        let postCalls = Counter()
        let postServer = try LoopbackServer { _ in
            postCalls.next() == 0 ? .json(503, #"{"error":{"code":"server_error"}}"#) : .json(200, "{}")
        }
        defer { postServer.stop() }
        let error = await #expect(throws: NangoError.self) { try await client(for: postServer).importConnection(importRequest()) }
        #expect(error?.status == 503)
        #expect(postServer.requests.count == 1)
    }

    @Test("429 with Retry-After waits on the injected clock and succeeds")
    func retryAfter() async throws {
        let calls = Counter()
        let server = try LoopbackServer { _ in
            calls.next() == 0
                ? .json(429, #"{"error":{"code":"too_many_request","method":"GET","path":"/connections"}}"#, headers: [("Retry-After", "7")])
                : .json(200, listBody)
        }
        defer { server.stop() }
        let clock = ImmediateClock()
        let started = ContinuousClock.now

        _ = try await client(for: server, clock: clock).listConnections()

        #expect(clock.sleeps == [.seconds(7)])
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(server.requests.count == 2)
    }

    @Test("a dropped connection is a transport error")
    func droppedConnection() async throws {
        let server = try LoopbackServer { _ in .closeWithoutResponse }
        defer { server.stop() }
        let error = await #expect(throws: NangoError.self) {
            try await client(for: server) { $0.retry = .none }.listConnections()
        }
        #expect(error?.kind == .transport)
        #expect(error?.mayHaveBeenSent == true)
    }

    @Test("a truncated body is a transport error, never a partial decode")
    func truncatedBody() async throws {
        let server = try LoopbackServer { _ in
            .truncated(status: 200, headers: [("Content-Type", "application/json")], declaredLength: 500, body: Data(#"{"connections":["#.utf8))
        }
        defer { server.stop() }
        let error = await #expect(throws: NangoError.self) {
            try await client(for: server) { $0.retry = .none }.listConnections()
        }
        #expect(error?.kind == .transport)
    }

    @Test("invalid JSON in a 200 is a decoding error with the status")
    func invalidJSON() async throws {
        let server = try LoopbackServer { _ in .json(200, #"{"connections": [tru"#) }
        defer { server.stop() }
        let error = await #expect(throws: NangoError.self) { try await client(for: server).listConnections() }
        #expect(error?.kind == .decoding)
        #expect(error?.status == 200)
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

        let elapsed = ContinuousClock.now - started
        #expect(error?.kind == .timeout)
        #expect(elapsed >= .milliseconds(450) && elapsed < .seconds(3))
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

    @Test("many cancellations racing completions never hang or crash")
    func cancellationRaces() async throws {
        let server = try LoopbackServer { _ in .delay(.milliseconds(5), then: .json(200, listBody)) }
        defer { server.stop() }
        let transport = URLSessionTransport(configuration: .init(idleTimeout: .seconds(2)))
        let nango = try client(for: server, transport: transport) { $0.retry = .none }
        for round in 0..<40 {
            let task = Task { try await nango.listConnections() }
            try await Task.sleep(for: .milliseconds(round % 10))
            task.cancel()
            _ = await task.result
        }
        _ = try await nango.listConnections()
    }

    @Test("a refused connection is a transport error that is known not to have been sent, retried even for a POST")
    func connectionRefused() async throws {
        let server = try LoopbackServer { _ in .json(200, "{}") }
        let host = server.baseURL.absoluteString
        server.stop()
        var configuration = NangoClient.Configuration()
        configuration.host = host
        let clock = ImmediateClock()
        configuration.clock = clock
        let nango = try NangoClient(secretKey: key, configuration: configuration, transport: URLSessionTransport())

        let error = await #expect(throws: NangoError.self) { try await nango.importConnection(importRequest()) }

        #expect(error?.kind == .transport)
        #expect(error?.mayHaveBeenSent == false)
        #expect(error?.attempts == 3)
        #expect(clock.sleeps.count == 2)
    }

    @Test("the transport used directly returns any status and body without throwing")
    func directUse() async throws {
        let server = try LoopbackServer { request in
            .respond(status: 418, headers: [("X-Echo", request.header("X-Test") ?? "")], body: Data([0, 1, 2, 255]))
        }
        defer { server.stop() }
        var request = HTTPRequest(method: .get, scheme: "http", authority: "127.0.0.1:\(server.port)", path: "/teapot")
        request.headerFields[HTTPField.Name("X-Test")!] = "hello"

        let (response, body) = try await URLSessionTransport().send(request, body: nil)

        #expect(response.status.code == 418)
        #expect(response.headerFields[HTTPField.Name("X-Echo")!] == "hello")
        #expect(body == Data([0, 1, 2, 255]))
        #expect(server.requests.first?.header("User-Agent")?.hasPrefix("nango-swift/") == true)
    }
}
