import Foundation
import NangoJSON
import HTTPTypes
import Logging

/// A successful response: status 200–299.
struct RawResponse: Sendable {
    var response: HTTPResponse
    var body: Data
    var attempts: Int
}

extension NangoClient {
    /// Sends the request and decodes a 2xx body as `Response`.
    func send<Response: Decodable>(_ request: APIRequest, as type: Response.Type = Response.self) async throws -> Response {
        let raw = try await send(request)
        return try decode(type, from: raw, operation: request.operation)
    }

    /// Decodes a 2xx body. An empty body (a 204, or an action that returned nothing) reads as JSON `null`, so an
    /// optional or ``JSONValue`` result is `nil` or `.null`, and any other type fails with a decoding error.
    func decode<Response: Decodable>(
        _ type: Response.Type,
        from raw: RawResponse,
        operation: @autoclosure () -> String
    ) throws -> Response {
        try NangoCoding.decode(type, from: raw.body, emptyAsNull: true, context: context(of: raw, operation: operation()))
    }

    /// Where a response was decoded, for the error a decode may throw.
    func context(of raw: RawResponse, operation: String) -> NangoCoding.Context {
        NangoCoding.Context(
            operation: operation,
            status: raw.response.status.code,
            requestID: raw.response.headerFields[.nangoRequestID],
            attempts: raw.attempts
        )
    }

    /// The one place that talks to the transport. Its steps: build the request (adding `Authorization` last),
    /// observe the call (a span, metrics), then per attempt: admit (under the rate limiter), send within the
    /// attempt's deadline, classify the outcome, and decide a retry by the policy.
    func send(_ request: APIRequest) async throws -> RawResponse {
        var httpRequest = HTTPRequest(
            method: request.method,
            scheme: server.scheme,
            authority: server.authority,
            path: request.target(prefix: server.pathPrefix),
            headerFields: baseHeaders(for: request)
        )
        var call = CallObservation(
            request: request,
            server: server,
            tracer: tracer,
            metrics: metrics,
            headers: &httpRequest.headerFields
        )
        // Added last, after everything a log, a tracer or a middleware could see.
        httpRequest.headerFields[.authorization] = "Bearer \(secretKey.value)"
        let started = ContinuousClock.now
        do {
            let raw = try await sendAttempts(request, httpRequest, observing: &call)
            call.succeeded()
            ResponseSink.current?.record(raw, operation: call.operation)
            return raw
        } catch var error as NangoError {
            error.elapsed = ContinuousClock.now - started
            call.failed(error)
            throw error
        } catch {
            call.failed(error)
            throw error
        }
    }

    /// Attempts the request until it succeeds, fails for good, or the call's deadline passes.
    private func sendAttempts(
        _ request: APIRequest,
        _ httpRequest: HTTPRequest,
        observing call: inout CallObservation
    ) async throws -> RawResponse {
        // The operation's name is only built for logs and errors, when one is written.
        var operation: String { request.operation }
        let attemptLimit = AttemptLimits.clamped(request.timeoutOverride ?? configuration.timeout)
        let totalLimit = AttemptLimits.clamped(request.timeoutOverride.map { max($0, configuration.totalTimeout) } ?? configuration.totalTimeout)
        let deadline = ContinuousClock.now + totalLimit
        let policy = configuration.retry

        var attempt = 1
        while true {
            try Task.checkCancellation()
            try await admitUnderRateLimit(deadline: deadline, operation: operation, attempts: attempt - 1)
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else {
                throw NangoError(
                    kind: .timeout,
                    message: "The call did not complete within \(totalLimit).",
                    operation: operation,
                    attempts: attempt - 1
                )
            }
            let started = configuration.logger == nil ? nil : Optional(ContinuousClock.now)
            configuration.logger?.debug(
                "Nango request",
                metadata: ["nango.operation": "\(operation)", "nango.attempt": "\(attempt)"]
            )
            var failure: NangoError
            do {
                let (response, body) = try await call.withinSpan {
                    try await sendAttempt(
                        httpRequest,
                        body: request.body,
                        limits: AttemptLimits(timeout: attemptLimit, callDeadline: deadline)
                    )
                }
                // Read once for the client's window, the metrics gauge and the log.
                let rateLimit = NangoRateLimit(headers: response.headerFields)
                call.received(response, rateLimit: rateLimit)
                rateLimits.update(from: response, reported: rateLimit)
                if let logger = configuration.logger, let started {
                    logger.debug(
                        "Nango response",
                        metadata: Self.responseMetadata(
                            response, rateLimit: rateLimit, operation: operation, attempt: attempt, elapsed: .now - started
                        )
                    )
                }
                if (200...299).contains(response.status.code) {
                    return RawResponse(response: response, body: body, attempts: attempt)
                }
                failure = Self.httpError(response: response, body: body, request: request, attempts: attempt)
                // A refused key: the usual causes are a key of another environment or the right key sent to another
                // server, so the error names the server (its description says what to check).
                if failure.status == 401 { failure.host = server.authority }
            } catch let error as CancellationError where Task.isCancelled {
                call.receivedNothing()
                throw error
            } catch is CancellationError {
                // The transport gave up on its own (the caller was not cancelled): a failure that may have been sent.
                call.receivedNothing()
                failure = NangoError(
                    kind: .transport,
                    message: "The transport cancelled the request.",
                    operation: operation,
                    attempts: attempt
                )
                failure.host = server.authority
            } catch var error as NangoError {
                call.receivedNothing()
                error.operation = error.operation ?? operation
                error.attempts = attempt
                // No response: name the server it could not get one from.
                if error.status == nil { error.host = error.host ?? server.authority }
                failure = error
                configuration.logger?.debug(
                    "Nango request failed",
                    metadata: ["nango.operation": "\(operation)", "nango.attempt": "\(attempt)", "nango.error": "\(error.kind)"]
                )
            } catch {
                // An error the SDK does not know is not retried: it may not be a network failure at all (a test
                // double's mismatch, a programming error). Transports opt into retries with
                // `NangoError.transport(_:requestSent:)`.
                call.receivedNothing()
                var wrapped = NangoError(
                    kind: .transport,
                    message: "The transport failed: \(String(String(describing: error).prefix(300)))",
                    operation: operation,
                    attempts: attempt,
                    underlyingError: error
                )
                wrapped.isRetryable = false
                throw wrapped
            }

            guard attempt < policy.maximumAttempts, let wait = retryDelay(for: failure, request: request, attempt: attempt + 1)
            else { throw failure }
            guard ContinuousClock.now + wait < deadline else {
                throw failure
            }
            configuration.logger?.trace(
                "Nango retry",
                metadata: ["nango.operation": "\(operation)", "nango.attempt": "\(attempt + 1)", "nango.wait_ms": "\(Int(wait.seconds * 1000))"]
            )
            call.retrying(after: failure, wait: wait, nextAttempt: attempt + 1)
            try await configuration.clock.sleep(for: wait)
            attempt += 1
        }
    }

    /// How long to wait before retrying `error`, or `nil` when it must not be retried.
    private func retryDelay(for error: NangoError, request: APIRequest, attempt: Int) -> Duration? {
        let policy = configuration.retry
        let backoff = policy.backoff(beforeAttempt: attempt, random: Double.random(in: 0...1))
        guard error.isRetryable else { return nil }
        if request.source == .proxy {
            // Only what certainly never reached the external API: a request that never left, or Nango's own
            // rate limit. Nango retries the external call itself when asked (`Retries`).
            switch (error.kind, error.status) {
            case (.transport, _) where !error.mayHaveBeenSent: return backoff
            case (.http, 429?) where error.code == .tooManyRequests:
                guard let retryAfter = error.retryAfter else { return backoff }
                return retryAfter <= policy.maximumRetryAfter ? retryAfter : nil
            default: return nil
            }
        }
        switch error.kind {
        case .transport:
            return (!error.mayHaveBeenSent || request.isIdempotent) ? backoff : nil
        case .timeout:
            return request.isIdempotent ? backoff : nil
        case .http:
            switch error.status {
            case 429:
                guard let retryAfter = error.retryAfter else { return backoff }
                return retryAfter <= policy.maximumRetryAfter ? retryAfter : nil
            case 502, 503, 504:
                guard request.isIdempotent else { return nil }
                if let retryAfter = error.retryAfter {
                    return retryAfter <= policy.maximumRetryAfter ? retryAfter : nil
                }
                return backoff
            default:
                return nil
            }
        default:
            return nil
        }
    }

    /// One attempt within its limits. A transport that admits and times its requests itself (both of the SDK's)
    /// gets the limits, one that honours a deadline gets the attempt's deadline, and any other is bounded here, by
    /// one timer entry and one task for the attempt.
    private func sendAttempt(_ request: HTTPRequest, body: Data?, limits: AttemptLimits) async throws -> (HTTPResponse, Data) {
        switch route {
        case .admitting(let transport):
            return try await transport.send(request, body: body, limits: limits)
        case .honoringDeadlines(let transport):
            guard let deadline = limits.attemptDeadline() else { return try await transport.send(request, body: body) }
            return try await transport.send(request, body: body, deadline: deadline)
        case .plain(let transport):
            guard let deadline = limits.attemptDeadline() else { return try await transport.send(request, body: body) }
            let timeout = limits.timeout
            return try await withDeadline(deadline, timeoutError: { AttemptLimits.timeoutError(timeout) }) {
                try await transport.send(request, body: body)
            }
        }
    }

    /// What the debug log says of a response: operation, attempt, status, duration, Nango's request id and its
    /// rate-limit window (never headers or bodies).
    static func responseMetadata(
        _ response: HTTPResponse, rateLimit: NangoRateLimit?, operation: String, attempt: Int, elapsed: Duration
    ) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "nango.operation": "\(operation)", "nango.attempt": "\(attempt)",
            "http.status": "\(response.status.code)", "nango.duration_ms": "\(Int(elapsed.seconds * 1000))",
        ]
        if let requestID = response.headerFields[.nangoRequestID] {
            metadata["nango.request_id"] = "\(requestID)"
        }
        if let rateLimit {
            if let remaining = rateLimit.remaining { metadata["nango.ratelimit.remaining"] = "\(remaining)" }
            if let limit = rateLimit.limit { metadata["nango.ratelimit.limit"] = "\(limit)" }
        }
        return metadata
    }

    /// The headers every request carries (all but `Authorization`): the client's own, then the request's.
    private func baseHeaders(for request: APIRequest) -> HTTPFields {
        guard !request.headers.isEmpty else { return baseFields }
        var fields = baseFields
        for field in request.headers {
            fields[field.name] = nil
        }
        fields.append(contentsOf: request.headers)
        return fields
    }

    /// `User-Agent`, `Accept` and the configured `Nango-Is-*` flags, built once per client.
    static func baseFields(userAgent: String, configuration: Configuration) -> HTTPFields {
        var fields = HTTPFields()
        fields[.userAgent] = userAgent
        fields[.accept] = "application/json"
        if configuration.isSync { fields[.nangoIsSync] = "true" }
        if configuration.isDryRun { fields[.nangoIsDryRun] = "true" }
        if configuration.isScript { fields[.nangoIsScript] = "true" }
        return fields
    }

    /// Turns a non-2xx response from Nango into an error: Nango's `{"error": {...}}` envelope, the legacy
    /// `{"message": ...}` form, or any other body.
    static func httpError(response: HTTPResponse, body: Data, request: APIRequest, attempts: Int) -> NangoError {
        let status = response.status.code
        var code: NangoErrorCode?
        var message: String?
        var payload: JSONValue?
        var details: JSONValue?
        let json = try? NangoCoding.jsonValue(from: body)
        if request.source == .proxy && !isNangoErrorEnvelope(json) {
            return NangoError(
                kind: .providerHTTP,
                message: "The external API answered HTTP \(status) (body: \(Redaction.preview(of: body, limit: 80))).",
                status: status,
                requestID: response.headerFields[.nangoRequestID],
                operation: request.operation,
                attempts: attempts,
                responseBody: body,
                responseHeaders: response.headerFields
            )
        }
        if let json {
            switch json["error"] {
            case .object(let members)?:
                details = .object(members)
                code = members["code"]?.stringValue.map(NangoErrorCode.init(rawValue:))
                message = members["message"]?.stringValue
                payload = members["payload"]
            case .string(let text)?:
                message = text
            default:
                break
            }
            if message == nil { message = json["message"]?.stringValue }
        }
        let text: String
        if let message, !message.isEmpty {
            text = message
        } else if let code {
            text = "Nango answered HTTP \(status) (\(code.rawValue))."
        } else {
            text = "Nango answered HTTP \(status) (body: \(Redaction.preview(of: body, limit: 80)))."
        }
        return NangoError(
            kind: isActionFailure(request: request, status: status, code: code) ? .actionFailed : .http,
            message: text,
            status: status,
            code: code,
            payload: payload,
            details: details,
            requestID: response.headerFields[.nangoRequestID],
            operation: request.operation,
            attempts: attempts,
            retryAfter: response.headerFields[.retryAfter].flatMap(RetryAfter.parse),
            responseBody: body,
            responseHeaders: response.headerFields
        )
    }
}

extension NangoClient {
    /// Whether a proxy error body is Nango's own envelope: `{"error": {"code": "snake_case", ...}}` whose error
    /// object has only the fields Nango writes. An external API's error (`{"error": {"code": 404, "status": ...}}`,
    /// `{"error": {"code": "resource_missing", "type": ...}}`, `{"message": ...}`) is not.
    static func isNangoErrorEnvelope(_ json: JSONValue?) -> Bool {
        guard case .object(let top)? = json, case .object(let error)? = top["error"],
              let code = error["code"]?.stringValue, !code.isEmpty,
              code.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "_" })
        else { return false }
        let nangoFields: Set<String> = ["code", "message", "payload", "errors", "additional_properties", "method", "path"]
        return Set(error.keys).isSubset(of: nangoFields) && Set(top.keys).isSubset(of: ["error"])
    }

    /// Whether an error status from an action endpoint is the action's own failure (rather than Nango refusing
    /// the call): a 424, or a code of the `script_` or `action_` families.
    static func isActionFailure(request: APIRequest, status: Int, code: NangoErrorCode?) -> Bool {
        switch request.source {
        case .action: break
        case .actionResult:
            // The result endpoint answers 500 when the action completed with an error.
            if status == 500 { return true }
        case .nango, .proxy: return false
        }
        if status == 424 { return true }
        guard let code = code?.rawValue else { return false }
        return code.hasPrefix("script_") || code.hasPrefix("action_")
    }
}

/// `Retry-After`: delay-seconds or an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`).
enum RetryAfter {
    static func parse(_ value: String) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        // A day is far beyond any policy's maximum; clamping first keeps absurd values from overflowing.
        let ceiling = 86_400.0
        if let seconds = Double(text), seconds.isFinite, seconds >= 0,
           text.allSatisfy({ $0.isNumber || $0 == "." }) {
            return .milliseconds(Int64(min(seconds, ceiling) * 1000))
        }
        guard let date = httpDate(text) else { return nil }
        let interval = max(0, date.timeIntervalSinceNow)
        return .milliseconds(Int64(interval * 1000))
    }

    /// IMF-fixdate, the only form servers send today.
    static func httpDate(_ text: String) -> Date? {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]), let year = Int(parts[3]),
              let monthIndex = months.firstIndex(of: String(parts[2]))
        else { return nil }
        let time = parts[4].split(separator: ":")
        guard time.count == 3, time.allSatisfy({ $0.count == 2 }) else { return nil }
        let month = monthIndex + 1
        let iso = "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)T\(time[0]):\(time[1]):\(time[2])Z"
        return ISO8601.parse(iso)
    }
}
