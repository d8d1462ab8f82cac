public import HTTPTypes

/// The HTTP response behind a call: status, headers, Nango's request id and rate-limit window, and how many
/// attempts it took. Read it with ``NangoClient/withResponse(_:)``.
public struct NangoResponse: Sendable {
    /// The operation, as method and path template: `GET /connections/{connectionId}`.
    public var operation: String
    /// The HTTP status.
    public var status: Int
    /// The response's headers.
    public var headerFields: HTTPFields
    /// Nango's `X-Request-Id`, to quote to Nango's support.
    public var requestID: String?
    /// Nango's rate-limit window as of this response.
    public var rateLimit: NangoRateLimit?
    /// How many attempts the call made (1 when there was no retry).
    public var attempts: Int

    /// Creates a value (for tests).
    public init(
        operation: String,
        status: Int,
        headerFields: HTTPFields = HTTPFields(),
        requestID: String? = nil,
        rateLimit: NangoRateLimit? = nil,
        attempts: Int = 1
    ) {
        self.operation = operation
        self.status = status
        self.headerFields = headerFields
        self.requestID = requestID
        self.rateLimit = rateLimit
        self.attempts = attempts
    }
}

extension NangoClient {
    /// Runs `body` and returns its value with the response of the last successful call it made through the SDK
    /// (in its task and its child tasks), or `nil` when it made none.
    ///
    /// ```swift
    /// let (connection, response) = try await nango.withResponse {
    ///     try await nango.getConnection(providerConfigKey: "github", connectionID: "user-1")
    /// }
    /// print(response?.requestID ?? "-", response?.rateLimit?.remaining ?? -1)
    /// ```
    ///
    /// A failed call's details are on its ``NangoError`` (``NangoError/requestID``, ``NangoError/rateLimit``).
    /// For a call that sends several requests (a paging sequence, a polled action) the response is the last one.
    public func withResponse<Value>(
        _ body: () async throws -> Value
    ) async rethrows -> (value: Value, response: NangoResponse?) {
        let sink = ResponseSink()
        let value = try await ResponseSink.$current.withValue(sink) { try await body() }
        return (value, sink.last)
    }
}

/// Where ``NangoClient/withResponse(_:)`` collects the responses of the calls in its scope.
final class ResponseSink: Sendable {
    @TaskLocal static var current: ResponseSink?

    private let response = Locked<NangoResponse?>(nil)

    var last: NangoResponse? { response.withLock { $0 } }

    func record(_ raw: RawResponse, operation: String) {
        let fields = raw.response.headerFields
        let value = NangoResponse(
            operation: operation,
            status: raw.response.status.code,
            headerFields: fields,
            requestID: fields[.nangoRequestID],
            rateLimit: NangoRateLimit(headers: fields),
            attempts: raw.attempts
        )
        response.withLock { $0 = value }
    }
}
