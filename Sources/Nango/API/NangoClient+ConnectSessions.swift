import HTTPTypes

extension NangoClient {
    /// Creates a connect session (`POST /connect/sessions`): a short-lived token for Nango's Connect UI.
    ///
    /// ```swift
    /// let session = try await nango.createConnectSession(.init(endUser: .init(id: "u1", email: "a@b.c"),
    ///                                                          allowedIntegrations: ["github"]))
    /// ```
    ///
    /// - Throws: ``NangoError`` of kind ``NangoError/Kind/invalidArgument`` without an end user or tags, or with
    ///   an empty integration id. Never retried once sent.
    public func createConnectSession(_ session: ConnectSessionRequest) async throws -> ConnectSession {
        guard session.endUser != nil || !(session.tags ?? [:]).isEmpty else {
            throw NangoError.invalidArgument("A connect session needs an end user or tags.")
        }
        if let endUser = session.endUser { try Validate.identifier(endUser.id, "endUser.id") }
        for integration in session.allowedIntegrations ?? [] {
            try Validate.identifier(integration, "allowedIntegrations")
        }
        var request = APIRequest(.post, [.literal("connect"), .literal("sessions")])
        try request.setJSONBody(session)
        return try await send(request, as: DataEnvelope<ConnectSession>.self).data
    }

    /// Creates a session to reconnect an existing connection (`POST /connect/sessions/reconnect`). Never retried
    /// once sent.
    public func createReconnectSession(_ session: ReconnectSessionRequest) async throws -> ConnectSession {
        try Validate.identifier(session.connectionID, "connectionID")
        try Validate.identifier(session.integrationID, "integrationID")
        var request = APIRequest(.post, [.literal("connect"), .literal("sessions"), .literal("reconnect")])
        try request.setJSONBody(session)
        return try await send(request, as: DataEnvelope<ConnectSession>.self).data
    }

    /// Waits until an end user has created a connection to an integration, checking the end user's connections
    /// (`GET /connections?endUserId=`), and returns it.
    ///
    /// The wait is cancellable at any point (cancel the task): unlike the Node SDK, a cancellation during a
    /// request is noticed at once. It runs on ``Configuration/clock``, so tests need not sleep.
    ///
    /// - Throws: ``NangoError`` of kind ``NangoError/Kind/timeout`` after `options.maximumAttempts` checks without
    ///   the connection; the first HTTP error of a check, at once; `CancellationError` when cancelled.
    public func waitForConnection(
        providerConfigKey: String,
        endUserID: String,
        options: WaitForConnectionOptions = WaitForConnectionOptions()
    ) async throws -> ConnectionSummary {
        try Validate.identifier(providerConfigKey, "providerConfigKey")
        try Validate.identifier(endUserID, "endUserID")
        guard options.maximumAttempts >= 1 else {
            throw NangoError.invalidArgument("maximumAttempts must be at least 1.")
        }
        let found = try await Polling.poll(
            clock: configuration.clock,
            maximumAttempts: options.maximumAttempts,
            timeout: nil,
            interval: { $0 == 0 ? options.firstInterval : options.interval }
        ) { _ in
            try await listConnections(endUserID: endUserID).connections.first { $0.providerConfigKey == providerConfigKey }
        }
        guard let found else {
            throw NangoError(
                kind: .timeout,
                message: "No connection to \(providerConfigKey) was created after \(options.maximumAttempts) checks.",
                operation: "waitForConnection",
                attempts: options.maximumAttempts
            )
        }
        return found
    }
}
