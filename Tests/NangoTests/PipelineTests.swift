import Foundation
import HTTPTypes
import Logging
@testable import Nango
import NangoTesting
import Testing

@Suite("Errors", .timeLimit(.minutes(1)))
struct ErrorTests {
    @Test("Nango's error envelope becomes an http error with code, message, payload and request id")
    func envelope() async throws {
        let mock = MockTransport()
        var headers = HTTPFields()
        headers[HTTPField.Name("X-Request-Id")!] = "req-42"
        mock.enqueue(try fixtureResponse("errors/invalid-credentials", status: 424, headers: headers))
        let nango = try makeClient(mock)

        let error = await #expect(throws: NangoError.self) {
            try await nango.getConnection(providerConfigKey: "github", connectionID: "user-1")
        }

        let thrown = try #require(error)
        #expect(thrown.kind == .http)
        #expect(thrown.status == 424)
        #expect(thrown.code == .invalidCredentials)
        #expect(thrown.payload?["connection"] != nil)
        #expect(thrown.details?["code"] == "invalid_credentials")
        #expect(thrown.requestID == "req-42")
        #expect(thrown.operation == "GET /connections/{connectionId}")
        #expect(thrown.attempts == 1)
        #expect(thrown.responseBody?.isEmpty == false)
        #expect(thrown.description.hasPrefix("NangoError.http 424 invalid_credentials: "))
        #expect(thrown.description.contains("request id req-42"))
        expectNoSecrets(everyRendering(of: thrown))
        #expect(mock.requests.count == 1)
    }

    @Test("error fixtures map to their codes", arguments: [
        ("errors/not-found", 404, NangoErrorCode.notFound),
        ("errors/unknown-provider-config", 404, .unknownProviderConfig),
        ("errors/validation", 400, "invalid_body"),
        ("errors/forbidden", 403, .forbidden),
    ])
    func codes(name: String, status: Int, code: NangoErrorCode) async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse(name, status: status))
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) { try await nango.listConnections() }
        #expect(error?.status == status)
        if name == "errors/validation" {
            #expect(error?.code?.rawValue.hasPrefix("invalid_") == true)
            #expect(error?.details?["errors"]?.arrayValue?.isEmpty == false)
        } else {
            #expect(error?.code == code)
        }
        #expect(error?.message.isEmpty == false)
    }

    @Test("the legacy {message} form gives the message, no code")
    func legacyMessage() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("errors/legacy-message", status: 400))
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) { try await nango.listConnections() }
        #expect(error?.code == nil)
        #expect(error?.message.isEmpty == false)
        #expect(error?.message.hasPrefix("Nango answered") == false)
    }

    @Test("a non-JSON error body gives a status error with a redacted preview")
    func nonJSONError() async throws {
        let mock = MockTransport()
        mock.enqueue(.http(status: 502, body: Data("<html>Bad gateway canary-secret-abcdefghijkl</html>".utf8)))
        let nango = try makeClient(mock) { $0.retry = .none }
        let error = await #expect(throws: NangoError.self) { try await nango.listConnections() }
        #expect(error?.kind == .http)
        #expect(error?.status == 502)
        #expect(error?.code == nil)
        #expect(error?.message.contains("HTTP 502") == true)
        #expect(error?.message.contains("<html>") == true)
        expectNoSecrets(everyRendering(of: error as Any))
    }

    @Test("invalid or truncated JSON in a 2xx body is a decoding error with status and a redacted preview", arguments: [
        #"{"connections": [{"id": 1, "access_token": "canary-secret-truncated"#,
        "not json at all canary-secret-0123456789",
        #"{"connections": "canary-secret-wrong-type-value"}"#,
        "",
    ])
    func decodingErrors(body: String) async throws {
        let mock = MockTransport()
        mock.enqueue(.json(body))
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) { try await nango.listConnections() }
        #expect(error?.kind == .decoding)
        #expect(error?.status == 200)
        #expect(error?.message.contains("\(body.utf8.count) bytes") == true || body.isEmpty)
        expectNoSecrets(everyRendering(of: error as Any))
        expectNoSecrets(String(describing: error?.underlyingError as Any))
    }

    /// The JSON conformance corpus, which lives beside the checkout (in `../shared`), not in the package.
    static let jsonTestSuiteFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/reference/JSONTestSuite/test_parsing")

    @Test(
        "the JSON test suite's invalid documents all give decoding errors, never a crash",
        .enabled(if: FileManager.default.fileExists(atPath: jsonTestSuiteFolder.path), "needs ../shared/reference/JSONTestSuite")
    )
    func jsonTestSuite() async throws {
        let folder = Self.jsonTestSuiteFolder
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let rejected = names.filter { $0.hasPrefix("n_") }
        #expect(rejected.count > 100)
        // Foundation's JSONDecoder accepts a trailing comma; that leniency is harmless, so it is allowed here.
        let lenient: Set<String> = ["n_array_extra_comma.json", "n_array_number_and_comma.json", "n_object_trailing_comma.json"]
        for name in rejected where !lenient.contains(name) {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let error = #expect(throws: NangoError.self, "\(name)") {
                _ = try NangoCoding.decode(JSONValue.self, from: data, context: .init(operation: "test"))
            }
            #expect(error?.kind == .decoding)
        }
        // Implementation-defined documents may decode or not, but never crash.
        for name in names where name.hasPrefix("i_") {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            _ = try? NangoCoding.decode(JSONValue.self, from: data, context: .init(operation: "test"))
        }
        for name in names where name.hasPrefix("y_") {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            #expect(throws: Never.self, "\(name)") {
                _ = try NangoCoding.decode(JSONValue.self, from: data, context: .init(operation: "test"))
            }
        }
    }
}

@Suite("Retries and timeouts", .timeLimit(.minutes(1)))
struct RetryTests {
    @Test("503 then 200 is retried for an idempotent GET, waiting the backoff on the injected clock")
    func retries503ForGet() async throws {
        let mock = MockTransport()
        mock.enqueue(.json(#"{"error":{"code":"server_error"}}"#, status: 503))
        mock.enqueue(try fixtureResponse("connections/list"))
        let clock = ImmediateClock()
        let nango = try makeClient(mock, clock: clock)

        let list = try await nango.listConnections()

        #expect(list.connections.count == 3)
        #expect(mock.requests.count == 2)
        #expect(clock.sleeps.count == 1)
        let wait = try #require(clock.sleeps.first)
        #expect(wait >= .milliseconds(250) && wait <= .milliseconds(500))
    }

    @Test("503 is not retried for a non-idempotent POST")
    func noRetryForPost() async throws {
        let mock = MockTransport()
        mock.enqueue(.json(#"{"error":{"code":"server_error"}}"#, status: 503))
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) {
            try await nango.importConnection(.init(providerConfigKey: "github", credentials: .empty))
        }
        #expect(error?.status == 503)
        #expect(mock.requests.count == 1)
    }

    @Test("429 with Retry-After waits exactly that long and then succeeds, even for a POST")
    func retryAfter429() async throws {
        let mock = MockTransport()
        var headers = HTTPFields()
        headers[.retryAfter] = "2"
        mock.enqueue(try fixtureResponse("errors/too-many-requests", status: 429, headers: headers))
        mock.enqueue(try fixtureResponse("connections/import"))
        let clock = ImmediateClock()
        let nango = try makeClient(mock, clock: clock)

        _ = try await nango.importConnection(.init(providerConfigKey: "github", credentials: .empty))

        #expect(clock.sleeps == [.seconds(2)])
        #expect(mock.requests.count == 2)
        #expect(mock.requests.allSatisfy { $0.header("Authorization") == "Bearer \(canaryKey)" })
    }

    @Test("Retry-After as an HTTP date is honoured")
    func retryAfterDate() throws {
        let future = Date().addingTimeInterval(30)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let wait = try #require(RetryAfter.parse(formatter.string(from: future)))
        #expect(wait > .seconds(27) && wait <= .seconds(30))
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT") == .zero)
        #expect(RetryAfter.parse("soon") == nil)
        #expect(RetryAfter.parse("-3") == nil)
    }

    @Test("absurd Retry-After values never trap", arguments: ["1e300", "99999999999999999999", "NaN", "inf", "-0", "1.5"])
    func absurdRetryAfter(value: String) async throws {
        _ = RetryAfter.parse(value)
        let mock = MockTransport()
        var headers = HTTPFields()
        headers[.retryAfter] = value
        mock.enqueue(.json(#"{"error":{"code":"server_error"}}"#, status: 503, headers: headers))
        mock.enqueue(.json(#"{"connections":[]}"#))
        let nango = try makeClient(mock)
        _ = try? await nango.listConnections()
        #expect(RetryAfter.parse("99999999999999999999") == .seconds(86_400))
        #expect(RetryAfter.parse("1e300") == nil)
        #expect(RetryAfter.parse("1.5") == .milliseconds(1500))
    }

    @Test("a Retry-After beyond the policy's maximum ends the call with the 429 and its retryAfter")
    func retryAfterTooLong() async throws {
        let mock = MockTransport()
        var headers = HTTPFields()
        headers[.retryAfter] = "3600"
        mock.enqueue(try fixtureResponse("errors/too-many-requests", status: 429, headers: headers))
        let clock = ImmediateClock()
        let nango = try makeClient(mock, clock: clock)
        let error = await #expect(throws: NangoError.self) { try await nango.listConnections() }
        #expect(error?.code == .tooManyRequests)
        #expect(error?.retryAfter == .seconds(3600))
        #expect(clock.sleeps.isEmpty)
    }

    @Test("retries stop at the policy's maximum attempts")
    func maximumAttempts() async throws {
        let mock = MockTransport()
        for _ in 0..<3 { mock.enqueue(.http(status: 504)) }
        let clock = ImmediateClock()
        let nango = try makeClient(mock, clock: clock)
        let error = await #expect(throws: NangoError.self) { try await nango.listConnections() }
        #expect(error?.status == 504)
        #expect(error?.attempts == 3)
        #expect(mock.requests.count == 3)
        #expect(clock.sleeps.count == 2)
        #expect(clock.sleeps[1] >= .milliseconds(500))
    }

    @Test("4xx other than 429 is never retried", arguments: [400, 401, 403, 404, 409, 415, 422, 424])
    func noRetryFor4xx(status: Int) async throws {
        let mock = MockTransport()
        mock.enqueue(.json(#"{"error":{"code":"x"}}"#, status: status))
        let nango = try makeClient(mock)
        await #expect(throws: NangoError.self) { try await nango.listConnections() }
        #expect(mock.requests.count == 1)
    }

    @Test("a request that never left is retried even for a POST; one that may have left is not")
    func transportFailures() async throws {
        let mock = MockTransport()
        mock.enqueue(.failure(NangoError.transport("refused", requestSent: false)))
        mock.enqueue(try fixtureResponse("connections/import"))
        let nango = try makeClient(mock)
        _ = try await nango.importConnection(.init(providerConfigKey: "github", credentials: .empty))
        #expect(mock.requests.count == 2)

        let dropped = MockTransport()
        dropped.enqueue(.failure(NangoError.transport("connection reset", requestSent: true)))
        let client = try makeClient(dropped)
        let error = await #expect(throws: NangoError.self) {
            try await client.importConnection(.init(providerConfigKey: "github", credentials: .empty))
        }
        #expect(error?.kind == .transport)
        #expect(dropped.requests.count == 1)

        let getDropped = MockTransport()
        getDropped.enqueue(.failure(NangoError.transport("connection reset", requestSent: true)))
        getDropped.enqueue(try fixtureResponse("connections/list"))
        _ = try await makeClient(getDropped).listConnections()
        #expect(getDropped.requests.count == 2)
    }

    @Test("a foreign transport error is wrapped, keeps its description and underlying error, and is not retried")
    func foreignError() async throws {
        struct Boom: Error {}
        let mock = MockTransport()
        mock.enqueue(.failure(Boom()))
        mock.enqueue(.json(#"{"connections":[]}"#))
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) { try await nango.listConnections() }
        #expect(error?.kind == .transport)
        #expect(error?.message.contains("Boom") == true)
        #expect(error?.underlyingError is Boom)
        #expect(mock.requests.count == 1)
    }

    @Test("a CancellationError from the transport, without the caller cancelling, is a transport error")
    func transportCancellation() async throws {
        let mock = MockTransport()
        mock.enqueue(.failure(CancellationError()))
        let nango = try makeClient(mock) { $0.retry = .none }
        let error = await #expect(throws: NangoError.self) { try await nango.listConnections() }
        #expect(error?.kind == .transport)
    }

    @Test("a MockTransport mismatch surfaces with its explanation and is never retried into the next stub")
    func mockMismatch() async throws {
        let mock = MockTransport()
        mock.enqueue(.json("{}"), for: .get, path: "/integrations")
        mock.enqueue(.json(#"{"connections":[]}"#), for: .get, path: "/connections")
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) { try await nango.listConnections() }
        #expect(error?.message.contains("expected GET /integrations, received GET /connections") == true)
        #expect(error?.underlyingError as? MockTransport.Failure == .unexpectedRequest(expected: "GET /integrations", received: "GET /connections"))
        #expect(mock.requests.count == 1)
        #expect(throws: MockTransport.Failure.self) { try mock.verifyAllResponsesUsed() }

        let empty = MockTransport()
        let noStub = await #expect(throws: NangoError.self) { try await makeClient(empty).listConnections() }
        #expect(noStub?.message.contains("no response queued for GET /connections") == true)
    }

    @Test("an attempt slower than the timeout fails in time as a timeout, and is retried for a GET")
    func attemptTimeout() async throws {
        let mock = MockTransport()
        mock.enqueue(.delayed(.seconds(30), .json(#"{"connections":[]}"#)))
        mock.enqueue(.json(#"{"connections":[]}"#))
        // Long enough that the second, immediate attempt never times out on a loaded machine.
        let nango = try makeClient(mock) { $0.timeout = .seconds(1) }
        let started = ContinuousClock.now
        let list = try await nango.listConnections()
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(list.connections.isEmpty)
        #expect(mock.requests.count == 2)
    }

    @Test("a timed-out POST is not retried and reports a timeout")
    func postTimeout() async throws {
        let mock = MockTransport()
        mock.enqueue(.delayed(.seconds(30), .json("{}")))
        let nango = try makeClient(mock) { $0.timeout = .milliseconds(100) }
        let error = await #expect(throws: NangoError.self) {
            try await nango.importConnection(.init(providerConfigKey: "github", credentials: .empty))
        }
        #expect(error?.kind == .timeout)
        #expect(mock.requests.count == 1)
    }

    @Test("the total timeout bounds retries and waits")
    func totalTimeout() async throws {
        let mock = MockTransport(handler: { _ in .delayed(.milliseconds(80), .http(status: 503)) })
        let nango = try makeClient(mock) {
            $0.totalTimeout = .milliseconds(300)
            $0.retry = RetryPolicy(maximumAttempts: 100, initialBackoff: .zero, maximumBackoff: .zero)
            $0.clock = ContinuousClock()
        }
        let started = ContinuousClock.now
        let error = await #expect(throws: NangoError.self) { try await nango.listConnections() }
        // A hundred 80 ms attempts would take 8 s.
        #expect(ContinuousClock.now - started < .seconds(6))
        #expect(error?.kind == .timeout || error?.status == 503)
        #expect(mock.requests.count < 10)
    }

    @Test("cancelling the caller ends an in-flight call promptly with CancellationError")
    func cancellationInFlight() async throws {
        let mock = MockTransport()
        mock.enqueue(.delayed(.seconds(30), .json("{}")))
        let nango = try makeClient(mock)
        let task = Task { try await nango.listConnections() }
        try await Task.sleep(for: .milliseconds(50))
        let started = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("cancelling during a backoff wait stops at once without another attempt")
    func cancellationDuringBackoff() async throws {
        let mock = MockTransport()
        mock.enqueue(.http(status: 503))
        mock.enqueue(.json(#"{"connections":[]}"#))
        let nango = try makeClient(mock) {
            $0.clock = ContinuousClock()
            $0.retry = RetryPolicy(initialBackoff: .seconds(30), maximumBackoff: .seconds(30))
        }
        let task = Task { try await nango.listConnections() }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(mock.requests.count == 1)
    }

    @Test("backoff grows exponentially with jitter and is capped")
    func backoff() {
        let policy = RetryPolicy(initialBackoff: .seconds(1), maximumBackoff: .seconds(5))
        #expect(policy.backoff(beforeAttempt: 2, random: 1) == .seconds(1))
        #expect(policy.backoff(beforeAttempt: 2, random: 0) == .milliseconds(500))
        #expect(policy.backoff(beforeAttempt: 3, random: 1) == .seconds(2))
        #expect(policy.backoff(beforeAttempt: 4, random: 1) == .seconds(4))
        #expect(policy.backoff(beforeAttempt: 10, random: 1) == .seconds(5))
        #expect(RetryPolicy.none.maximumAttempts == 1)
        #expect(RetryPolicy(maximumAttempts: 0).maximumAttempts == 1)
    }
}

@Suite("What a failed call tells", .timeLimit(.minutes(1)))
struct FailedCallTests {
    @Test("a failed call carries its attempts, its whole time, and whether the request may have reached Nango")
    func attemptsTimeAndSent() async throws {
        let refused = MockTransport()
        for _ in 0..<3 { refused.enqueue(.failure(NangoError.transport("Connection refused.", requestSent: false))) }
        let nango = try makeClient(refused)
        let error = await #expect(throws: NangoError.self) {
            try await nango.getConnection(providerConfigKey: "github", connectionID: "c1")
        }
        #expect(error?.attempts == 3)
        #expect(error?.mayHaveBeenSent == false)
        #expect(error?.elapsed != nil)

        let dropped = MockTransport()
        dropped.enqueue(.failure(NangoError.transport("The connection was lost.", requestSent: true)))
        let action = await #expect(throws: NangoError.self) {
            try await makeClient(dropped).triggerAction(providerConfigKey: "github", connectionID: "c1", action: "ping")
        }
        // Not retried (an action is not idempotent), and it may have run.
        #expect(action?.attempts == 1)
        #expect(action?.mayHaveBeenSent == true)
        #expect(dropped.requests.count == 1)
    }

    @Test("descriptions name the host of a failure without a response, say what to check on a 401, and read a decoding error as JSON words")
    func descriptions() async throws {
        let refused = MockTransport()
        for _ in 0..<3 { refused.enqueue(.failure(NangoError.transport("Connection refused.", requestSent: false))) }
        let transport = await #expect(throws: NangoError.self) { try await makeClient(refused).listIntegrations() }
        #expect(transport?.host == "api.nango.dev")
        #expect(transport?.description.contains("(GET /integrations, host api.nango.dev, 3 attempts)") == true)

        let unauthorized = MockTransport()
        unauthorized.enqueue(.json(#"{"error":{"code":"unknown_account","message":"Authentication failed"}}"#, status: 401))
        let refusedKey = await #expect(throws: NangoError.self) { try await makeClient(unauthorized).listIntegrations() }
        #expect(refusedKey?.message == "Authentication failed")
        #expect(refusedKey?.description.contains(
            "Authentication failed. Check that the secret key is this environment's, and that api.nango.dev is its Nango server."
        ) == true)

        let wrongShape = MockTransport()
        wrongShape.enqueue(.json(#"{"data":{"unique_key":"github"}}"#))
        let decoding = await #expect(throws: NangoError.self) { try await makeClient(wrongShape).listIntegrations() }
        let message = try #require(decoding?.message)
        #expect(message.hasPrefix("Could not read the response of GET /integrations: expected an array at data"), "\(message)")
        #expect(!message.contains("Envelope"))
    }
}

@Suite("Client configuration", .timeLimit(.minutes(1)))
struct ClientTests {
    @Test("the default host is api.nango.dev")
    func defaultHost() async throws {
        let mock = MockTransport()
        mock.enqueue(.json(#"{"connections":[]}"#))
        _ = try await makeClient(mock).listConnections()
        let request = try #require(mock.lastRequest)
        #expect(request.request.scheme == "https")
        #expect(request.request.authority == "api.nango.dev")
        #expect(request.path == "/connections")
    }

    @Test("a self-hosted host keeps its path prefix and port; one trailing slash or more is dropped", arguments: [
        ("https://nango.example.com/api", "nango.example.com", "/api/connections"),
        ("https://nango.example.com/api/", "nango.example.com", "/api/connections"),
        ("http://localhost:3003", "localhost:3003", "/connections"),
        ("http://127.0.0.1:3003//", "127.0.0.1:3003", "/connections"),
        ("http://[::1]:8080/base/path", "[::1]:8080", "/base/path/connections"),
        ("  ", "api.nango.dev", "/connections"),
    ])
    func selfHosted(host: String, authority: String, path: String) async throws {
        let mock = MockTransport()
        mock.enqueue(.json(#"{"connections":[]}"#))
        _ = try await makeClient(mock) { $0.host = host }.listConnections()
        #expect(mock.lastRequest?.request.authority == authority)
        #expect(mock.lastRequest?.path == path)
    }

    @Test("an invalid host or an empty key is a clear error at construction", arguments: [
        ("ftp://example.com", "k"), ("example.com", "k"), ("https://", "k"), ("https://x.dev?q=1", "k"),
        ("https://user:pass@x.dev", "k"), ("https://x.dev#f", "k"), ("https://api.nango.dev", ""),
        ("https://api.nango.dev", "   "), ("https://api.nango.dev", "key\nInjected: 1"),
    ])
    func invalidConstruction(host: String, key: String) {
        var configuration = NangoClient.Configuration()
        configuration.host = host
        let error = #expect(throws: NangoError.self) {
            try NangoClient(secretKey: key, configuration: configuration, transport: MockTransport())
        }
        #expect(error?.kind == .invalidArgument)
    }

    @Test("fromEnvironment reads NANGO_SECRET_KEY and NANGO_HOST")
    func fromEnvironment() async throws {
        let mock = MockTransport()
        mock.enqueue(.json(#"{"connections":[]}"#))
        let nango = try NangoClient.fromEnvironment(
            ["NANGO_SECRET_KEY": canaryKey, "NANGO_HOST": "https://nango.internal:8443/p"],
            transport: mock
        )
        _ = try await nango.listConnections()
        #expect(mock.lastRequest?.request.authority == "nango.internal:8443")
        #expect(mock.lastRequest?.path == "/p/connections")
        #expect(mock.lastRequest?.header("Authorization") == "Bearer \(canaryKey)")
        #expect(throws: NangoError.self) { try NangoClient.fromEnvironment([:], transport: mock) }
        #expect(throws: NangoError.self) { try NangoClient.fromEnvironment(["NANGO_SECRET_KEY": ""], transport: mock) }
        let defaults = try NangoClient.fromEnvironment(["NANGO_SECRET_KEY": "k", "NANGO_HOST": ""], transport: mock)
        #expect(defaults.description.contains("https://api.nango.dev"))
    }

    @Test("the User-Agent names the SDK, OS and Swift version, plus the configured suffix")
    func userAgent() async throws {
        let mock = MockTransport()
        mock.enqueue(.json(#"{"connections":[]}"#))
        _ = try await makeClient(mock) { $0.userAgentSuffix = "billing-service/2.1" }.listConnections()
        let agent = try #require(mock.lastRequest?.header("User-Agent"))
        #expect(agent.wholeMatch(of: /nango-swift\/[0-9.]+ \([A-Za-z]+; Swift [0-9.]+; billing-service\/2\.1\)/) != nil)
    }

    @Test("the Nango-Is-* flags send a header only when true")
    func flags() async throws {
        let mock = MockTransport()
        mock.enqueue(.json(#"{"connections":[]}"#))
        mock.enqueue(.json(#"{"connections":[]}"#))
        _ = try await makeClient(mock).listConnections()
        _ = try await makeClient(mock) {
            $0.isSync = true
            $0.isDryRun = true
            $0.isScript = true
        }.listConnections()
        let plain = mock.requests[0]
        let flagged = mock.requests[1]
        for name in ["Nango-Is-Sync", "Nango-Is-Dry-Run", "Nango-Is-Script"] {
            #expect(plain.header(name) == nil)
            #expect(flagged.header(name) == "true")
        }
    }
}

@Suite("Derived clients", .timeLimit(.minutes(1)))
struct DerivedClientTests {
    @Test("withConfiguration keeps the key and the transport and changes only what it is told")
    func derived() async throws {
        let mock = MockTransport()
        mock.enqueue(.json(#"{"connections":[]}"#))
        mock.enqueue(.http(status: 503))
        let nango = try makeClient(mock) { $0.userAgentSuffix = "base" }
        let strict = try nango.withConfiguration {
            $0.retry = .none
            $0.host = "https://nango.example.com/api"
        }
        _ = try await strict.listConnections()
        let error = await #expect(throws: NangoError.self) { try await strict.listConnections() }
        #expect(error?.status == 503)
        #expect(mock.requests.count == 2)
        let request = try #require(mock.requests.first)
        #expect(request.header("Authorization") == "Bearer \(canaryKey)")
        #expect(request.header("User-Agent")?.contains("base") == true)
        #expect(request.request.authority == "nango.example.com")
        #expect(request.path == "/api/connections")
        #expect(nango.configuration.retry.maximumAttempts == 3)
        #expect(throws: NangoError.self) { try nango.withConfiguration { $0.host = "http://127.0.0.1:99999" } }
    }
}
