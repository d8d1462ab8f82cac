public import Foundation
public import HTTPTypes
public import Nango

/// A transport for tests: records every request and answers with responses you queue, without a network.
///
/// ```swift
/// let mock = MockTransport()
/// mock.enqueue(.json(#"{"connections": []}"#), for: .get, path: "/connections")
/// let nango = try NangoClient(secretKey: "test", transport: mock)
/// _ = try await nango.listConnections()
/// #expect(mock.requests[0].query == [])
/// try mock.verifyAllResponsesUsed()
/// ```
///
/// A request that arrives when no response is queued, or that does not match the method and path a response
/// was queued for, fails with ``Failure`` (so the call under test throws). Responses left unused make
/// ``verifyAllResponsesUsed()`` throw.
public final class MockTransport: DeadlineHonoringTransport, @unchecked Sendable {
    // Safety: all mutable state is guarded by `lock`.
    private let lock = NSLock()
    private var queue: [Stub] = []
    private var recorded: [RecordedRequest] = []
    private let handler: (@Sendable (RecordedRequest) throws -> Response)?

    /// A mock that answers from the queue filled by ``enqueue(_:for:path:)``.
    public init() {
        handler = nil
    }

    /// A mock that answers every request with `handler` (requests are still recorded).
    public init(handler: @escaping @Sendable (RecordedRequest) throws -> Response) {
        self.handler = handler
    }

    /// Queues a response. With `method` and `path`, the request it answers must have that method and that
    /// percent-encoded path (without the query).
    public func enqueue(_ response: Response, for method: HTTPRequest.Method? = nil, path: String? = nil) {
        lock.withLock { queue.append(Stub(method: method, path: path, response: response)) }
    }

    /// Every request received so far, in order.
    public var requests: [RecordedRequest] {
        lock.withLock { recorded }
    }

    /// The last request received.
    public var lastRequest: RecordedRequest? {
        lock.withLock { recorded.last }
    }

    /// How many queued responses have not been used.
    public var pendingResponseCount: Int {
        lock.withLock { queue.count }
    }

    /// Throws ``Failure/unusedResponses(_:)`` when queued responses were never requested.
    public func verifyAllResponsesUsed() throws {
        let left = lock.withLock { queue }
        guard left.isEmpty else {
            throw Failure.unusedResponses(left.map { "\($0.method?.rawValue ?? "*") \($0.path ?? "*")" })
        }
    }

    /// Records the request and answers with the next queued response (or the handler's).
    public func send(_ request: HTTPRequest, body: Data?) async throws -> (HTTPResponse, Data) {
        try await send(request, body: body, deadline: nil)
    }

    /// Records the request and answers with the next queued response (or the handler's); a `.delayed` response
    /// that would arrive after `deadline` fails with a timeout at the deadline instead.
    public func send(_ request: HTTPRequest, body: Data?, deadline: ContinuousClock.Instant) async throws -> (HTTPResponse, Data) {
        try await send(request, body: body, deadline: Optional(deadline))
    }

    private func send(_ request: HTTPRequest, body: Data?, deadline: ContinuousClock.Instant?) async throws -> (HTTPResponse, Data) {
        let recordedRequest = RecordedRequest(request: request, body: body)
        let response: Response
        if let handler {
            lock.withLock { recorded.append(recordedRequest) }
            response = try handler(recordedRequest)
        } else {
            let stub = try lock.withLock { () throws -> Stub in
                recorded.append(recordedRequest)
                guard !queue.isEmpty else {
                    throw Failure.noResponseQueued("\(recordedRequest.method.rawValue) \(recordedRequest.path)")
                }
                let stub = queue.removeFirst()
                if let method = stub.method, method != recordedRequest.method {
                    throw Failure.unexpectedRequest(
                        expected: "\(method.rawValue) \(stub.path ?? "*")",
                        received: "\(recordedRequest.method.rawValue) \(recordedRequest.path)"
                    )
                }
                if let path = stub.path, path != recordedRequest.path {
                    throw Failure.unexpectedRequest(
                        expected: "\(stub.method?.rawValue ?? "*") \(path)",
                        received: "\(recordedRequest.method.rawValue) \(recordedRequest.path)"
                    )
                }
                return stub
            }
            response = stub.response
        }
        return try await response.produce(deadline: deadline)
    }

    private struct Stub {
        var method: HTTPRequest.Method?
        var path: String?
        var response: Response
    }

    /// Why a mocked call failed.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// A request arrived with no response queued.
        case noResponseQueued(String)
        /// A request did not match the method and path its response was queued for.
        case unexpectedRequest(expected: String, received: String)
        /// Queued responses were never requested.
        case unusedResponses([String])

        /// A readable account of the failure.
        public var description: String {
            switch self {
            case .noResponseQueued(let request): return "MockTransport: no response queued for \(request)"
            case .unexpectedRequest(let expected, let received):
                return "MockTransport: expected \(expected), received \(received)"
            case .unusedResponses(let stubs): return "MockTransport: unused responses: \(stubs.joined(separator: ", "))"
            }
        }
    }
}

extension MockTransport {
    /// What the mock answers.
    public indirect enum Response: Sendable {
        /// A response with any status, headers and body.
        case http(status: Int, headers: HTTPFields = HTTPFields(), body: Data = Data())
        /// The transport fails with `error` (for example `NangoError.transport(_:requestSent:underlyingError:)`).
        case failure(any Error & Sendable)
        /// Waits (cancellably, in real time), then answers.
        case delayed(Duration, Response)

        /// A JSON response from text.
        public static func json(_ text: String, status: Int = 200, headers: HTTPFields = HTTPFields()) -> Response {
            var fields = headers
            if fields[.contentType] == nil { fields[.contentType] = "application/json" }
            return .http(status: status, headers: fields, body: Data(text.utf8))
        }

        /// A JSON response from an `Encodable` value.
        public static func json<Value: Encodable>(encoding value: Value, status: Int = 200) throws -> Response {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var fields = HTTPFields()
            fields[.contentType] = "application/json"
            return .http(status: status, headers: fields, body: try encoder.encode(value))
        }

        /// A JSON response whose body is a fixture file: `name` is a path relative to `bundle`'s resources, with
        /// or without `.json` (for example `"Fixtures/connections/get-oauth2"` with `Bundle.module`).
        public static func fixture(
            _ name: String,
            in bundle: Bundle,
            status: Int = 200,
            headers: HTTPFields = HTTPFields()
        ) throws -> Response {
            var fields = headers
            if fields[.contentType] == nil { fields[.contentType] = "application/json" }
            return .http(status: status, headers: fields, body: try Fixtures.data(name, in: bundle))
        }

        /// An empty response (`204 No Content` by default).
        public static func empty(status: Int = 204) -> Response {
            .http(status: status)
        }

        func produce(deadline: ContinuousClock.Instant?) async throws -> (HTTPResponse, Data) {
            switch self {
            case .http(let status, let headers, let body):
                return (HTTPResponse(status: .init(code: status), headerFields: headers), body)
            case .failure(let error):
                throw error
            case .delayed(let duration, let response):
                let due = ContinuousClock.now + duration
                if let deadline, deadline < due {
                    try await Task.sleep(until: deadline, clock: .continuous)
                    throw NangoError(kind: .timeout, message: "No complete response by the attempt's deadline (MockTransport).")
                }
                try await Task.sleep(until: due, clock: .continuous)
                return try await response.produce(deadline: deadline)
            }
        }
    }
}

/// Fixture files bundled with a test target.
public enum Fixtures {
    /// The bytes of a fixture: `name` relative to `bundle`'s resource folder, with or without `.json`.
    ///
    /// - Throws: ``FixtureNotFound`` when there is no such file.
    public static func data(_ name: String, in bundle: Bundle) throws -> Data {
        let file = name.hasSuffix(".json") ? name : name + ".json"
        guard let base = bundle.resourceURL else { throw FixtureNotFound(name: file) }
        let url = base.appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw FixtureNotFound(name: file)
        }
        return data
    }

    /// The fixture did not exist.
    public struct FixtureNotFound: Error, Sendable, CustomStringConvertible {
        /// The file that was looked for.
        public var name: String

        /// `Fixture not found: <name>`.
        public var description: String { "Fixture not found: \(name)" }
    }
}
