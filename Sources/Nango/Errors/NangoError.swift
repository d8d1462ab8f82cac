public import Foundation
public import HTTPTypes

/// The one error type the SDK throws (besides `CancellationError` when the calling task is cancelled).
///
/// Check ``kind`` first, then the details that kind carries:
///
/// ```swift
/// do {
///     let connection = try await nango.getConnection(providerConfigKey: "github", connectionID: "user-1")
/// } catch let error as NangoError where error.code == .notFound {
///     // No such connection.
/// } catch let error as NangoError where error.kind == .http {
///     print(error.status, error.code, error.message)
/// }
/// ```
///
/// The error's text (``description``, ``debugDescription``, `dump`) names the kind, status, Nango's error code,
/// message, operation and request id. It never contains request headers, the secret key, or a response body
/// beyond a short preview with every string value removed. The raw body stays available in ``responseBody``
/// for code that needs it.
public struct NangoError: Error, Sendable {
    /// What went wrong, broadly. An open set: new kinds may be added, so keep a `default` branch.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidArgument, transport, timeout, http, providerHTTP, decoding, invalidResponse, actionFailed
            case invalidSignature, rateLimited
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// An argument or the configuration was invalid; nothing was sent.
        public static let invalidArgument = Kind(.invalidArgument)
        /// The request could not be completed at the network level (connection refused or dropped, ...).
        public static let transport = Kind(.transport)
        /// The request (or the whole call, with its retries) ran out of time.
        public static let timeout = Kind(.timeout)
        /// Nango answered with a status outside 200–299. ``status``, ``code`` and ``message`` say why.
        public static let http = Kind(.http)
        /// Through the proxy, the external API answered with an error status. ``status``, ``responseHeaders``
        /// and ``responseBody`` are the provider's.
        public static let providerHTTP = Kind(.providerHTTP)
        /// A 2xx response whose body did not have the expected shape (or was not JSON).
        public static let decoding = Kind(.decoding)
        /// A response that broke the API's contract in a way decoding cannot see (for example a pagination
        /// cursor repeated by the server).
        public static let invalidResponse = Kind(.invalidResponse)
        /// An action ran and failed; ``code`` is Nango's code (for example `script_http_error`).
        public static let actionFailed = Kind(.actionFailed)
        /// A webhook's `X-Nango-Hmac-Sha256` signature is missing or does not match its body
        /// (``NangoClient/webhook(body:headers:)``).
        public static let invalidSignature = Kind(.invalidSignature)
        /// The client's rate limiter (``NangoClient/Configuration-swift.struct/rateLimiting``) did not send the
        /// call: Nango's window is exhausted for longer than the call may wait. ``retryAfter`` says how long.
        public static let rateLimited = Kind(.rateLimited)

        /// The kind's name, e.g. `http`.
        public var description: String { base.rawValue }
    }

    /// What went wrong, broadly.
    public var kind: Kind
    /// A human-readable account: Nango's own message when it sent one, otherwise the SDK's.
    public var message: String
    /// The HTTP status, when a response was received.
    public var status: Int?
    /// Nango's machine-readable error code (`error.code` in its error body), when it sent one.
    public var code: NangoErrorCode?
    /// Nango's `error.payload`, when it sent one.
    public var payload: JSONValue?
    /// Nango's whole `error` object (with `errors`, `upstream` and any other field), when it sent one.
    public var details: JSONValue?
    /// The `X-Request-Id` of the response, when there was one.
    public var requestID: String?
    /// The operation, as method and path template: `GET /connections/{connectionId}`.
    public var operation: String?
    /// How many attempts were made (1 when there was no retry).
    public var attempts: Int
    /// The wait the server asked for with `Retry-After` (on a 429 that could not be retried in time).
    public var retryAfter: Duration?
    /// The raw response body, when a response was received. Never printed (see ``readableResponseBody(limit:)``).
    public var responseBody: Data?
    /// The response's header fields, when a response was received. Never printed.
    public var responseHeaders: HTTPFields?
    /// The lower-level error, when there was one (a `URLError`, a transport's own error, ...).
    public var underlyingError: (any Error & Sendable)?

    /// Whether the request may have reached Nango. `false` only when it is known never to have left (connection
    /// refused, DNS failure, a call cancelled while queued), which also makes a retry safe for any method. For a
    /// failed non-idempotent call (an action, a connection import), `true` means it may have taken effect.
    public internal(set) var mayHaveBeenSent: Bool
    /// How long the whole call took, queueing, attempts and waits between them included (set by the client).
    public internal(set) var elapsed: Duration?
    /// The server a failure without a response was talking to, or that refused the key with a 401
    /// (`api.nango.dev`, with its port when it has one): set by the client.
    public internal(set) var host: String?

    /// `false` for a failure the client must not retry whatever its kind (an unknown transport error).
    var isRetryable = true

    /// Creates an error. The SDK creates these; the initialiser is public so that custom transports and tests
    /// can create them too.
    public init(
        kind: Kind,
        message: String,
        status: Int? = nil,
        code: NangoErrorCode? = nil,
        payload: JSONValue? = nil,
        details: JSONValue? = nil,
        requestID: String? = nil,
        operation: String? = nil,
        attempts: Int = 1,
        retryAfter: Duration? = nil,
        responseBody: Data? = nil,
        responseHeaders: HTTPFields? = nil,
        underlyingError: (any Error & Sendable)? = nil
    ) {
        self.kind = kind
        self.message = message
        self.status = status
        self.code = code
        self.payload = payload
        self.details = details
        self.requestID = requestID
        self.operation = operation
        self.attempts = attempts
        self.retryAfter = retryAfter
        self.responseBody = responseBody
        self.responseHeaders = responseHeaders
        self.underlyingError = underlyingError
        self.mayHaveBeenSent = true
    }

    /// A transport failure. `requestSent: false` tells the client that the request never left (so that retrying
    /// even a non-idempotent call is safe); pass `true` when unsure.
    public static func transport(
        _ message: String,
        requestSent: Bool,
        underlyingError: (any Error & Sendable)? = nil
    ) -> NangoError {
        var error = NangoError(kind: .transport, message: message, underlyingError: underlyingError)
        error.mayHaveBeenSent = requestSent
        return error
    }

    /// The response body for a person to read (an external API's answer to a proxy call, say): as received, at most
    /// `limit` characters, with the values of secret-looking keys (`token`, `secret`, `password`, `api_key`, ...)
    /// and long token-like runs replaced by `<redacted>`; `nil` without a body. Unlike ``description``, which shows
    /// only a preview with every string removed, this keeps the words, so show it only where the body is expected
    /// to be an error message.
    public func readableResponseBody(limit: Int = 4096) -> String? {
        guard let responseBody, !responseBody.isEmpty else { return nil }
        return Redaction.readable(responseBody, limit: max(limit, 1))
    }

    static func invalidArgument(_ message: String) -> NangoError {
        NangoError(kind: .invalidArgument, message: message)
    }
}

extension NangoError: CustomStringConvertible, CustomDebugStringConvertible, LocalizedError, CustomReflectable {
    /// `NangoError.http 404 not_found: No connection found (GET /connections/{connectionId}, request id r-1)`.
    public var description: String {
        var text = "NangoError.\(kind)"
        if let status { text += " \(status)" }
        if let code { text += " \(code.rawValue)" }
        text += ": \(message)"
        if status == 401 {
            let separator = message.hasSuffix(".") || message.isEmpty ? " " : ". "
            text += separator + "Check that the secret key is this environment's, and that \(host ?? "the host") is its Nango server."
        }
        var context: [String] = []
        if let operation { context.append(operation) }
        if let host { context.append("host \(host)") }
        if let requestID { context.append("request id \(requestID)") }
        if attempts > 1 { context.append("\(attempts) attempts") }
        if let retryAfter { context.append("retry after \(retryAfter)") }
        if !context.isEmpty { text += " (\(context.joined(separator: ", ")))" }
        return text
    }

    /// The same as ``description``, plus the underlying error's type.
    public var debugDescription: String {
        guard let underlyingError else { return description }
        return description + " [underlying: \(type(of: underlyingError))]"
    }

    /// The same as ``description``.
    public var errorDescription: String? { description }

    /// A mirror without the response body, headers or underlying error, so `dump` shows nothing secret.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "kind": kind.description,
                "status": status as Any,
                "code": code?.rawValue as Any,
                "message": message,
                "operation": operation as Any,
                "requestID": requestID as Any,
                "attempts": attempts,
            ],
            displayStyle: .struct
        )
    }
}

/// Nango's machine-readable error codes (`error.code`). An open set: any code the server sends decodes, and the
/// constants below are the ones the SDK documents.
public struct NangoErrorCode: OpenEnumeration {
    /// The code as Nango spells it, e.g. `not_found`.
    public let rawValue: String

    /// Wraps a code.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `not_found`: the connection, integration, action result or other resource does not exist.
    public static let notFound: NangoErrorCode = "not_found"
    /// `unknown_provider_config`: no integration with that key.
    public static let unknownProviderConfig: NangoErrorCode = "unknown_provider_config"
    /// `unknown_connection`: no connection with that id.
    public static let unknownConnection: NangoErrorCode = "unknown_connection"
    /// `invalid_credentials`: the connection's credentials are invalid and could not be refreshed.
    public static let invalidCredentials: NangoErrorCode = "invalid_credentials"
    /// `too_many_request`: rate limited (HTTP 429).
    public static let tooManyRequests: NangoErrorCode = "too_many_request"
    /// `forbidden`: the key lacks a scope for this operation.
    public static let forbidden: NangoErrorCode = "forbidden"
    /// `unauthorized`: the secret key was rejected.
    public static let unauthorized: NangoErrorCode = "unauthorized"
    /// `invalid_body`: the request body failed validation.
    public static let invalidBody: NangoErrorCode = "invalid_body"
    /// `invalid_query_params`: the query failed validation.
    public static let invalidQueryParams: NangoErrorCode = "invalid_query_params"
    /// `invalid_uri_params`: a path parameter failed validation.
    public static let invalidURIParams: NangoErrorCode = "invalid_uri_params"
    /// `invalid_headers`: a header failed validation.
    public static let invalidHeaders: NangoErrorCode = "invalid_headers"
    /// `invalid_content_type`: the request's `Content-Type` was refused (HTTP 415).
    public static let invalidContentType: NangoErrorCode = "invalid_content_type"
    /// `script_http_error`: an action's call to the external API failed (HTTP 424); see ``NangoError/details``.
    public static let scriptHTTPError: NangoErrorCode = "script_http_error"
    /// `server_error`: Nango failed internally.
    public static let serverError: NangoErrorCode = "server_error"
}
