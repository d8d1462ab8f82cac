#if AsyncHTTPClient
public import AsyncHTTPClient
public import Foundation
public import HTTPTypes
import NIOCore
import NIOHTTP1
public import ServiceLifecycle

/// A transport on AsyncHTTPClient (SwiftNIO), for servers that make many Nango calls: it scales with cores and
/// connections where `URLSession` on Linux tops out near 3,000 requests per second.
///
/// Available with the package trait `AsyncHTTPClient`:
///
/// ```swift
/// .package(url: "…/nango-swift.git", from: "0.1.0", traits: ["AsyncHTTPClient"])
/// ```
///
/// ```swift
/// let nango = try NangoClient(secretKey: key, transport: AsyncHTTPClientTransport())
/// ```
///
/// - The default client is one shared `HTTPClient` that **does not follow redirects**: AsyncHTTPClient would
///   re-send `Authorization` to another origin. If you pass your own client, configure
///   `redirectConfiguration = .disallow` for the same protection.
/// - The response body is collected up to ``Configuration-swift.struct/maximumResponseBodySize``; a larger one fails
///   with a transport error instead of exhausting memory.
/// - Requests are admitted: at most ``Configuration-swift.struct/maximumConnectionsPerHost`` are handed to the
///   client at once; the rest wait in the SDK's queue, where cancellation or the call's deadline removes them
///   (never sent). The whole exchange, body included, is bounded by the attempt's deadline from hand-over, which
///   AsyncHTTPClient enforces itself.
/// - The scheme, host and port are checked before SwiftNIO sees them (it traps on a port above 65535).
/// - A failed connect fails at once (the default client does not let its pool retry connects), so the client's
///   ``RetryPolicy`` retries it knowing the request was never sent.
public struct AsyncHTTPClientTransport: HTTPTransport, AdmittingTransport {
    /// Settings of an ``AsyncHTTPClientTransport``.
    public struct Configuration: Sendable {
        /// The largest response body accepted. Default: 64 MiB.
        public var maximumResponseBodySize: Int
        /// The deadline of a request when the client did not say how long the attempt may take. Default: 60 s.
        public var defaultTimeout: Duration
        /// How many requests to one host the transport hands to the client at once; the rest wait in the SDK's
        /// queue, so that an attempt's timeout starts when its request can use a connection. Default: 8,
        /// AsyncHTTPClient's default `concurrentHTTP1ConnectionsPerHostSoftLimit`; with your own client, set it
        /// to that client's limit.
        public var maximumConnectionsPerHost: Int

        /// Creates a configuration; every argument has a default.
        public init(
            maximumResponseBodySize: Int = 64 * 1024 * 1024,
            defaultTimeout: Duration = .seconds(60),
            maximumConnectionsPerHost: Int = 8
        ) {
            self.maximumResponseBodySize = maximumResponseBodySize
            self.defaultTimeout = defaultTimeout
            self.maximumConnectionsPerHost = maximumConnectionsPerHost
        }
    }

    private let client: HTTPClient
    /// Set when the transport made its client, which ``shutdown()`` then shuts down.
    private let ownership: ClientOwnership?
    private let configuration: Configuration
    private let gates: AdmissionGates

    /// The client the transport uses unless given one: shared, never following redirects, shut down with the
    /// process.
    public static let sharedClient: HTTPClient = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup,
        configuration: defaultClientConfiguration
    )

    /// The settings of ``sharedClient``, and of a client the transport makes itself unless given others: no
    /// redirects (AsyncHTTPClient would re-send `Authorization` to another origin), and a failed connect fails
    /// the request at once, so that the SDK's retry policy, which knows the request was never sent, decides what
    /// happens next (instead of the pool retrying silently until the deadline).
    public static var defaultClientConfiguration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    /// Creates a transport on `client` (by default ``sharedClient``).
    ///
    /// Transports on the shared client with the same connection limit share one admission queue per host.
    /// Nothing shuts down a client passed here: ``sharedClient`` lives as long as the process, and your own is
    /// yours to shut down.
    public init(client: HTTPClient = AsyncHTTPClientTransport.sharedClient, configuration: Configuration = Configuration()) {
        self.init(client: client, ownership: nil, configuration: configuration)
    }

    /// Creates a transport on an `HTTPClient` of its own, made with `clientConfiguration` on AsyncHTTPClient's
    /// shared event loop group. Shut it down with ``shutdown()`` when the application stops, or run the transport
    /// as a `ServiceLifecycle` `Service`, which does so at graceful shutdown:
    ///
    /// ```swift
    /// let transport = AsyncHTTPClientTransport(ownClientWith: AsyncHTTPClientTransport.defaultClientConfiguration)
    /// let nango = try NangoClient(secretKey: key, transport: transport)
    /// let group = ServiceGroup(services: [transport, server], gracefulShutdownSignals: [.sigterm], logger: logger)
    /// try await group.run()
    /// ```
    ///
    /// - Parameters:
    ///   - clientConfiguration: The client's settings. Keep `redirectConfiguration = .disallow` (as
    ///     ``defaultClientConfiguration`` has), or AsyncHTTPClient re-sends `Authorization` after a redirect.
    ///   - configuration: The transport's settings.
    public init(ownClientWith clientConfiguration: HTTPClient.Configuration, configuration: Configuration = Configuration()) {
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: clientConfiguration)
        self.init(client: client, ownership: ClientOwnership(), configuration: configuration)
    }

    private init(client: HTTPClient, ownership: ClientOwnership?, configuration: Configuration) {
        self.client = client
        self.ownership = ownership
        self.configuration = configuration
        let limit = max(1, configuration.maximumConnectionsPerHost)
        if client === Self.sharedClient && limit == Self.sharedGates.limit {
            gates = Self.sharedGates
        } else {
            gates = AdmissionGates(limit: limit, ceiling: limit)
        }
    }

    private static let sharedGates = AdmissionGates(limit: 8, ceiling: 8)

    /// Shuts down the client the transport made (``init(ownClientWith:configuration:)``): requests in flight
    /// end, and later ones fail with a ``NangoError/Kind/transport`` error, never retried. Calling it again
    /// returns at once. A transport on a client it was given does nothing here: that client is its owner's.
    public func shutdown() async throws {
        guard let ownership, ownership.claimShutdown() else { return }
        try await client.shutdown()
    }

    /// Whether ``shutdown()`` has been called on a transport that owns its client.
    public var isShutDown: Bool {
        ownership?.isShutDown ?? false
    }

    /// Sends the request. See ``HTTPTransport/send(_:body:)``.
    ///
    /// Used directly (not through a ``NangoClient``), the exchange is bounded by
    /// ``Configuration-swift.struct/defaultTimeout``.
    public func send(_ request: HTTPRequest, body: Data?) async throws -> (HTTPResponse, Data) {
        try await send(request, body: body, limits: AttemptLimits(timeout: configuration.defaultTimeout))
    }

    var queuedRequestCount: Int { gates.waitingCount }

    func send(_ request: HTTPRequest, body: Data?, limits: AttemptLimits) async throws -> (HTTPResponse, Data) {
        // SwiftNIO traps on some malformed addresses (a port above 65535): check before it sees any.
        let origin = try HostValidation.origin(scheme: request.scheme, authority: request.authority)
        var outgoing: HTTPClient.Request
        do {
            outgoing = try HTTPClient.Request(
                url: "\(origin.scheme)://\(origin.authority)\(request.path ?? "/")",
                method: HTTPMethod(rawValue: request.method.rawValue)
            )
        } catch {
            throw NangoError.invalidArgument("The request URL could not be formed (\(error)).")
        }
        for field in request.headerFields {
            outgoing.headers.add(name: field.name.rawName, value: field.value)
        }
        if let body {
            outgoing.body = .bytes(body)
        }
        // AsyncHTTPClient enforces this deadline over the whole exchange, body included, and withdraws a request
        // still waiting for its connection when cancelled.
        // Admit: wait for one of the host's connections in the SDK's queue (cancellation and the call's deadline
        // remove a waiting request); the attempt's deadline starts at hand-over.
        let gate = gates.gate(for: origin.key)
        let ticket = try await gate.acquire(until: limits.callDeadline)
        defer { gate.finish(ticket) }
        try Task.checkCancellation()
        let attemptDeadline = limits.attemptDeadline()
        if let attemptDeadline, attemptDeadline <= .now {
            throw AttemptLimits.timeoutError(limits.timeout, sent: false)
        }
        let deadline = attemptDeadline.map { NIODeadline.now() + .nanoseconds(($0 - .now).nanoseconds(cappedAt: AttemptLimits.maximumTimeout)) }
        let collector = BodyCollector(maximumBodySize: configuration.maximumResponseBodySize, isHead: request.method == .head)
        let task = client.execute(request: outgoing, delegate: collector, deadline: deadline)
        do {
            let (head, data) = try await withTaskCancellationHandler {
                try await task.futureResult.get()
            } onCancel: {
                task.cancel()
            }
            var fields = HTTPFields()
            for (name, value) in head.headers {
                if let fieldName = HTTPField.Name(name) {
                    fields.append(HTTPField(name: fieldName, value: value))
                }
            }
            let status = HTTPResponse.Status(code: Int(head.status.code))
            return (HTTPResponse(status: status, headerFields: fields), data)
        } catch let error as HTTPClientError where error == .cancelled && Task.isCancelled {
            throw CancellationError()
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as BodyCollector.ResponseTooBigError {
            throw NangoError.transport(
                "The response body is larger than \(configuration.maximumResponseBodySize) bytes.",
                requestSent: true,
                underlyingError: error
            )
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            throw AttemptLimits.timeoutError(limits.timeout)
        } catch let error as HTTPClientError {
            throw Self.map(error)
        } catch let error as NangoError {
            throw error
        } catch let error as IOError where Self.connectErrnos.contains(error.errnoCode) {
            // The connection could not be established, so the request never left.
            throw NangoError.transport("Could not connect (\(error)).", requestSent: false, underlyingError: error)
        } catch {
            throw NangoError.transport("The connection failed: \(type(of: error)).", requestSent: true, underlyingError: error)
        }
    }


    /// `connect(2)` failures: the request was never sent.
    private static let connectErrnos: Set<CInt> = [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL]

    private static func map(_ error: HTTPClientError) -> NangoError {
        switch error {
        case .deadlineExceeded, .readTimeout, .writeTimeout:
            return NangoError(kind: .timeout, message: "The request timed out (\(error)).", underlyingError: error)
        case .connectTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout, .tlsHandshakeTimeout:
            return NangoError.transport("Could not connect in time (\(error)).", requestSent: false, underlyingError: error)
        case .cancelled:
            return NangoError.transport("The request was cancelled by the HTTP client.", requestSent: true, underlyingError: error)
        case .alreadyShutdown:
            var shutDown = NangoError.transport(
                "The transport's HTTP client has been shut down.", requestSent: false, underlyingError: error
            )
            shutDown.isRetryable = false
            return shutDown
        default:
            return NangoError.transport("The request failed (\(error)).", requestSent: true, underlyingError: error)
        }
    }
}

/// Collects a response's body straight into `Data` as its parts arrive: one buffer, sized from
/// `Content-Length` when the server sends it (AsyncHTTPClient's `ResponseAccumulator` grows a `ByteBuffer` by
/// doubling and the transport then copied it into `Data`: twice the memory of a large page, and two copies).
///
/// AsyncHTTPClient calls a delegate on the request's event loop, one call after another, so its state needs no
/// lock.
final class BodyCollector: HTTPClientResponseDelegate, @unchecked Sendable {
    typealias Response = (HTTPResponseHead, Data)

    /// The body is larger than the transport accepts.
    struct ResponseTooBigError: Error, CustomStringConvertible {
        let maximumBodySize: Int
        var description: String { "The response body exceeds \(maximumBodySize) bytes." }
    }

    /// No more than this is reserved up front on the word of `Content-Length`; a larger body grows as it arrives.
    static let maximumReservation = 16 << 20

    private let maximumBodySize: Int
    private let isHead: Bool
    private var head: HTTPResponseHead?
    private var body = Data()

    init(maximumBodySize: Int, isHead: Bool) {
        self.maximumBodySize = maximumBodySize
        self.isHead = isHead
    }

    func didReceiveHead(task: HTTPClient.Task<Response>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        if !isHead, let announced = head.headers.first(name: "Content-Length").flatMap({ Int($0) }), announced > 0 {
            guard announced <= maximumBodySize else {
                return task.eventLoop.makeFailedFuture(ResponseTooBigError(maximumBodySize: maximumBodySize))
            }
            body.reserveCapacity(min(announced, Self.maximumReservation))
        }
        self.head = head
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Response>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        guard buffer.readableBytes <= maximumBodySize - body.count else {
            return task.eventLoop.makeFailedFuture(ResponseTooBigError(maximumBodySize: maximumBodySize))
        }
        buffer.withUnsafeReadableBytes { body.append(contentsOf: $0) }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didFinishRequest(task: HTTPClient.Task<Response>) throws -> Response {
        guard let head else {
            throw NangoError.transport("The connection ended before a response arrived.", requestSent: true)
        }
        return (head, body)
    }
}

/// Whether an ``AsyncHTTPClientTransport`` made its client, and whether that client has been shut down.
private final class ClientOwnership: Sendable {
    private let state = Locked(false)

    var isShutDown: Bool { state.withLock { $0 } }

    /// `true` for the first caller only.
    func claimShutdown() -> Bool {
        state.withLock { shutDown in
            defer { shutDown = true }
            return !shutDown
        }
    }
}

extension AsyncHTTPClientTransport: Service {
    /// Runs until the service group shuts down gracefully (or the task is cancelled), then shuts down the client
    /// the transport made (see ``shutdown()``). A service group shuts its services down in the reverse order of
    /// its list, so list the transport before the services that make Nango calls: it then stops after them.
    public func run() async throws {
        try? await gracefulShutdown()
        try await shutdown()
    }
}
#endif
