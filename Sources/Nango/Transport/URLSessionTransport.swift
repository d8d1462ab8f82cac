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
/// - `dataTask` with a completion handler, resumed exactly once, instead of the async `data(for:)` (which can
///   deadlock when cancelled). On cancellation the caller resumes at once with `CancellationError`; the data task
///   is left to end under its idle timeout rather than cancelled (`URLSessionTask.cancel()` can crash the
///   process under load). At most ``Configuration-swift.struct/maximumAbandonedRequests`` such tasks may be
///   left running; past that, new requests fail fast.
/// - The client enforces each attempt's deadline itself (libcurl's timeouts restart on every byte).
///
/// For high request rates, `AsyncHTTPClientTransport` (package trait `AsyncHTTPClient`) is faster: one
/// `URLSession` tops out near 3,000 small requests per second on Linux.
public struct URLSessionTransport: HTTPTransport {
    /// Settings of a ``URLSessionTransport``.
    public struct Configuration: Sendable {
        /// How many connections to one host the session may open. Default: 6.
        public var maximumConnectionsPerHost: Int
        /// The idle timeout used when the client did not say how long the attempt may take. Default: 60 s.
        public var idleTimeout: Duration
        /// How many cancelled or timed-out requests may still be running in the background before new requests
        /// fail fast with a transport error. Default: 64.
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
    public func send(_ request: HTTPRequest, body: Data?) async throws -> (HTTPResponse, Data) {
        guard var urlRequest = URLRequest(httpRequest: request) else {
            throw NangoError.invalidArgument("The request URL could not be formed.")
        }
        urlRequest.httpBody = body
        urlRequest.httpShouldHandleCookies = false
        urlRequest.cachePolicy = .reloadIgnoringLocalCacheData
        let idle = AttemptContext.timeout.map { $0 + .seconds(1) } ?? storage.configuration.idleTimeout
        urlRequest.timeoutInterval = max(idle.seconds, 0.001)
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
        return try await storage.perform(urlRequest)
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
        let abandoned = Locked(0)

        static let longAttemptThreshold: Double = 120

        init(configuration: Configuration) {
            self.configuration = configuration
            delegate = SessionDelegate()
            session = Self.makeSession(configuration, delegate: delegate)
            longSession = Self.makeSession(configuration, delegate: delegate)
        }

        private static func makeSession(_ configuration: Configuration, delegate: SessionDelegate) -> URLSession {
            let sessionConfiguration = URLSessionConfiguration.ephemeral
            sessionConfiguration.httpCookieStorage = nil
            sessionConfiguration.httpShouldSetCookies = false
            sessionConfiguration.httpCookieAcceptPolicy = .never
            sessionConfiguration.urlCache = nil
            sessionConfiguration.requestCachePolicy = .reloadIgnoringLocalCacheData
            sessionConfiguration.urlCredentialStorage = nil
            sessionConfiguration.httpMaximumConnectionsPerHost = max(1, configuration.maximumConnectionsPerHost)
            sessionConfiguration.timeoutIntervalForRequest = configuration.idleTimeout.seconds
            return URLSession(configuration: sessionConfiguration, delegate: delegate, delegateQueue: nil)
        }

        deinit {
            session.finishTasksAndInvalidate()
            longSession.finishTasksAndInvalidate()
        }

        func perform(_ urlRequest: URLRequest) async throws -> (HTTPResponse, Data) {
            let call = Call()
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: Call.Continuation) in
                    guard call.install(continuation) else { return }
                    let limit = configuration.maximumAbandonedRequests
                    if abandoned.withLock({ $0 }) >= limit {
                        call.complete(.failure(NangoError.transport(
                            "Too many abandoned requests (\(limit)) are still running; try again later.",
                            requestSent: false
                        )))
                        return
                    }
                    let delegate = delegate
                    let abandoned = abandoned
                    let carrier = urlRequest.timeoutInterval > Self.longAttemptThreshold ? longSession : session
                    let task = carrier.dataTask(with: urlRequest) { data, response, error in
                        let challenged = delegate.takeChallenge(for: call.taskIdentifier)
                        let result = Self.result(data: data, response: response, error: error, challenged: challenged)
                        if call.complete(result) == .wasAbandoned {
                            abandoned.withLock { $0 -= 1 }
                        }
                    }
                    call.taskIdentifier = task.taskIdentifier
                    task.resume()
                }
            } onCancel: {
                if call.abandon() {
                    abandoned.withLock { $0 += 1 }
                }
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
                    "Could not connect to the server (URLError \(urlError.code.rawValue)).",
                    requestSent: false,
                    underlyingError: urlError
                )
            default:
                return NangoError.transport(
                    "The connection failed (URLError \(urlError.code.rawValue)).",
                    requestSent: true,
                    underlyingError: urlError
                )
            }
        }
    }

    /// One request's continuation, resumed exactly once by whichever comes first: the data task's completion
    /// handler or the task's cancellation.
    private final class Call: Sendable {
        typealias Continuation = CheckedContinuation<(HTTPResponse, Data), any Error>

        enum Completion { case delivered, wasAbandoned }

        private enum State {
            case idle
            case waiting(Continuation)
            case abandoned
            case finished
        }

        private let state = Locked(State.idle)
        private let identifier = Locked<Int?>(nil)

        var taskIdentifier: Int? {
            get { identifier.withLock { $0 } }
            set { identifier.withLock { $0 = newValue } }
        }

        /// Stores the continuation; returns false (after resuming it) when the call was already cancelled.
        func install(_ continuation: Continuation) -> Bool {
            let installed = state.withLock { state -> Bool in
                guard case .idle = state else { return false }
                state = .waiting(continuation)
                return true
            }
            if !installed {
                continuation.resume(throwing: CancellationError())
            }
            return installed
        }

        /// Resumes the caller with the result, unless the call was abandoned (or already finished).
        @discardableResult
        func complete(_ result: Result<(HTTPResponse, Data), any Error>) -> Completion {
            let action = state.withLock { state -> (Continuation?, Completion) in
                switch state {
                case .waiting(let continuation):
                    state = .finished
                    return (continuation, .delivered)
                case .abandoned:
                    state = .finished
                    return (nil, .wasAbandoned)
                case .idle, .finished:
                    state = .finished
                    return (nil, .delivered)
                }
            }
            action.0?.resume(with: result)
            return action.1
        }

        /// Resumes the caller with `CancellationError`; returns true when a data task is left running.
        func abandon() -> Bool {
            let continuation = state.withLock { state -> Continuation?? in
                switch state {
                case .idle:
                    state = .finished
                    return .some(nil)
                case .waiting(let continuation):
                    state = .abandoned
                    return .some(continuation)
                case .abandoned, .finished:
                    return .none
                }
            }
            guard case .some(let waiting) = continuation else { return false }
            guard let waiting else { return false }
            waiting.resume(throwing: CancellationError())
            return true
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
