import Crypto
public import Foundation
public import HTTPTypes
public import Nango

/// An in-memory, stateful Nango: a transport that answers every request of `NangoClient` the way Nango's API
/// does, from state you seed and the calls change.
///
/// ```swift
/// let fake = FakeNango.demo()
/// let nango = try fake.makeClient()
/// try await nango.setMetadata(providerConfigKey: "github", connectionID: "acme-github", metadata: ["team": "core"])
/// let metadata = try await nango.getMetadata(providerConfigKey: "github", connectionID: "acme-github")
/// for try await contact in nango.records(providerConfigKey: "hubspot", connectionID: "acme-hubspot",
///                                        model: "Contact", as: Contact.self) { ... }
/// ```
///
/// What it serves: integrations, a small catalogue of providers, connections (credentials of every auth type,
/// tags, metadata, end users), records with Nango's cursors and `_nango_metadata`, syncs whose status follows
/// trigger, start and pause, actions answered by closures you register (synchronously or asynchronously), the
/// proxy answered by handlers you register, environment variables, connect sessions, and the deployed functions
/// and scripts configuration derived from the registered syncs and actions. Refusals use Nango's envelope
/// (`{"error": {"code": ..., "message": ...}}`) and statuses; a request with another secret key gets a 401.
///
/// Every request is recorded in ``requests``. ``injectFault(_:times:matching:)`` makes the next matching
/// requests fail (a status or a dropped connection) so retries can be tested, and ``signWebhook(body:)`` signs
/// webhook bodies as Nango does.
///
/// The fake answers at the root of whatever host the client is configured with.
public final class FakeNango: DeadlineHonoringTransport, @unchecked Sendable {
    // Safety: all mutable state is in `state`, guarded by `lock`; registered closures run outside the lock.
    let lock = NSLock()
    var state = FakeState()

    /// The secret key requests are accepted with when none is given: `fake-nango-secret-key`.
    public static let defaultSecretKey = "fake-nango-secret-key"

    /// The secret key the fake accepts (`Authorization: Bearer <key>`).
    public let secretKey: String

    /// The key webhooks are signed with, when it is not the secret key.
    public let webhookSigningKey: String?

    /// Creates an empty fake: no integrations, connections, records, syncs or handlers.
    ///
    /// - Parameters:
    ///   - secretKey: The key requests must carry; any other gets Nango's 401.
    ///   - webhookSigningKey: The key ``signWebhook(body:)`` signs with; `nil` signs with `secretKey`, as Nango
    ///     does for environments without a separate signing key.
    public init(secretKey: String = FakeNango.defaultSecretKey, webhookSigningKey: String? = nil) {
        self.secretKey = secretKey
        self.webhookSigningKey = webhookSigningKey
    }

    /// A `NangoClient` that talks to this fake: its secret key, the fake as transport and, when the fake has a
    /// separate webhook signing key, that key in `webhookSigningKeys` so its webhooks verify.
    ///
    /// - Parameter configuration: The client's configuration (retries, clock, timeouts...).
    public func makeClient(configuration: NangoClient.Configuration = NangoClient.Configuration()) throws -> NangoClient {
        var configuration = configuration
        if let webhookSigningKey, configuration.webhookSigningKeys.isEmpty {
            configuration.webhookSigningKeys = [SecretKey(webhookSigningKey)]
        }
        return try NangoClient(secretKey: secretKey, configuration: configuration, transport: self)
    }

    /// Every request received so far, in order (faulted and refused ones included).
    public var requests: [RecordedRequest] {
        lock.withLock { state.recorded }
    }

    /// Forgets the recorded requests.
    public func clearRequests() {
        lock.withLock { state.recorded.removeAll() }
    }

    // MARK: Transport

    /// Answers `request` from the fake's state.
    public func send(_ request: HTTPRequest, body: Data?) async throws -> (HTTPResponse, Data) {
        try await answer(RecordedRequest(request: request, body: body))
    }

    /// Answers `request` from the fake's state; an answer that takes past `deadline` (a slow registered handler)
    /// fails with a timeout at the deadline.
    public func send(_ request: HTTPRequest, body: Data?, deadline: ContinuousClock.Instant) async throws -> (HTTPResponse, Data) {
        let recorded = RecordedRequest(request: request, body: body)
        return try await withThrowingTaskGroup(of: (HTTPResponse, Data).self) { group in
            group.addTask { try await self.answer(recorded) }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                throw NangoError(kind: .timeout, message: "No complete response by the attempt's deadline (FakeNango).")
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }

    private func answer(_ request: RecordedRequest) async throws -> (HTTPResponse, Data) {
        try Task.checkCancellation()
        let fault = lock.withLock { () -> Fault? in
            state.recorded.append(request)
            return state.takeFault(for: request)
        }
        let reply: FakeReply
        if let fault {
            reply = try fault.reply(for: request)
        } else if request.header("Authorization") != "Bearer \(secretKey)" {
            reply = APIFailure(
                status: 401,
                code: "unauthorized",
                message: "Authentication failed. The provided secret key is not valid for this environment."
            ).reply
        } else {
            do {
                reply = try await route(request)
            } catch let failure as APIFailure {
                reply = failure.reply
            }
        }
        try Task.checkCancellation()
        var headers = reply.headers
        if headers[.nangoFakeRequestID] == nil { headers[.nangoFakeRequestID] = UUID().uuidString }
        return (HTTPResponse(status: .init(code: reply.status), headerFields: headers), reply.body)
    }

    // MARK: Fault injection

    /// A failure the fake answers with instead of serving a request.
    public enum Fault: Sendable, Hashable {
        /// An HTTP status with Nango's error envelope: `429` is Nango's `too_many_request` with rate-limit
        /// headers, `5xx` is `server_error`, anything else a generic code. `retryAfter` (seconds) is sent as the
        /// `Retry-After` header.
        case status(Int, retryAfter: Int? = nil)
        /// The connection fails before the request is sent: the transport throws
        /// `NangoError/transport(_:requestSent:underlyingError:)` with `requestSent: false`, so the client may
        /// retry even a non-idempotent call. The request is not served.
        case dropConnection
        /// The connection fails after the request may have been sent: the transport throws
        /// `NangoError/transport(_:requestSent:underlyingError:)` with `requestSent: true`, so the client
        /// retries only idempotent calls. The request is not served.
        case dropConnectionAfterSending

        /// `dropConnection` or, with `requestSent: true`, `dropConnectionAfterSending`.
        ///
        /// - Parameter requestSent: Whether the request may have been sent.
        public static func dropConnection(requestSent: Bool = false) -> Fault {
            requestSent ? .dropConnectionAfterSending : .dropConnection
        }

        func reply(for request: RecordedRequest) throws -> FakeReply {
            switch self {
            case .dropConnection, .dropConnectionAfterSending:
                throw NangoError.transport(
                    "FakeNango dropped the connection (injected fault) for \(request.method.rawValue) \(request.path).",
                    requestSent: self == .dropConnectionAfterSending
                )
            case .status(let status, let retryAfter):
                var failure: APIFailure
                switch status {
                case 429:
                    failure = APIFailure(status: 429, code: "too_many_request", message: "Too many requests (injected by FakeNango).")
                    failure.extra = ["method": .string(request.method.rawValue), "path": .string(request.path)]
                    failure.headers[.nangoFakeRateLimitLimit] = "100"
                    failure.headers[.nangoFakeRateLimitRemaining] = "0"
                    failure.headers[.nangoFakeRateLimitReset] = String(Int(Date().timeIntervalSince1970) + (retryAfter ?? 1))
                case 500...599:
                    failure = APIFailure(status: status, code: "server_error", message: "Server error (injected by FakeNango).")
                default:
                    failure = APIFailure(status: status, code: "injected_fault", message: "HTTP \(status) (injected by FakeNango).")
                }
                if let retryAfter { failure.headers[.retryAfter] = String(retryAfter) }
                return failure.reply
            }
        }
    }

    /// Makes the next `times` requests that `matching` accepts fail with `fault` instead of being served.
    ///
    /// Faults are used in the order they were injected; a request is checked against each until one matches.
    ///
    /// ```swift
    /// fake.injectFault(.status(429, retryAfter: 1), times: 2) { $0.path == "/connections" }
    /// fake.injectFault(.dropConnection)
    /// ```
    ///
    /// - Parameters:
    ///   - fault: What to answer with.
    ///   - times: How many requests it applies to.
    ///   - matching: Which requests it applies to (all, by default).
    public func injectFault(
        _ fault: Fault,
        times: Int = 1,
        matching: @escaping @Sendable (RecordedRequest) -> Bool = { _ in true }
    ) {
        guard times > 0 else { return }
        lock.withLock { state.faults.append(FaultEntry(fault: fault, remaining: times, matches: matching)) }
    }

    /// Makes the next `times` requests with `method` (any, when `nil`) to `path` (the percent-encoded path
    /// without the query, such as `/connections`) fail with `fault`.
    ///
    /// - Parameters:
    ///   - fault: What to answer with.
    ///   - times: How many requests it applies to.
    ///   - method: The method to match, or `nil` for any.
    ///   - path: The path to match.
    public func injectFault(_ fault: Fault, times: Int = 1, method: HTTPRequest.Method? = nil, path: String) {
        injectFault(fault, times: times) { request in
            (method == nil || request.method == method) && request.path == path
        }
    }

    /// How many injected fault uses are left.
    public var pendingFaultCount: Int {
        lock.withLock { state.faults.reduce(0) { $0 + $1.remaining } }
    }

    // MARK: Webhooks

    /// The headers Nango sends a webhook with: `X-Nango-Hmac-Sha256` (the hex HMAC-SHA256 of `body` keyed
    /// with ``webhookSigningKey`` or else ``secretKey``), the legacy `X-Nango-Signature` (hex SHA-256 of key and
    /// body) and `Content-Type: application/json`.
    ///
    /// - Parameter body: The webhook's body, exactly as it will be delivered.
    public func signWebhook(body: Data) -> HTTPFields {
        let key = webhookSigningKey ?? secretKey
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(key.utf8)))
        var legacyInput = Data(key.utf8)
        legacyInput.append(body)
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        fields[.nangoFakeHMACSignature] = Self.hex(Array(mac))
        fields[.nangoFakeLegacySignature] = Self.hex(Array(SHA256.hash(data: legacyInput)))
        return fields
    }

    /// Encodes `payload` as JSON (sorted keys) and signs it with ``signWebhook(body:)``.
    ///
    /// - Parameter payload: The webhook's content, such as a dictionary of `JSONValue` in Nango's shape.
    /// - Returns: The body and the headers to deliver it with.
    public func webhook<Payload: Encodable>(_ payload: Payload) throws -> (body: Data, headers: HTTPFields) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(WireDate.milliseconds(date))
        }
        let body = try encoder.encode(payload)
        return (body, signWebhook(body: body))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}

struct FaultEntry {
    var fault: FakeNango.Fault
    var remaining: Int
    var matches: @Sendable (RecordedRequest) -> Bool
}

extension HTTPField.Name {
    // Valid literal header names: the unwraps cannot fail.
    static let nangoFakeRequestID = HTTPField.Name("X-Request-Id")!
    static let nangoFakeHMACSignature = HTTPField.Name("X-Nango-Hmac-Sha256")!
    static let nangoFakeLegacySignature = HTTPField.Name("X-Nango-Signature")!
    static let nangoFakeRateLimitLimit = HTTPField.Name("X-RateLimit-Limit")!
    static let nangoFakeRateLimitRemaining = HTTPField.Name("X-RateLimit-Remaining")!
    static let nangoFakeRateLimitReset = HTTPField.Name("X-RateLimit-Reset")!
    static let nangoFakeConnectionID = HTTPField.Name("Connection-Id")!
    static let nangoFakeProviderConfigKey = HTTPField.Name("Provider-Config-Key")!
}
