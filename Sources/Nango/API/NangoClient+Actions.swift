import HTTPTypes

extension NangoClient {
    /// Runs an action and returns its output decoded as `type` (`POST /action/trigger`).
    ///
    /// ```swift
    /// let created = try await nango.triggerAction(providerConfigKey: "hubspot", connectionID: "c1",
    ///                                             action: "create-contact", input: NewContact(email: "a@b.c"),
    ///                                             as: Created.self)
    /// ```
    ///
    /// Actions may run for minutes, so this call is bounded by ``Configuration/actionTimeout`` (15 minutes by
    /// default) instead of the usual timeouts. It is never retried once sent: it is not idempotent.
    ///
    /// - Throws: ``NangoError``; when the action itself fails, its kind is ``NangoError/Kind/actionFailed`` and
    ///   ``NangoError/code`` is Nango's (for example `script_http_error`, whose ``NangoError/details`` hold the
    ///   external API's answer under `upstream`).
    public func triggerAction<Input: Encodable & Sendable, Output: Decodable>(
        providerConfigKey: String,
        connectionID: String,
        action: String,
        input: Input,
        as type: Output.Type
    ) async throws -> Output {
        try await runAction(providerConfigKey, connectionID, action, input: JSONValue(encoding: input), as: type)
    }

    /// Runs an action without input and returns its output decoded as `type`.
    public func triggerAction<Output: Decodable>(
        providerConfigKey: String,
        connectionID: String,
        action: String,
        as type: Output.Type
    ) async throws -> Output {
        try await runAction(providerConfigKey, connectionID, action, input: nil, as: type)
    }

    /// Runs an action and returns its output as JSON.
    @discardableResult
    public func triggerAction<Input: Encodable & Sendable>(
        providerConfigKey: String,
        connectionID: String,
        action: String,
        input: Input
    ) async throws -> JSONValue {
        try await runAction(providerConfigKey, connectionID, action, input: JSONValue(encoding: input), as: JSONValue.self)
    }

    /// Runs an action without input and returns its output as JSON.
    @discardableResult
    public func triggerAction(providerConfigKey: String, connectionID: String, action: String) async throws -> JSONValue {
        try await runAction(providerConfigKey, connectionID, action, input: nil, as: JSONValue.self)
    }

    private func runAction<Output: Decodable>(
        _ providerConfigKey: String,
        _ connectionID: String,
        _ action: String,
        input: JSONValue?,
        as type: Output.Type
    ) async throws -> Output {
        var request = try actionRequest(providerConfigKey, connectionID, action, input: input)
        request.timeoutOverride = configuration.actionTimeout
        return try await send(request, as: type)
    }

    /// Starts an action in the background (`POST /action/trigger` with `X-Async: true`) and returns a handle to
    /// fetch its result with.
    ///
    /// - Parameters:
    ///   - providerConfigKey: The integration's unique key.
    ///   - connectionID: The connection the action runs for.
    ///   - action: The action's name.
    ///   - input: The action's input, any `Encodable` value.
    ///   - maxRetries: How often Nango retries the action if it fails, 0–5 (`X-Max-Retries`; Nango's default is
    ///     0). The Node SDK cannot set this.
    public func triggerActionAsync<Input: Encodable & Sendable>(
        providerConfigKey: String,
        connectionID: String,
        action: String,
        input: Input,
        maxRetries: Int? = nil
    ) async throws -> AsyncActionHandle {
        try await startAction(providerConfigKey, connectionID, action, input: JSONValue(encoding: input), maxRetries: maxRetries)
    }

    /// Starts an action without input in the background; see
    /// ``triggerActionAsync(providerConfigKey:connectionID:action:input:maxRetries:)``.
    public func triggerActionAsync(
        providerConfigKey: String,
        connectionID: String,
        action: String,
        maxRetries: Int? = nil
    ) async throws -> AsyncActionHandle {
        try await startAction(providerConfigKey, connectionID, action, input: nil, maxRetries: maxRetries)
    }

    private func startAction(
        _ providerConfigKey: String,
        _ connectionID: String,
        _ action: String,
        input: JSONValue?,
        maxRetries: Int?
    ) async throws -> AsyncActionHandle {
        var request = try actionRequest(providerConfigKey, connectionID, action, input: input)
        request.headers[.nangoAsync] = "true"
        if let maxRetries {
            guard (0...5).contains(maxRetries) else {
                throw NangoError.invalidArgument("maxRetries must be between 0 and 5 (got \(maxRetries)).")
            }
            request.headers[.nangoMaxRetries] = String(maxRetries)
        }
        return try await send(request)
    }

    /// `POST /action/trigger` with `{action_name, input?}` and the connection headers.
    private func actionRequest(
        _ providerConfigKey: String,
        _ connectionID: String,
        _ action: String,
        input: JSONValue?
    ) throws -> APIRequest {
        try Validate.identifier(providerConfigKey, "providerConfigKey")
        try Validate.identifier(connectionID, "connectionID")
        try Validate.identifier(action, "action")
        var body: [String: JSONValue] = ["action_name": .string(action)]
        // A nil optional input is omitted, as the Node SDK omits `undefined`.
        if let input, !input.isNull { body["input"] = input }
        var request = APIRequest(
            .post,
            [.literal("action"), .literal("trigger")],
            headers: try HTTPFields.connection(providerConfigKey, connectionID)
        )
        request.source = .action
        try request.setJSONBody(JSONValue.object(body))
        return request
    }

    /// Fetches the result of an asynchronous action once (`GET` on its status URL): ``AsyncActionResult/pending``
    /// while it runs (Nango answers 404 until then), or its output decoded as `type`. Unlike the Node SDK, which
    /// surfaces the 404 as an error, a running action is not an error here.
    ///
    /// Nango cannot tell a running action from an unknown id (both are 404), so a wrong id reads as pending.
    ///
    /// - Throws: ``NangoError`` of kind ``NangoError/Kind/actionFailed`` when the action failed (a 500 or 424
    ///   from this endpoint), with Nango's code.
    public func getAsyncActionResult<Output: Decodable & Sendable>(
        _ handle: AsyncActionHandle,
        as type: Output.Type
    ) async throws -> AsyncActionResult<Output> {
        let request = try actionResultRequest(id: handle.id, statusURL: handle.statusURL)
        return try await fetchActionResult(request, as: type)
    }

    /// Fetches the result of an asynchronous action once, by id (`GET /action/{id}`).
    public func getAsyncActionResult<Output: Decodable & Sendable>(
        id: String,
        as type: Output.Type
    ) async throws -> AsyncActionResult<Output> {
        let request = try actionResultRequest(id: id, statusURL: nil)
        return try await fetchActionResult(request, as: type)
    }

    /// Fetches the result of an asynchronous action once, as JSON.
    public func getAsyncActionResult(_ handle: AsyncActionHandle) async throws -> AsyncActionResult<JSONValue> {
        try await getAsyncActionResult(handle, as: JSONValue.self)
    }

    /// Fetches the result of an asynchronous action once, by id, as JSON.
    public func getAsyncActionResult(id: String) async throws -> AsyncActionResult<JSONValue> {
        try await getAsyncActionResult(id: id, as: JSONValue.self)
    }

    /// Waits for an asynchronous action to finish, checking every `pollInterval`, and returns its output.
    ///
    /// The wait is cancellable (cancel the task) and runs on ``Configuration/clock``.
    ///
    /// - Parameters:
    ///   - handle: What ``triggerActionAsync(providerConfigKey:connectionID:action:input:maxRetries:)`` returned.
    ///   - type: The type to decode the action's output as.
    ///   - pollInterval: The wait between checks. Default: 1 second.
    ///   - timeout: The longest wait. Default: ``Configuration/actionTimeout``.
    /// - Throws: ``NangoError`` of kind ``NangoError/Kind/timeout`` when the action is still running at the
    ///   timeout, of kind ``NangoError/Kind/actionFailed`` when it failed; `CancellationError` when cancelled.
    public func waitForAsyncActionResult<Output: Decodable & Sendable>(
        _ handle: AsyncActionHandle,
        as type: Output.Type,
        pollInterval: Duration = .seconds(1),
        timeout: Duration? = nil
    ) async throws -> Output {
        let limit = timeout ?? configuration.actionTimeout
        let request = try actionResultRequest(id: handle.id, statusURL: handle.statusURL)
        let output = try await Polling.poll(
            clock: configuration.clock,
            maximumAttempts: nil,
            timeout: limit,
            interval: { _ in pollInterval }
        ) { _ in
            try await fetchActionResult(request, as: type).output
        }
        guard let output else {
            throw NangoError(kind: .timeout, message: "The action \(handle.id) did not complete within \(limit).")
        }
        return output
    }

    private func fetchActionResult<Output: Decodable & Sendable>(
        _ request: APIRequest,
        as type: Output.Type
    ) async throws -> AsyncActionResult<Output> {
        do {
            return .completed(try await send(request, as: type))
        } catch let error as NangoError where error.kind == .http && error.status == 404
            && (error.code == nil || error.code == .notFound)
        {
            return .pending
        }
    }

    /// The status URL when it is a plain path on the Nango host (it is never sent elsewhere), else `/action/{id}`.
    private func actionResultRequest(id: String, statusURL: String?) throws -> APIRequest {
        if let statusURL, !statusURL.isEmpty {
            let allowed = statusURL.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-._~/%".unicodeScalars.contains(scalar))
            }
            guard statusURL.hasPrefix("/"), !statusURL.hasPrefix("//"), !statusURL.contains("/../"), allowed else {
                throw NangoError.invalidArgument("statusURL must be a path on the Nango host, such as /action/<id>.")
            }
            var request = APIRequest(.get, [])
            request.rawSuffix = statusURL
            request.source = .actionResult
            return request
        }
        try Validate.identifier(id, "id")
        var request = APIRequest(.get, [.literal("action"), .parameter(name: "actionId", value: id)])
        request.source = .actionResult
        return request
    }
}
