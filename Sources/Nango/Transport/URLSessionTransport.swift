public import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
public import HTTPTypes
import HTTPTypesFoundation

/// The default transport: `URLSession`, with no dependency beyond Foundation, hardened for Linux.
///
/// On Linux, `URLSession` comes from FoundationNetworking (libcurl), which behaves differently from Apple's. This
/// transport works around every difference measured on Swift 6.3:
/// - One session per transport with a **session-level delegate** (the async API ignores per-task delegates).
/// - No cookies, no URL cache, and no language preference (`Accept-Language` is sent empty: FoundationNetworking
///   cannot omit it, and would otherwise send `en`).
/// - A redirect to another origin (scheme, host or port) never carries `Authorization`, `Proxy-Authorization` or
///   `Cookie`; a request with a body never follows a redirect (libcurl would re-send it empty).
/// - A 401 with a `WWW-Authenticate` challenge is refused at once and reported as an HTTP 401 error, instead of
///   hanging.
/// - **Admission control**: a request is handed to `URLSession` only when one of the
///   ``Configuration-swift.struct/maximumConnectionsPerHost`` slots is free; until then it waits in the
///   transport's own queue, where cancellation (or the call's deadline) removes it. A call cancelled while queued
///   is therefore never sent. (`URLSession` cannot withdraw a task queued behind its own connection limit: an
///   abandoned one would go out later.) Time spent queued counts against the call's total timeout only; the
///   attempt's timeout starts when the request is handed over.
/// - `dataTask` with a completion handler, resumed exactly once, instead of the async `data(for:)` (which can
///   deadlock when cancelled). On cancellation, or when the attempt's deadline passes, the caller resumes at once
///   (`CancellationError` or a timeout error); the data task is left to end under its idle timeout rather than
///   cancelled (`URLSessionTask.cancel()` can crash the process under load). Such an abandoned request keeps its
///   slot until it ends or its deadline passes, and at most
///   ``Configuration-swift.struct/maximumAbandonedRequests`` of them may linger past their deadline before new
///   requests wait for them, so the session itself never queues.
/// - Each attempt's deadline is enforced by the transport (libcurl's timeouts restart on every byte), with one
///   process-wide timer rather than a sleeping task per call.
///
/// For high request rates, `AsyncHTTPClientTransport` (package trait `AsyncHTTPClient`) is faster: one
/// `URLSession` tops out near 3,000 small requests per second on Linux.
public struct URLSessionTransport: HTTPTransport, AdmittingTransport {
    /// Settings of a ``URLSessionTransport``.
    public struct Configuration: Sendable {
        /// How many requests to one host may be in flight at once (the admission limit). Default: 6.
        public var maximumConnectionsPerHost: Int
        /// The idle timeout used when the client did not say how long the attempt may take. Default: 60 s.
        public var idleTimeout: Duration
        /// How many abandoned (cancelled or timed-out) requests may still be running past their deadline, beyond
        /// ``maximumConnectionsPerHost``, before new requests wait for them to end. Default: 64.
        public var maximumAbandonedRequests: Int

        /// Creates a configuration; every argument has a default.
        public init(
            maximumConnectionsPerHost: Int = 6,
            idleTimeout: Duration = .seconds(60),
            maximumAbandonedRequests: Int = 64
        ) {
            self.maximumConnectionsPerHost = maximumConnectionsPerHost
            self.idleTimeout = idleTimeout
            self.maximumAbandonedRequests = maximumAbandonedRequests
        }
    }

    private let storage: Storage

    /// Creates a transport with its own `URLSession`.
    public init(configuration: Configuration = Configuration()) {
        storage = Storage(configuration: configuration)
    }

    /// Sends the request on the transport's session. See ``HTTPTransport/send(_:body:)``.
    ///
    /// Used directly (not through a ``NangoClient``), the request has no deadline beyond the idle timeout.
    public func send(_ request: HTTPRequest, body: Data?) async throws -> (HTTPResponse, Data) {
        try await send(request, body: body, limits: AttemptLimits())
    }

    var queuedRequestCount: Int {
        storage.gates.waitingCount + storage.longGates.waitingCount
    }

    func send(_ request: HTTPRequest, body: Data?, limits: AttemptLimits) async throws -> (HTTPResponse, Data) {
        let origin = try HostValidation.origin(scheme: request.scheme, authority: request.authority)
        guard var urlRequest = URLRequest(httpRequest: request) else {
            throw NangoError.invalidArgument("The request URL could not be formed.")
        }
        urlRequest.httpBody = body
        urlRequest.httpShouldHandleCookies = false
        urlRequest.cachePolicy = .reloadIgnoringLocalCacheData
        // libcurl would invent these otherwise (see the type's documentation).
        if request.headerFields[.userAgent] == nil {
            urlRequest.setValue("nango-swift/\(NangoClient.version)", forHTTPHeaderField: "User-Agent")
        }
        if request.headerFields[.accept] == nil {
            urlRequest.setValue("application/json", forHTTPHeaderField: "Accept")
        }
        if request.headerFields[.acceptLanguage] == nil {
            // FoundationNetworking always adds `Accept-Language: en` and offers no way to remove it; an empty value
            // states no preference, so Nango answers in its default language, as it does for the Node SDK.
            urlRequest.setValue("", forHTTPHeaderField: "Accept-Language")
        }
        if body != nil, request.headerFields[.contentType] == nil {
            urlRequest.setValue("application/octet-stream", forHTTPHeaderField: "Content-Type")
        }
        return try await storage.perform(urlRequest, origin: origin.key, limits: limits)
    }

    /// Owns the session; invalidates it when the last copy of the transport goes away.
    private final class Storage: Sendable {
        let configuration: Configuration
        /// Carries ordinary calls.
        let session: URLSession
        /// Carries attempts allowed to last longer than ``longAttemptThreshold`` (synchronous actions), so that
        /// abandoned long calls, which may linger for their whole idle timeout, never hold the connections
        /// ordinary calls need.
        let longSession: URLSession
        let delegate: SessionDelegate
        /// The admission gates of each session, one per origin.
        let gates: AdmissionGates
        let longGates: AdmissionGates

        static let longAttemptThreshold: Double = 120

        init(configuration: Configuration) {
            self.configuration = configuration
            delegate = SessionDelegate()
            session = Self.makeSession(configuration, delegate: delegate)
            longSession = Self.makeSession(configuration, delegate: delegate)
            gates = AdmissionGates(limit: configuration.maximumConnectionsPerHost, ceiling: Self.ceiling(configuration))
            longGates = AdmissionGates(limit: configuration.maximumConnectionsPerHost, ceiling: Self.ceiling(configuration))
        }

        /// The session's own per-host limit is the gate's ceiling, so the gate, not the session, does the queueing.
        private static func ceiling(_ configuration: Configuration) -> Int {
            max(1, configuration.maximumConnectionsPerHost) + max(0, configuration.maximumAbandonedRequests)
        }

        private static func makeSession(_ configuration: Configuration, delegate: SessionDelegate) -> URLSession {
            let sessionConfiguration = URLSessionConfiguration.ephemeral
            sessionConfiguration.httpCookieStorage = nil
            sessionConfiguration.httpShouldSetCookies = false
            sessionConfiguration.httpCookieAcceptPolicy = .never
            sessionConfiguration.urlCache = nil
            sessionConfiguration.requestCachePolicy = .reloadIgnoringLocalCacheData
            sessionConfiguration.urlCredentialStorage = nil
            sessionConfiguration.httpMaximumConnectionsPerHost = ceiling(configuration)
            sessionConfiguration.timeoutIntervalForRequest = AttemptLimits.clamped(configuration.idleTimeout).seconds
            return URLSession(configuration: sessionConfiguration, delegate: delegate, delegateQueue: nil)
        }

        deinit {
            session.finishTasksAndInvalidate()
            longSession.finishTasksAndInvalidate()
        }

        /// Admit → hand over → wait for the completion, the attempt's deadline or cancellation, whichever is first.
        func perform(_ urlRequest: URLRequest, origin: String, limits: AttemptLimits) async throws -> (HTTPResponse, Data) {
            var urlRequest = urlRequest
            let long = (limits.timeout ?? configuration.idleTimeout).seconds > Self.longAttemptThreshold
            let gate = (long ? longGates : gates).gate(for: origin)
            let ticket = try await gate.acquire(until: limits.callDeadline)
            // Cancelled between being admitted and being handed over: still never sent.
            if Task.isCancelled {
                gate.finish(ticket)
                throw CancellationError()
            }
            let deadline = limits.attemptDeadline()
            if let deadline, deadline <= .now {
                gate.finish(ticket)
                throw AttemptLimits.timeoutError(limits.timeout, sent: false)
            }
            let idle = AttemptLimits.clamped(deadline.map { $0 - .now + .seconds(1) } ?? configuration.idleTimeout)
            urlRequest.timeoutInterval = max(idle.seconds, 0.001)

            let call = Call()
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: Call.Continuation) in
                    // The last point where a cancellation means "never sent": after it, the request is on its way.
                    guard call.install(continuation), call.beginHandOver() else {
                        gate.finish(ticket)
                        return
                    }
                    let delegate = delegate
                    let carrier = long ? longSession : session
                    let task = carrier.dataTask(with: urlRequest) { data, response, error in
                        let challenged = delegate.takeChallenge(for: call.taskIdentifier)
                        let result = Self.result(data: data, response: response, error: error, challenged: challenged)
                        call.cancelDeadline()
                        gate.finish(ticket)
                        call.complete(result)
                    }
                    call.taskIdentifier = task.taskIdentifier
                    if let deadline {
                        // At the deadline the caller gets a timeout and the slot is freed; the task may linger.
                        call.setDeadline(DeadlineTimer.shared.schedule(at: deadline) {
                            call.complete(.failure(AttemptLimits.timeoutError(limits.timeout)))
                            gate.releaseSlot(ticket)
                        })
                    }
                    task.resume()
                }
            } onCancel: {
                // The caller resumes at once; the slot stays held until the task ends or its deadline passes.
                call.abandon()
            }
        }

        static func result(
            data: Data?,
            response: URLResponse?,
            error: (any Error)?,
            challenged: Bool
        ) -> Result<(HTTPResponse, Data), any Error> {
            if let error {
                return .failure(mapError(error, challenged: challenged))
            }
            guard let urlResponse = response as? HTTPURLResponse, let httpResponse = urlResponse.httpResponse else {
                return .failure(NangoError.transport("The response was not an HTTP response.", requestSent: true))
            }
            return .success((httpResponse, data ?? Data()))
        }

        static func mapError(_ error: any Error, challenged: Bool) -> any Error {
            guard let urlError = error as? URLError else {
                return NangoError.transport("The request failed: \(type(of: error)).", requestSent: true)
            }
            switch urlError.code {
            case .cancelled where challenged:
                // This transport never cancels tasks; a cancelled task is one whose authentication challenge the
                // delegate refused, which only happens for a 401 with `WWW-Authenticate`.
                return NangoError(
                    kind: .http,
                    message: "Unauthorized: the server answered 401 with an authentication challenge.",
                    status: 401,
                    underlyingError: urlError
                )
            case .cancelled:
                return NangoError.transport(
                    "The URL loading system cancelled the request.",
                    requestSent: true,
                    underlyingError: urlError
                )
            case .timedOut:
                return NangoError(kind: .timeout, message: "The server stopped sending data (idle timeout).", underlyingError: urlError)
            case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet,
                 .unsupportedURL, .badURL:
                return NangoError.transport(
                    "Could not connect to the server: \(words(urlError.code)) (URLError \(urlError.code.rawValue)).",
                    requestSent: false,
                    underlyingError: urlError
                )
            default:
                return NangoError.transport(
                    "The connection failed: \(words(urlError.code)) (URLError \(urlError.code.rawValue)).",
                    requestSent: true,
                    underlyingError: urlError
                )
            }
        }

        /// What a URL loading failure means, in words.
        static func words(_ code: URLError.Code) -> String {
            switch code {
            case .cannotFindHost, .dnsLookupFailed: return "the host name could not be resolved"
            case .cannotConnectToHost: return "the server refused the connection or did not answer"
            case .notConnectedToInternet: return "there is no network connection"
            case .networkConnectionLost: return "the connection was lost before the response was complete"
            case .badServerResponse: return "the server's answer was not valid HTTP"
            case .unsupportedURL, .badURL: return "the URL is not one the transport can load"
            case .secureConnectionFailed: return "the TLS handshake failed"
            case .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
                 .serverCertificateHasUnknownRoot:
                return "the server's TLS certificate is not trusted"
            case .cannotParseResponse, .cannotDecodeRawData, .cannotDecodeContentData:
                return "the response could not be read"
            case .dataLengthExceedsMaximum: return "the response was too large"
            case .httpTooManyRedirects, .redirectToNonExistentLocation: return "the server redirected too often or nowhere"
            default: return "the URL loading system reported an error"
            }
        }
    }

    /// One request's continuation, resumed exactly once by whichever comes first: the data task's completion
    /// handler, the attempt's deadline or the task's cancellation.
    private final class Call: Sendable {
        typealias Continuation = CheckedContinuation<(HTTPResponse, Data), any Error>

        private struct State {
            var continuation: Continuation?
            var finished = false
            var taskIdentifier: Int?
            var deadline: DeadlineTimer.Entry?
        }

        private let state = Locked(State())

        var taskIdentifier: Int? {
            get { state.withLock { $0.taskIdentifier } }
            set { state.withLock { $0.taskIdentifier = newValue } }
        }

        /// Stores the continuation; returns false (after resuming it) when the call was already cancelled.
        func install(_ continuation: Continuation) -> Bool {
            let installed = state.withLock { state -> Bool in
                guard !state.finished else { return false }
                state.continuation = continuation
                return true
            }
            if !installed {
                continuation.resume(throwing: CancellationError())
            }
            return installed
        }

        /// Marks the request as handed to URLSession; false (nothing may be sent) when the call already ended, i.e.
        /// was cancelled after it was admitted.
        func beginHandOver() -> Bool {
            state.withLock { !$0.finished }
        }

        /// Stores the attempt's deadline (before the data task is resumed, so before it can complete).
        func setDeadline(_ entry: DeadlineTimer.Entry) {
            state.withLock { $0.deadline = entry }
        }

        /// Called when the data task ended: its deadline no longer matters.
        func cancelDeadline() {
            if let entry = state.withLock({ state -> DeadlineTimer.Entry? in
                defer { state.deadline = nil }
                return state.deadline
            }) {
                DeadlineTimer.shared.cancel(entry)
            }
        }

        /// Resumes the caller with `result` unless it was already resumed.
        func complete(_ result: Result<(HTTPResponse, Data), any Error>) {
            let continuation = state.withLock { state -> Continuation? in
                state.finished = true
                defer { state.continuation = nil }
                return state.continuation
            }
            continuation?.resume(with: result)
        }

        /// Resumes the caller with `CancellationError` (the data task, if any, keeps running).
        func abandon() {
            complete(.failure(CancellationError()))
        }
    }
}

/// The session-level delegate: the only kind FoundationNetworking always calls.
private final class SessionDelegate: NSObject, URLSessionTaskDelegate, Sendable {
    private let challengedTasks = Locked(Set<Int>())

    func takeChallenge(for taskIdentifier: Int?) -> Bool {
        guard let taskIdentifier else { return false }
        return challengedTasks.withLock { $0.remove(taskIdentifier) != nil }
    }

    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest,
        completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        guard let original = task.originalRequest, let from = original.url, let to = request.url else {
            completionHandler(nil)
            return
        }
        // A request with a body is never redirected: libcurl re-sends 307/308 bodies empty, and a 301/302/303
        // would turn a write into a GET. The caller receives the 3xx.
        if original.httpBody != nil {
            completionHandler(nil)
            return
        }
        var next = request
        if !Self.sameOrigin(from, to) {
            for name in ["Authorization", "Proxy-Authorization", "Cookie"] {
                next.setValue(nil, forHTTPHeaderField: name)
            }
        }
        completionHandler(next)
    }

    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        didReceive challenge: URLAuthenticationChallenge,
        completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
        #if !canImport(FoundationNetworking)
        // Apple platforms route TLS server trust here too: leave that to the system.
        if challenge.protectionSpace.authenticationMethod == NSURLAuthenticationMethodServerTrust {
            completionHandler(.performDefaultHandling, nil)
            return
        }
        #endif
        // Answering anything else hangs (`.performDefaultHandling`) or crashes (`.useCredential` with nil) on
        // Linux; refusing ends the task at once with `URLError(.cancelled)`, mapped to a 401.
        let identifier = task.taskIdentifier
        challengedTasks.withLock { _ = $0.insert(identifier) }
        completionHandler(.cancelAuthenticationChallenge, nil)
    }

    static func sameOrigin(_ lhs: URL, _ rhs: URL) -> Bool {
        func port(_ url: URL) -> Int? {
            url.port ?? (url.scheme?.lowercased() == "https" ? 443 : url.scheme?.lowercased() == "http" ? 80 : nil)
        }
        return lhs.scheme?.lowercased() == rhs.scheme?.lowercased()
            && lhs.host?.lowercased() == rhs.host?.lowercased()
            && port(lhs) == port(rhs)
    }
}
