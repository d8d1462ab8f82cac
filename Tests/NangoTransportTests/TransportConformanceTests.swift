#if AsyncHTTPClient
import AsyncHTTPClient
#endif
import Foundation
import HTTPTypes
@testable import Nango
import NangoTesting
import Testing

private let key = transportTestKey
private let listBody = emptyConnectionList

/// One suite for every transport compiled in, over real loopback sockets: the wire, faults, timeouts,
/// cancellation, load and bad input. Transport-specific behaviour is asserted through the properties of
/// ``TransportUnderTest``, never by a separate copy of a test.
@Suite("Transport conformance over loopback", .timeLimit(.minutes(2)))
struct TransportConformanceTests {
    // MARK: The wire

    @Test("success over one kept-alive connection, with exactly the SDK's headers", arguments: TransportUnderTest.all)
    func keepAlive(_ transport: TransportUnderTest) async throws {
        let server = try LoopbackServer { _ in .json(200, listBody) }
        defer { server.stop() }
        try await transport.with { transport in
            let nango = try makeClient(for: server, transport: transport)
            _ = try await nango.listConnections(search: "a+b")
            _ = try await nango.getMetadata(providerConfigKey: "p", connectionID: "a/b")
        }
        #expect(server.acceptedConnections == 1)
        let requests = server.requests
        #expect(requests.count == 2)
        #expect(requests.first?.target == "/connections?search=a%2Bb")
        #expect(requests.last?.path == "/connections/a%2Fb")
        for request in requests {
            #expect(request.header("Authorization") == "Bearer \(key)")
            #expect(request.header("User-Agent")?.hasPrefix("nango-swift/") == true)
            #expect(request.header("Accept") == "application/json")
            // FoundationNetworking cannot omit the header, so it is sent empty (no preference); others send none.
            #expect((request.header("Accept-Language") ?? "").isEmpty)
            #expect(request.header("Cookie") == nil)
            #expect(request.header("Content-Type") == nil)
        }
    }

    @Test("JSON bodies arrive intact with Content-Type application/json, a DELETE body too", arguments: TransportUnderTest.all)
    func bodies(_ transport: TransportUnderTest) async throws {
        let server = try LoopbackServer { _ in
            .json(200, #"{"success":true,"connection_id":"c","provider_config_key":"p","metadata":{}}"#)
        }
        defer { server.stop() }
        let big = String(repeating: "é", count: 5000)
        try await transport.with { transport in
            let nango = try makeClient(for: server, transport: transport)
            _ = try await nango.setMetadata(providerConfigKey: "p", connectionID: "c", metadata: ["note": JSONValue.string(big)])
            try await nango.deleteSyncVariant(providerConfigKey: "github", connectionID: "c1", sync: "issues", variant: "eu")
        }
        let requests = server.requests
        try #require(requests.count == 2)
        #expect(requests[0].method == "POST")
        #expect(requests[0].header("Content-Type") == "application/json")
        #expect(try JSONDecoder().decode(JSONValue.self, from: requests[0].body)["metadata"]?["note"]?.stringValue == big)
        #expect(requests[1].method == "DELETE")
        #expect(requests[1].path == "/sync/issues/variant/eu")
        #expect(try JSONDecoder().decode(JSONValue.self, from: requests[1].body) == ["provider_config_key": "github", "connection_id": "c1"])
    }

    @Test("cookies are never stored or sent back, and responses are never served from a cache", arguments: TransportUnderTest.all)
    func noCookiesNoCache(_ transport: TransportUnderTest) async throws {
        let calls = Counter()
        let server = try LoopbackServer { _ in
            let count = calls.next()
            return .json(200, #"{"connections":[],"call":\#(count)}"#, headers: [
                ("Set-Cookie", "session=canary-secret-cookie; Path=/"), ("Cache-Control", "public, max-age=3600"), ("ETag", "\"v1\""),
            ])
        }
        defer { server.stop() }
        try await transport.with { transport in
            let nango = try makeClient(for: server, transport: transport)
            for _ in 0..<3 { _ = try await nango.listConnections() }
        }
        #expect(server.requests.count == 3)
        #expect(server.requests.allSatisfy { $0.header("Cookie") == nil && $0.header("If-None-Match") == nil })
    }

    @Test("a 401 with WWW-Authenticate is an unauthorized error, promptly", arguments: TransportUnderTest.all)
    func challenge401(_ transport: TransportUnderTest) async throws {
        let server = try LoopbackServer { _ in
            .respond(status: 401, headers: [("WWW-Authenticate", "Basic realm=\"nango\""), ("Content-Type", "application/json")],
                     body: Data(#"{"error":{"code":"unauthorized"}}"#.utf8))
        }
        defer { server.stop() }
        let started = ContinuousClock.now
        let error = try await transport.with { transport in
            let nango = try makeClient(for: server, transport: transport) { $0.timeout = .seconds(20) }
            return await #expect(throws: NangoError.self) { try await nango.listConnections() }
        }
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(error?.status == 401)
        #expect(error?.kind == .http)
        #expect(server.requests.count == 1)
    }

    @Test("a Bearer 401 keeps Nango's error body", arguments: TransportUnderTest.all)
    func bearer401(_ transport: TransportUnderTest) async throws {
        let server = try LoopbackServer { _ in .json(401, #"{"error":{"code":"unknown_account","message":"Bad key"}}"#) }
        defer { server.stop() }
        let error = try await transport.with { transport in
            await #expect(throws: NangoError.self) { try await makeClient(for: server, transport: transport).listConnections() }
        }
        #expect(error?.code == "unknown_account")
        #expect(error?.message == "Bad key")
    }

    @Test("no other origin ever receives Authorization through a redirect", arguments: TransportUnderTest.all)
    func redirects(_ transport: TransportUnderTest) async throws {
        let other = try LoopbackServer { _ in .json(200, listBody) }
        defer { other.stop() }
        let otherURL = other.baseURL.absoluteString
        let server = try LoopbackServer { request in
            request.path == "/connections"
                ? .redirect(status: 302, location: "/moved/connections")
                : .redirect(status: 302, location: "\(otherURL)/elsewhere")
        }
        defer { server.stop() }
        let outcome = try await transport.with { transport in
            await Result(asyncCatching: { try await makeClient(for: server, transport: transport).listConnections() })
        }
        #expect(server.requests.allSatisfy { $0.header("Authorization") == "Bearer \(key)" })
        #expect(other.requests.allSatisfy { $0.header("Authorization") == nil })
        if transport.followsRedirects {
            #expect(server.requests.map(\.path) == ["/connections", "/moved/connections"])
            #expect(other.requests.map(\.path) == ["/elsewhere"])
            #expect((try? outcome.get()) != nil)
        } else {
            #expect(server.requests.map(\.path) == ["/connections"])
            #expect(other.requests.isEmpty)
            #expect((outcome.failure as? NangoError)?.status == 302)
        }
    }

    @Test("a request with a body is never redirected; the 3xx comes back as an error", arguments: TransportUnderTest.all)
    func noRedirectWithBody(_ transport: TransportUnderTest) async throws {
        let other = try LoopbackServer { _ in .json(200, "{}") }
        defer { other.stop() }
        let otherURL = other.baseURL.absoluteString
        let server = try LoopbackServer { _ in .redirect(status: 307, location: "\(otherURL)/x") }
        defer { server.stop() }
        let error = try await transport.with { transport in
            await #expect(throws: NangoError.self) { try await makeClient(for: server, transport: transport).importConnection(importRequest()) }
        }
        #expect(error?.status == 307)
        #expect(other.requests.isEmpty)
    }

    @Test("the transport used directly returns any status and body without throwing", arguments: TransportUnderTest.all)
    func directUse(_ transport: TransportUnderTest) async throws {
        let server = try LoopbackServer { request in
            .respond(status: 418, headers: [("X-Echo", request.header("X-Test") ?? "")], body: Data([0, 1, 2, 255]))
        }
        defer { server.stop() }
        var request = HTTPRequest(method: .get, scheme: "http", authority: "127.0.0.1:\(server.port)", path: "/teapot")
        request.headerFields[HTTPField.Name("X-Test")!] = "hello"
        request.headerFields[.userAgent] = "nango-swift/test"
        let (response, body) = try await transport.with { try await $0.send(request, body: nil) }
        #expect(response.status.code == 418)
        #expect(response.headerFields[HTTPField.Name("X-Echo")!] == "hello")
        #expect(body == Data([0, 1, 2, 255]))
    }

    // MARK: Faults and retries

    @Test("503 then 200 is retried for a GET, not for a non-idempotent POST", arguments: TransportUnderTest.all)
    func retry503(_ transport: TransportUnderTest) async throws {
        let calls = Counter()
        let server = try LoopbackServer { request in
            if request.method == "POST" { return .json(503, #"{"error":{"code":"server_error"}}"#) }
            return calls.next() == 0 ? .json(503, #"{"error":{"code":"server_error"}}"#) : .json(200, listBody)
        }
        defer { server.stop() }
        let clock = ImmediateClock()
        let error = try await transport.with { transport in
            let nango = try makeClient(for: server, transport: transport, clock: clock)
            _ = try await nango.listConnections()
            return await #expect(throws: NangoError.self) { try await nango.importConnection(importRequest()) }
        }
        #expect(clock.sleeps.count == 1)
        #expect(error?.status == 503)
        #expect(server.requests.map(\.method) == ["GET", "GET", "POST"])
    }

    @Test("429 with Retry-After waits on the injected clock and succeeds", arguments: TransportUnderTest.all)
    func retryAfter(_ transport: TransportUnderTest) async throws {
        let calls = Counter()
        let server = try LoopbackServer { _ in
            calls.next() == 0
                ? .json(429, #"{"error":{"code":"too_many_request","method":"GET","path":"/connections"}}"#, headers: [("Retry-After", "7")])
                : .json(200, listBody)
        }
        defer { server.stop() }
        let clock = ImmediateClock()
        let started = ContinuousClock.now
        try await transport.with { transport in
            _ = try await makeClient(for: server, transport: transport, clock: clock).listConnections()
        }
        #expect(clock.sleeps == [.seconds(7)])
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(server.requests.count == 2)
    }

    @Test("a dropped connection and a truncated body are transport errors; invalid JSON is a decoding error", arguments: TransportUnderTest.all)
    func faults(_ transport: TransportUnderTest) async throws {
        let server = try LoopbackServer { request in
            switch request.query ?? "" {
            case "search=drop": return .closeWithoutResponse
            case "search=truncate":
                return .truncated(status: 200, headers: [("Content-Type", "application/json")], declaredLength: 500, body: Data(#"{"connections":["#.utf8))
            default: return .json(200, #"{"connections": [tru"#)
            }
        }
        defer { server.stop() }
        try await transport.with { transport in
            let nango = try makeClient(for: server, transport: transport) { $0.retry = .none }
            let dropped = await #expect(throws: NangoError.self) { try await nango.listConnections(search: "drop") }
            #expect(dropped?.kind == .transport)
            #expect(dropped?.mayHaveBeenSent == true)
            let truncated = await #expect(throws: NangoError.self) { try await nango.listConnections(search: "truncate") }
            #expect(truncated?.kind == .transport)
            let invalid = await #expect(throws: NangoError.self) { try await nango.listConnections(search: "invalid") }
            #expect(invalid?.kind == .decoding)
            #expect(invalid?.status == 200)
        }
    }

    @Test("a refused connection is known not to have been sent, and is retried even for a POST", arguments: TransportUnderTest.all)
    func connectionRefused(_ transport: TransportUnderTest) async throws {
        let server = try LoopbackServer { _ in .json(200, "{}") }
        server.stop()
        let clock = ImmediateClock()
        let started = ContinuousClock.now
        let error = try await transport.with { transport in
            let nango = try makeClient(for: server, transport: transport, clock: clock)
            return await #expect(throws: NangoError.self) { try await nango.importConnection(importRequest()) }
        }
        #expect(error?.kind == .transport)
        #expect(error?.mayHaveBeenSent == false)
        #expect(error?.attempts == 3)
        #expect(clock.sleeps.count == 2)
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    // MARK: Timeouts and cancellation

    @Test("a response slower than the timeout fails in time", arguments: TransportUnderTest.all, [
        LoopbackAction.delay(.seconds(30), then: .json(200, listBody)),
        LoopbackAction.drip(status: 200, headers: [("Content-Type", "application/json")], body: Data(listBody.utf8), interval: .milliseconds(200)),
        LoopbackAction.hang,
    ])
    func slowResponse(_ transport: TransportUnderTest, action: LoopbackAction) async throws {
        let server = try LoopbackServer { _ in action }
        defer { server.stop() }
        let started = ContinuousClock.now
        let error = try await transport.with { transport in
            let nango = try makeClient(for: server, transport: transport) {
                $0.timeout = .milliseconds(500)
                $0.retry = .none
            }
            return await #expect(throws: NangoError.self) { try await nango.listConnections() }
        }
        let elapsed = ContinuousClock.now - started
        #expect(error?.kind == .timeout)
        // Far below the server's 30 s (or never); not tighter, as CPU-heavy tests running beside this one on a
        // 2-core machine can hold the task pool for seconds.
        #expect(elapsed >= .milliseconds(450) && elapsed < .seconds(10))
    }

    @Test("cancelling the task ends the call promptly", arguments: TransportUnderTest.all)
    func cancellation(_ transport: TransportUnderTest) async throws {
        let server = try LoopbackServer { _ in .hang }
        defer { server.stop() }
        try await transport.with(idleTimeout: .seconds(3)) { transport in
            let nango = try makeClient(for: server, transport: transport) { $0.timeout = .seconds(20) }
            let task = Task { try await nango.listConnections() }
            #expect(await eventually { server.requests.count == 1 })
            let started = ContinuousClock.now
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
            // Far below the 20 s timeout; not tighter, as a loaded 2-core machine can stall the task pool.
            #expect(ContinuousClock.now - started < .seconds(10))
        }
    }

    @Test("a call cancelled while it waits for a connection is never sent", arguments: TransportUnderTest.all)
    func cancelledWhileQueuedIsNeverSent(_ transport: TransportUnderTest) async throws {
        let latch = Latch()
        let server = try LoopbackServer { request in
            if (request.query ?? "").contains("busy") { latch.wait() }
            return .json(200, listBody)
        }
        defer {
            latch.open()
            server.stop()
        }
        try await transport.with(connectionLimit: 2) { transport in
            let nango = try makeClient(for: server, transport: transport)
            let busy = (0..<2).map { index in Task { try await nango.listConnections(search: "busy-\(index)") } }
            #expect(await eventually { server.requests.count == 2 })
            let queued = (0..<8).map { index in Task { try await nango.listConnections(search: "queued-\(index)") } }
            // All eight are in the transport's queue before they are cancelled.
            let admitting = try #require(transport as? any AdmittingTransport)
            #expect(await eventually { admitting.queuedRequestCount == 8 })
            for task in queued { task.cancel() }
            for task in queued {
                await #expect(throws: CancellationError.self) { try await task.value }
            }
            latch.open()
            for task in busy { _ = try await task.value }
            // Long enough for anything abandoned inside the transport to have gone out.
            try await Task.sleep(for: .milliseconds(500))
            _ = try await nango.listConnections(search: "after")
        }
        let targets = server.requests.map(\.target)
        #expect(targets.filter { $0.contains("queued") }.isEmpty, "cancelled queued calls reached the server: \(targets)")
        #expect(targets.count == 3)
    }

    @Test("abandoned requests keep their slot only until their deadline; later calls then succeed", arguments: TransportUnderTest.all)
    func abandonedRequestsDoNotStarveOthers(_ transport: TransportUnderTest) async throws {
        let server = try LoopbackServer { request in
            (request.query ?? "").contains("hang") ? .hang : .json(200, listBody)
        }
        defer { server.stop() }
        try await transport.with(connectionLimit: 2, idleTimeout: .seconds(5)) { transport in
            let nango = try makeClient(for: server, transport: transport) {
                $0.timeout = .milliseconds(400)
                $0.retry = .none
            }
            let hung = (0..<2).map { index in Task { try await nango.listConnections(search: "hang-\(index)") } }
            #expect(await eventually { server.requests.count == 2 })
            for task in hung { task.cancel() }
            for task in hung { _ = await task.result }
            let started = ContinuousClock.now
            for index in 0..<4 {
                _ = try await nango.listConnections(search: "healthy-\(index)")
            }
            #expect(ContinuousClock.now - started < .seconds(3))
        }
    }

    @Test("time spent queued for a connection counts against the call's total timeout, not the attempt's", arguments: TransportUnderTest.all)
    func queueTimeIsNotAttemptTime(_ transport: TransportUnderTest) async throws {
        let server = try LoopbackServer { _ in .delay(.milliseconds(150), then: .json(200, listBody)) }
        defer { server.stop() }
        let failures = try await transport.with(connectionLimit: 1) { transport in
            let nango = try makeClient(for: server, transport: transport) {
                $0.timeout = .milliseconds(600)
                $0.totalTimeout = .seconds(20)
                $0.retry = .none
            }
            return await withTaskGroup(of: Bool.self) { group in
                for index in 0..<8 {
                    group.addTask { (try? await nango.listConnections(search: "q\(index)")) == nil }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
        }
        #expect(failures == 0)
        #expect(server.requests.count == 8)
    }

    @Test("a call whose total deadline passes while queued fails as a timeout and is never sent", arguments: TransportUnderTest.all)
    func queuedPastTheDeadline(_ transport: TransportUnderTest) async throws {
        let latch = Latch()
        let server = try LoopbackServer { request in
            if (request.query ?? "").contains("slow") { latch.wait() }
            return .json(200, listBody)
        }
        defer {
            latch.open()
            server.stop()
        }
        try await transport.with(connectionLimit: 1) { transport in
            let slow = try makeClient(for: server, transport: transport)
            let impatient = try makeClient(for: server, transport: transport) {
                $0.totalTimeout = .milliseconds(300)
                $0.retry = .none
            }
            let blocker = Task { try await slow.listConnections(search: "slow") }
            #expect(await eventually { server.requests.count == 1 })
            let error = await #expect(throws: NangoError.self) { try await impatient.listConnections(search: "never") }
            #expect(error?.kind == .timeout)
            #expect(error?.mayHaveBeenSent == false)
            latch.open()
            _ = try await blocker.value
        }
        #expect(!server.requests.contains { $0.target.contains("never") })
    }

    // MARK: Load

    @Test("64 concurrent callers with recoverable faults all succeed", arguments: TransportUnderTest.all)
    func loadWithFaults(_ transport: TransportUnderTest) async throws {
        let seen = SeenTargets()
        let server = try LoopbackServer { request in
            let query = request.query ?? ""
            // Every fifth call fails once, in one of the recoverable ways (a response slower than the attempt
            // timeout among them); its retry succeeds. Answers take a few milliseconds, so requests queue.
            guard let number = Int(query.split(separator: "-").last ?? ""), number % 5 == 0, seen.firstTime(query) else {
                return .delay(.milliseconds(3), then: .json(200, listBody))
            }
            switch (number / 5) % 5 {
            case 0: return .json(503, #"{"error":{"code":"server_error"}}"#)
            case 1: return .json(429, #"{"error":{"code":"too_many_request"}}"#, headers: [("Retry-After", "0")])
            case 2: return .closeWithoutResponse
            case 3: return .delay(.seconds(3), then: .json(200, listBody))
            default:
                return .truncated(status: 200, headers: [("Content-Type", "application/json")], declaredLength: 100, body: Data("{".utf8))
            }
        }
        defer { server.stop() }
        let perWorker = 10 * stressScale
        let failures = try await transport.with { transport in
            let nango = try makeClient(for: server, transport: transport) {
                $0.timeout = .seconds(1)
                $0.totalTimeout = .seconds(600)
            }
            return await withTaskGroup(of: [String].self) { group in
                for worker in 0..<64 {
                    group.addTask {
                        var failures: [String] = []
                        for call in 0..<perWorker {
                            do {
                                _ = try await nango.listConnections(search: "call-\(worker * perWorker + call)")
                            } catch {
                                failures.append("\(error)")
                            }
                        }
                        return failures
                    }
                }
                return await group.reduce(into: []) { $0 += $1 }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(64 * perWorker) calls failed: \(failures.prefix(3))")
        print("load with faults, \(transport.testDescription): \(64 * perWorker) calls by 64 callers, "
            + "\(server.requests.count) requests, \(failures.count) failed")
    }

    @Test("calls cancelled at random moments end promptly, never as errors, and nothing arrives late", arguments: TransportUnderTest.all)
    func randomCancellations(_ transport: TransportUnderTest) async throws {
        let server = try LoopbackServer { request in
            let delay = 20 + (request.target.utf8.reduce(0) { $0 &+ Int($1) }) % 40
            return .delay(.milliseconds(delay), then: .json(200, listBody))
        }
        defer { server.stop() }
        let total = 300 * stressScale
        let cancelledAt = CancellationLog()
        let outcomes = try await transport.with(idleTimeout: .seconds(3)) { transport in
            let nango = try makeClient(for: server, transport: transport) { $0.timeout = .seconds(2) }
            return await withTaskGroup(of: Outcome.self) { group in
                var outcomes: [Outcome] = []
                for index in 0..<total {
                    if index >= 64, let outcome = await group.next() { outcomes.append(outcome) }
                    group.addTask {
                        let name = "c-\(index)"
                        let call = Task { try await nango.listConnections(search: name) }
                        try? await Task.sleep(for: .microseconds((index * 7919) % 100_000))
                        cancelledAt.record(name)
                        call.cancel()
                        switch await call.result {
                        case .success: return .success
                        case .failure(is CancellationError): return .cancelled
                        case .failure(let error): return .failed("\(error)")
                        }
                    }
                }
                for await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
        }
        try await Task.sleep(for: .seconds(1))
        let errors = outcomes.compactMap { if case .failed(let text) = $0 { text } else { nil } }
        #expect(errors.isEmpty, "\(errors.count) of \(total) calls failed: \(errors.prefix(3))")
        // A request already on the wire when its call was cancelled arrives within moments; one that was queued
        // and then abandoned inside the transport would arrive much later (0.3–2 s in the measurement that found
        // it). One second leaves room for a loaded machine.
        let late = server.requests.filter { request in
            guard let query = request.query, let name = query.split(separator: "=").last,
                  let cancelled = cancelledAt.instant(of: String(name)) else { return false }
            return request.arrivedAt - cancelled > .seconds(1)
        }
        #expect(late.isEmpty, "\(late.count) requests arrived more than 1 s after their call was cancelled")
        let succeeded = outcomes.filter { if case .success = $0 { true } else { false } }.count
        print("random cancellations, \(transport.testDescription): \(total) calls, \(succeeded) succeeded, "
            + "\(outcomes.count - succeeded - errors.count) cancelled, \(errors.count) failed, \(server.requests.count) reached the server, "
            + "\(late.count) arrived late")
    }

    // MARK: Bad input

    @Test("bad hosts are refused when the client is created", arguments: [
        "http://127.0.0.1:99999", "http://127.0.0.1:0", "http://127.0.0.1:-1", "http://[::1", "http://[zz::1]:80", "http://:80",
        "http://user:pw@127.0.0.1", "http://127.0.0.1/?x=1", "http://127.0.0.1/#f", "ftp://127.0.0.1", "http://ho st",
        "http://exa%41mple.com", "http://a_b^c.com", "localhost:8080", "http://", "http://[::1]:70000",
    ])
    func badHosts(host: String) {
        var configuration = NangoClient.Configuration()
        configuration.host = host
        let error = #expect(throws: NangoError.self) { try NangoClient(secretKey: key, configuration: configuration) }
        #expect(error?.kind == .invalidArgument)
    }

    @Test("one origin, however it is spelled, shares one admission queue")
    func originKeys() throws {
        let spellings = [("https", "API.nango.dev"), ("HTTPS", "api.nango.dev:443"), ("https", "api.NANGO.dev")]
        let keys = try spellings.map { try HostValidation.origin(scheme: $0.0, authority: $0.1).key }
        #expect(Set(keys) == ["https://api.nango.dev:443"])
        #expect(try HostValidation.origin(scheme: "http", authority: "[::1]").key == "http://[::1]:80")
        #expect(try HostValidation.origin(scheme: "http", authority: "[::1]:8080").key == "http://[::1]:8080")
    }

    @Test("absurd timeouts are clamped: the call works and nothing overflows or spins", arguments: TransportUnderTest.all)
    func hugeTimeouts(_ transport: TransportUnderTest) async throws {
        let server = try LoopbackServer { _ in .json(200, listBody) }
        defer { server.stop() }
        try await transport.with { transport in
            let nango = try makeClient(for: server, transport: transport) {
                $0.timeout = .seconds(Int64.max)
                $0.totalTimeout = .seconds(Int64.max)
            }
            _ = try await nango.listConnections()
            _ = try await nango.proxy(ProxyRequest(endpoint: "/x", providerConfigKey: "p", connectionID: "c", timeout: .seconds(Int64.max)))
        }
        #expect(server.requests.count == 2)
    }

    @Test("valid hosts are accepted: names, IPv4, bracketed IPv6, ports, path prefixes", arguments: [
        ("http://127.0.0.1:8080", "127.0.0.1:8080", ""), ("https://api.nango.dev/", "api.nango.dev", ""),
        ("http://[::1]:3003/api/", "[::1]:3003", "/api"), ("HTTPS://Nango.Example.com:443/x//", "Nango.Example.com:443", "/x"),
        ("http://my_host.internal:65535", "my_host.internal:65535", ""),
    ])
    func validHosts(host: String, authority: String, prefix: String) throws {
        let server = try NangoClient.Server(host: host)
        #expect(server.authority == authority)
        #expect(server.pathPrefix == prefix)
    }

    @Test("a request with an authority SwiftNIO would trap on is refused by the transport itself", arguments: TransportUnderTest.all, [
        "127.0.0.1:99999", "127.0.0.1:0", "[::1", "ho st:80", "",
    ])
    func badAuthorityUsedDirectly(_ transport: TransportUnderTest, authority: String) async throws {
        let request = HTTPRequest(method: .get, scheme: "http", authority: authority, path: "/connections")
        let error = try await transport.with { transport in
            await #expect(throws: NangoError.self) { _ = try await transport.send(request, body: nil) }
        }
        #expect(error?.kind == .invalidArgument)
    }

    @Test("header values that are not printable ASCII are refused, naming the parameter, before anything is sent", arguments: TransportUnderTest.all)
    func badHeaderValues(_ transport: TransportUnderTest) async throws {
        let server = try LoopbackServer { _ in .json(200, "{}") }
        defer { server.stop() }
        try await transport.with { transport in
            let nango = try makeClient(for: server, transport: transport)
            let records = await #expect(throws: NangoError.self) {
                try await nango.listRecords(providerConfigKey: "p", connectionID: "ü空", model: "Contact")
            }
            #expect(records?.kind == .invalidArgument)
            #expect(records?.message.contains("connectionID") == true)
            let action = await #expect(throws: NangoError.self) {
                try await nango.triggerAction(providerConfigKey: "p\u{0}", connectionID: "c", action: "a", input: JSONValue.null)
            }
            #expect(action?.message.contains("providerConfigKey") == true)
            let proxy = await #expect(throws: NangoError.self) {
                try await nango.proxy(ProxyRequest(endpoint: "/x", providerConfigKey: "p", connectionID: "c", headers: ["X-Name": "José"]))
            }
            #expect(proxy?.message.contains("X-Name") == true)
            var configuration = NangoClient.Configuration()
            configuration.userAgentSuffix = "billing\r\nX-Injected: 1"
            let suffix = #expect(throws: NangoError.self) {
                try NangoClient(secretKey: key, configuration: configuration, transport: transport)
            }
            #expect(suffix?.message.contains("userAgentSuffix") == true)
            #expect(throws: NangoError.self) { try NangoClient(secretKey: "key with space", transport: transport) }
        }
        #expect(server.requests.isEmpty)
    }

    @Test("caller JSON nested 10,000 deep is refused before any encoder recurses into it", arguments: TransportUnderTest.all)
    func deepInput(_ transport: TransportUnderTest) async throws {
        let server = try LoopbackServer { _ in .json(200, "{}") }
        defer { server.stop() }
        var deep = JSONValue.null
        for _ in 0..<10_000 { deep = .array([deep]) }
        let metadata: [String: JSONValue] = ["deep": deep]
        try await transport.with { transport in
            let nango = try makeClient(for: server, transport: transport)
            let error = await #expect(throws: NangoError.self) {
                try await nango.setMetadata(providerConfigKey: "p", connectionID: "c", metadata: metadata)
            }
            #expect(error?.kind == .invalidArgument)
            #expect(error?.message.contains("512") == true)
        }
        #expect(server.requests.isEmpty)
    }

    // MARK: Transport-specific

    #if AsyncHTTPClient
    @Test("the trait's transport is reported as available")
    func available() {
        #expect(NangoClient.availableTransports.contains("AsyncHTTPClientTransport"))
    }

    @Test("AsyncHTTPClient: a body larger than the limit is a transport error, not a memory blow-up")
    func bodyLimit() async throws {
        let server = try LoopbackServer { _ in .respond(status: 200, body: Data(repeating: 0x61, count: 100_000)) }
        defer { server.stop() }
        let transport = AsyncHTTPClientTransport(configuration: .init(maximumResponseBodySize: 10_000))
        let error = await #expect(throws: NangoError.self) {
            try await makeClient(for: server, transport: transport) { $0.retry = .none }.listConnections()
        }
        #expect(error?.kind == .transport)
        #expect(error?.message.contains("10000") == true)
    }

    /// A chunked body: `Transfer-Encoding: chunked`, in chunks of `chunkSize` bytes.
    static func chunked(_ body: Data, chunkSize: Int) -> Data {
        var bytes = Data("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n".utf8)
        var offset = 0
        while offset < body.count {
            let chunk = body[offset..<min(offset + chunkSize, body.count)]
            bytes.append(Data((String(chunk.count, radix: 16) + "\r\n").utf8))
            bytes.append(chunk)
            bytes.append(Data("\r\n".utf8))
            offset += chunkSize
        }
        bytes.append(Data("0\r\n\r\n".utf8))
        return bytes
    }

    @Test("AsyncHTTPClient: a chunked body (no Content-Length) larger than the limit fails as it arrives")
    func unannouncedBodyLimit() async throws {
        let server = try LoopbackServer { _ in .raw(Self.chunked(Data(repeating: 0x61, count: 100_000), chunkSize: 4_096)) }
        defer { server.stop() }
        let transport = AsyncHTTPClientTransport(configuration: .init(maximumResponseBodySize: 10_000))
        let error = await #expect(throws: NangoError.self) {
            try await makeClient(for: server, transport: transport) { $0.retry = .none }.listConnections()
        }
        #expect(error?.kind == .transport)
        #expect(error?.message.contains("10000") == true)
    }

    @Test("AsyncHTTPClient: a multi-megabyte body arrives byte for byte, chunked or with its length")
    func largeBodies() async throws {
        // A JSON document of ~2 MB whose content varies along its length, so a misplaced part would show.
        let items = (0..<60_000).map { #"{"id":"c-\#($0)","v":\#($0 % 977)}"# }.joined(separator: ",")
        let json = Data((#"{"connections":[],"items":["# + items + "]}").utf8)
        for chunkedBody in [false, true] {
            let server = try LoopbackServer { _ in
                chunkedBody ? .raw(Self.chunked(json, chunkSize: 65_536)) : .respond(status: 200, headers: [("Content-Type", "application/json")], body: json)
            }
            defer { server.stop() }
            let transport = AsyncHTTPClientTransport()
            let response = try await makeClient(for: server, transport: transport) { $0.retry = .none }.proxy(ProxyRequest(endpoint: "/big", providerConfigKey: "p", connectionID: "c"))
            #expect(response.body == json, "chunked: \(chunkedBody)")
        }
    }
    #endif
}

private enum Outcome: Sendable {
    case success
    case cancelled
    case failed(String)
}

/// When each call of the random-cancellation test was cancelled, by name.
private final class CancellationLog: @unchecked Sendable {
    private let lock = NSLock()
    private var instants: [String: ContinuousClock.Instant] = [:]

    func record(_ name: String) {
        lock.withLock { instants[name] = .now }
    }

    func instant(of name: String) -> ContinuousClock.Instant? {
        lock.withLock { instants[name] }
    }
}

/// Which request targets the server has seen.
private final class SeenTargets: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<String> = []

    func firstTime(_ target: String) -> Bool {
        lock.withLock { seen.insert(target).inserted }
    }
}

extension Result where Failure == any Error {
    init(asyncCatching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }

    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
