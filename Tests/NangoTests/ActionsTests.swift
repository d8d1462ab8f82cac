import Foundation
import HTTPTypes
@testable import Nango
import NangoTesting
import Testing

private struct NewIssue: Encodable, Sendable {
    var title: String
    var labels: [String]
}

private struct Issue: Decodable, Equatable, Sendable {
    var number: Int
    var title: String
    var labels: [String]
}

@Suite("Actions API", .timeLimit(.minutes(1)))
struct ActionsTests {
    @Test("triggerAction POSTs {action_name, input} with the connection headers and decodes the typed output")
    func triggerTyped() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("actions/trigger-output"), for: .post, path: "/action/trigger")
        let nango = try makeClient(mock)

        let issue = try await nango.triggerAction(
            providerConfigKey: "github", connectionID: "c1", action: "create-issue",
            input: NewIssue(title: "Checkout fails", labels: ["bug"]), as: Issue.self
        )

        #expect(issue.number == 482)
        let request = try #require(mock.lastRequest)
        #expect(request.json == ["action_name": "create-issue", "input": ["title": "Checkout fails", "labels": ["bug"]]])
        #expect(request.header("Connection-Id") == "c1")
        #expect(request.header("Provider-Config-Key") == "github")
        #expect(request.header("X-Async") == nil)
        #expect(request.header("Content-Type") == "application/json")
        expectStandardHeaders(request)
    }

    @Test("without input, the input key is omitted; any JSON input (even a string) is sent as is; output can be JSON")
    func triggerUntyped() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("actions/trigger-output"))
        mock.enqueue(.json(#""ok""#))
        mock.enqueue(.http(status: 200))
        let nango = try makeClient(mock)

        let output = try await nango.triggerAction(providerConfigKey: "github", connectionID: "c1", action: "whoami")
        let text = try await nango.triggerAction(providerConfigKey: "github", connectionID: "c1", action: "echo", input: "hello")
        let empty = try await nango.triggerAction(providerConfigKey: "github", connectionID: "c1", action: "noop")

        #expect(output["number"] == 482)
        #expect(text == "ok")
        #expect(empty == .null)
        #expect(mock.requests[0].json == ["action_name": "whoami"])
        #expect(mock.requests[1].json == ["action_name": "echo", "input": "hello"])
    }

    @Test("a nil optional input is omitted, as Node omits undefined")
    func nilInput() async throws {
        let mock = MockTransport()
        mock.enqueue(.json("{}"))
        let nango = try makeClient(mock)
        let input: NewIssue? = nil
        try await nango.triggerAction(providerConfigKey: "github", connectionID: "c1", action: "a", input: input)
        #expect(mock.lastRequest?.json == ["action_name": "a"])
    }

    @Test("a 500 from the result endpoint means the action failed")
    func asyncServerError() async throws {
        let mock = MockTransport()
        mock.enqueue(.json(#"{"error":{"code":"server_error","message":"boom"}}"#, status: 500))
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) { try await nango.getAsyncActionResult(id: "x") }
        #expect(error?.kind == .actionFailed)
        #expect(mock.requests.count == 1)
    }

    @Test("a synchronous action gets the action timeout, not the normal one")
    func actionTimeout() async throws {
        let mock = MockTransport()
        mock.enqueue(.delayed(.milliseconds(300), try fixtureResponse("actions/trigger-output")))
        let nango = try makeClient(mock) {
            $0.timeout = .milliseconds(50)
            $0.totalTimeout = .milliseconds(100)
            $0.actionTimeout = .seconds(10)
        }
        let output = try await nango.triggerAction(providerConfigKey: "github", connectionID: "c1", action: "slow")
        #expect(output["number"] == 482)
    }

    @Test("a 424 script_http_error is an actionFailed error with the upstream details; it is not retried")
    func scriptHTTPError() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("errors/script-http-error", status: 424))
        let nango = try makeClient(mock)

        let error = await #expect(throws: NangoError.self) {
            try await nango.triggerAction(providerConfigKey: "github", connectionID: "c1", action: "create-issue")
        }

        #expect(error?.kind == .actionFailed)
        #expect(error?.code == .scriptHTTPError)
        #expect(error?.status == 424)
        #expect(error?.details?["upstream"]?["status"] == 422)
        #expect(error?.details?["upstream"]?["body"]?["message"] == "Validation Failed")
        #expect(mock.requests.count == 1)
    }

    @Test("a Nango refusal on the action endpoint stays an http error")
    func refusal() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("errors/validation", status: 400))
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) {
            try await nango.triggerAction(providerConfigKey: "github", connectionID: "c1", action: "x")
        }
        #expect(error?.kind == .http)
    }

    @Test("triggerActionAsync sends X-Async and X-Max-Retries and returns the handle")
    func triggerAsync() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("actions/trigger-async"), for: .post, path: "/action/trigger")
        mock.enqueue(try fixtureResponse("actions/trigger-async"), for: .post, path: "/action/trigger")
        let nango = try makeClient(mock)

        let handle = try await nango.triggerActionAsync(
            providerConfigKey: "github", connectionID: "c1", action: "create-issue",
            input: NewIssue(title: "t", labels: []), maxRetries: 3
        )
        _ = try await nango.triggerActionAsync(providerConfigKey: "github", connectionID: "c1", action: "sync-all")

        #expect(handle.id == "35f461d4-e681-4957-ab14-c0ae1609431d")
        #expect(handle.statusURL == "/action/35f461d4-e681-4957-ab14-c0ae1609431d")
        let first = mock.requests[0]
        #expect(first.header("X-Async") == "true")
        #expect(first.header("X-Max-Retries") == "3")
        #expect(first.json == ["action_name": "create-issue", "input": ["title": "t", "labels": []]])
        #expect(mock.requests[1].header("X-Max-Retries") == nil)
        #expect(mock.requests[1].json == ["action_name": "sync-all"])
    }

    @Test("maxRetries outside 0–5 is refused", arguments: [-1, 6])
    func invalidMaxRetries(value: Int) async throws {
        let mock = MockTransport()
        let nango = try makeClient(mock)
        await #expect(throws: NangoError.self) {
            try await nango.triggerActionAsync(providerConfigKey: "p", connectionID: "c", action: "a", maxRetries: value)
        }
        #expect(mock.requests.isEmpty)
    }

    @Test("getAsyncActionResult reports pending on 404, then the typed output")
    func asyncResult() async throws {
        let mock = MockTransport()
        let handle = AsyncActionHandle(id: "35f461d4-e681-4957-ab14-c0ae1609431d", statusURL: "/action/35f461d4-e681-4957-ab14-c0ae1609431d")
        mock.enqueue(try fixtureResponse("actions/result-pending", status: 404), for: .get, path: handle.statusURL)
        mock.enqueue(try fixtureResponse("actions/result-done"), for: .get, path: handle.statusURL)
        let nango = try makeClient(mock)

        let pending = try await nango.getAsyncActionResult(handle, as: Issue.self)
        let done = try await nango.getAsyncActionResult(handle, as: Issue.self)

        #expect(pending == .pending)
        #expect(done.output?.number == 482)
        #expect(mock.requests.allSatisfy { $0.rawQuery == nil && $0.body == nil })
        #expect(mock.requests.count == 2)
    }

    @Test("the status URL keeps a self-hosted path prefix; by id, the id is one escaped segment")
    func resultPaths() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("actions/result-done"), for: .get, path: "/nango/action/abc")
        mock.enqueue(try fixtureResponse("actions/result-done"), for: .get, path: "/nango/action/a%2Fb")
        let nango = try makeClient(mock) { $0.host = "https://example.com/nango/" }

        _ = try await nango.getAsyncActionResult(.init(id: "ignored", statusURL: "/action/abc"))
        _ = try await nango.getAsyncActionResult(id: "a/b", as: JSONValue.self)
        try mock.verifyAllResponsesUsed()
    }

    @Test("a status URL that is not a path on the Nango host is refused, never requested", arguments: [
        "https://evil.example/action/x", "//evil.example/x", "/action/../connections", "action/x", "/action/x?y=1", "/action/x y",
    ])
    func unsafeStatusURL(url: String) async throws {
        let mock = MockTransport()
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) {
            try await nango.getAsyncActionResult(.init(id: "x", statusURL: url))
        }
        #expect(error?.kind == .invalidArgument)
        #expect(mock.requests.isEmpty)
    }

    @Test("a failed async action is an actionFailed error with Nango's code")
    func asyncFailure() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("actions/result-failed", status: 500))
        let nango = try makeClient(mock) { $0.retry = .none }

        let error = await #expect(throws: NangoError.self) {
            try await nango.getAsyncActionResult(id: "35f461d4-e681-4957-ab14-c0ae1609431d", as: JSONValue.self)
        }

        #expect(error?.kind == .actionFailed)
        #expect(error?.code == "action_script_failure")
        #expect(error?.payload?["repository"] == "acme/legacy")
    }

    @Test("a 424 script_http_error from the result endpoint is an actionFailed error too")
    func asyncScriptError() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("errors/script-http-error", status: 424))
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) { try await nango.getAsyncActionResult(id: "x", as: JSONValue.self) }
        #expect(error?.kind == .actionFailed)
        #expect(error?.code == .scriptHTTPError)
    }

    @Test("waitForAsyncActionResult polls on the injected clock until the result arrives")
    func waitForResult() async throws {
        let mock = MockTransport()
        for _ in 0..<3 { mock.enqueue(try fixtureResponse("actions/result-pending", status: 404)) }
        mock.enqueue(try fixtureResponse("actions/result-done"))
        let clock = ImmediateClock()
        let nango = try makeClient(mock, clock: clock)
        let handle = AsyncActionHandle(id: "x", statusURL: "/action/x")

        let issue = try await nango.waitForAsyncActionResult(handle, as: Issue.self, pollInterval: .seconds(2))

        #expect(issue.number == 482)
        #expect(mock.requests.count == 4)
        #expect(clock.sleeps == [.seconds(2), .seconds(2), .seconds(2)])
    }

    @Test("waitForAsyncActionResult times out with a clear error")
    func waitTimeout() async throws {
        let mock = MockTransport(handler: { _ in try fixtureResponse("actions/result-pending", status: 404) })
        let clock = ImmediateClock()
        let nango = try makeClient(mock, clock: clock)

        let error = await #expect(throws: NangoError.self) {
            try await nango.waitForAsyncActionResult(.init(id: "x", statusURL: "/action/x"), as: JSONValue.self, pollInterval: .seconds(1), timeout: .seconds(5))
        }

        #expect(error?.kind == .timeout)
        #expect(error?.message.contains("x") == true)
        #expect(mock.requests.count == 6)
        #expect(clock.sleeps.count == 5)
    }

    @Test("waitForAsyncActionResult stops promptly when cancelled")
    func waitCancelled() async throws {
        let mock = MockTransport(handler: { _ in try fixtureResponse("actions/result-pending", status: 404) })
        let nango = try makeClient(mock) { $0.clock = ContinuousClock() }
        let task = Task {
            try await nango.waitForAsyncActionResult(.init(id: "x", statusURL: "/action/x"), as: JSONValue.self, pollInterval: .seconds(30))
        }
        // Cancelled once the first poll is answered and the wait for the next one has begun.
        try await waitUntil { mock.requests.count == 1 }
        try await Task.sleep(for: .milliseconds(50))
        let started = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(mock.requests.count == 1)
    }
}
