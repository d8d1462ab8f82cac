import HTTPTypes

extension NangoClient {
    /// Runs syncs once now, besides their schedule (`POST /sync/trigger`).
    ///
    /// ```swift
    /// try await nango.triggerSync(providerConfigKey: "hubspot", syncs: ["contacts"], connectionID: "c1", mode: .fullRefresh)
    /// ```
    ///
    /// - Parameters:
    ///   - providerConfigKey: The integration's unique key.
    ///   - syncs: The syncs; an empty list means every sync of the integration.
    ///   - connectionID: The connection; `nil` means every connection of the integration.
    ///   - mode: ``SyncTriggerMode/incremental`` (default), ``SyncTriggerMode/fullRefresh`` or
    ///     ``SyncTriggerMode/fullRefreshAndClearCache``, sent as the spec's `opts` (the Node SDK's deprecated
    ///     `sync_mode` is not used).
    /// - Throws: ``NangoError`` of kind ``NangoError/Kind/invalidArgument`` for an invalid name, or `emptyCache`
    ///   without `reset` (which would delete records without a fresh run). Never retried once sent.
    public func triggerSync(
        providerConfigKey: String,
        syncs: [SyncIdentifier] = [],
        connectionID: String? = nil,
        mode: SyncTriggerMode = .incremental
    ) async throws {
        guard !mode.emptyCache || mode.reset else {
            throw NangoError.invalidArgument("emptyCache requires reset: use .fullRefreshAndClearCache.")
        }
        var body = try syncsBody(providerConfigKey, syncs, connectionID)
        if mode.reset {
            var opts: [String: JSONValue] = ["reset": true]
            if mode.emptyCache { opts["emptyCache"] = true }
            body["opts"] = .object(opts)
        }
        var request = APIRequest(.post, [.literal("sync"), .literal("trigger")])
        try request.setJSONBody(JSONValue.object(body))
        _ = try await send(request, as: SuccessResponse.self)
    }

    /// Starts the schedule of syncs (`POST /sync/start`); they run at once, then at their frequency. Starting a
    /// started schedule has no effect.
    ///
    /// - Parameters:
    ///   - providerConfigKey: The integration's unique key.
    ///   - syncs: The syncs; an empty list means every sync of the integration.
    ///   - connectionID: The connection; `nil` means every connection of the integration.
    public func startSync(providerConfigKey: String, syncs: [SyncIdentifier], connectionID: String? = nil) async throws {
        try await changeSchedule("start", providerConfigKey, syncs, connectionID)
    }

    /// Pauses the schedule of syncs (`POST /sync/pause`).
    ///
    /// - Parameters:
    ///   - providerConfigKey: The integration's unique key.
    ///   - syncs: The syncs; an empty list means every sync of the integration.
    ///   - connectionID: The connection; `nil` means every connection of the integration.
    public func pauseSync(providerConfigKey: String, syncs: [SyncIdentifier], connectionID: String? = nil) async throws {
        try await changeSchedule("pause", providerConfigKey, syncs, connectionID)
    }

    private func changeSchedule(
        _ verb: String,
        _ providerConfigKey: String,
        _ syncs: [SyncIdentifier],
        _ connectionID: String?
    ) async throws {
        let body = try syncsBody(providerConfigKey, syncs, connectionID)
        // Starting a started schedule (or pausing a paused one) has no effect, so these may be retried.
        var request = APIRequest(.post, [.literal("sync"), .literal(verb)], idempotent: true)
        try request.setJSONBody(JSONValue.object(body))
        _ = try await send(request, as: SuccessResponse.self)
    }

    /// `{syncs, provider_config_key, connection_id?}`.
    private func syncsBody(
        _ providerConfigKey: String,
        _ syncs: [SyncIdentifier],
        _ connectionID: String?
    ) throws -> [String: JSONValue] {
        try Validate.identifier(providerConfigKey, "providerConfigKey")
        var body: [String: JSONValue] = [
            "syncs": try SyncIdentifier.jsonList(syncs),
            "provider_config_key": .string(providerConfigKey),
        ]
        if let connectionID {
            try Validate.identifier(connectionID, "connectionID")
            body["connection_id"] = .string(connectionID)
        }
        return body
    }

    /// Returns the status of syncs (`GET /sync/status`).
    ///
    /// ```swift
    /// let statuses = try await nango.syncStatus(providerConfigKey: "hubspot", syncs: .all, connectionID: "c1")
    /// ```
    ///
    /// - Parameters:
    ///   - providerConfigKey: The integration's unique key.
    ///   - syncs: ``SyncSelection/all`` or the named syncs (at least one; variants as `name::variant`).
    ///   - connectionID: The connection; `nil` reports every connection.
    public func syncStatus(
        providerConfigKey: String,
        syncs: SyncSelection,
        connectionID: String? = nil
    ) async throws -> [SyncStatus] {
        try Validate.identifier(providerConfigKey, "providerConfigKey")
        let selection: String
        switch syncs {
        case .all:
            selection = "*"
        case .named(let names):
            guard !names.isEmpty else {
                throw NangoError.invalidArgument("Name at least one sync, or use .all.")
            }
            for name in names { try name.validate() }
            selection = names.map(\.description).joined(separator: ",")
        }
        var query: [APIRequest.QueryItem] = [.init("syncs", selection), .init("provider_config_key", providerConfigKey)]
        if let connectionID {
            try Validate.identifier(connectionID, "connectionID")
            query.append(.init("connection_id", connectionID))
        }
        let response = try await send(
            APIRequest(.get, [.literal("sync"), .literal("status")], query: query),
            as: SyncStatusResponse.self
        )
        return response.syncs
    }

    /// Overrides how often a sync runs for one connection, or reverts to its default with `nil`
    /// (`PUT /sync/update-connection-frequency`). Returns the frequency now in force.
    ///
    /// - Parameters:
    ///   - providerConfigKey: The integration's unique key.
    ///   - sync: The sync (a variant as `name::variant`).
    ///   - connectionID: The connection.
    ///   - frequency: Nango's notation: `every 30 minutes`, `every 2 hours`, `1d`; at least 30 seconds; `nil`
    ///     reverts to the sync's default.
    /// - Throws: ``NangoError`` of kind ``NangoError/Kind/invalidArgument`` for an invalid or too short
    ///   frequency, before anything is sent.
    @discardableResult
    public func updateSyncConnectionFrequency(
        providerConfigKey: String,
        sync: SyncIdentifier,
        connectionID: String,
        frequency: String?
    ) async throws -> String? {
        try Validate.identifier(providerConfigKey, "providerConfigKey")
        try Validate.identifier(connectionID, "connectionID")
        try sync.validate()
        if let frequency { try SyncFrequency.validate(frequency) }
        var body: [String: JSONValue] = [
            "sync_name": .string(sync.name),
            "provider_config_key": .string(providerConfigKey),
            "connection_id": .string(connectionID),
            "frequency": frequency.map(JSONValue.string) ?? .null,
        ]
        if let variant = sync.variant { body["sync_variant"] = .string(variant) }
        var request = APIRequest(.put, [.literal("sync"), .literal("update-connection-frequency")])
        try request.setJSONBody(JSONValue.object(body))
        return try await send(request, as: FrequencyResponse.self).frequency
    }

    /// Creates a variant of a sync for one connection (`POST /sync/{name}/variant/{variant}`).
    ///
    /// - Throws: ``NangoError`` of kind ``NangoError/Kind/invalidArgument`` for the reserved variant `base`.
    public func createSyncVariant(
        providerConfigKey: String,
        connectionID: String,
        sync: String,
        variant: String
    ) async throws -> SyncVariant {
        let request = try variantRequest(.post, providerConfigKey, connectionID, sync, variant)
        return try await send(request)
    }

    /// Deletes a variant of a sync for one connection (`DELETE /sync/{name}/variant/{variant}`, with a body).
    public func deleteSyncVariant(
        providerConfigKey: String,
        connectionID: String,
        sync: String,
        variant: String
    ) async throws {
        let request = try variantRequest(.delete, providerConfigKey, connectionID, sync, variant)
        _ = try await send(request, as: SuccessResponse.self)
    }

    private func variantRequest(
        _ method: HTTPRequest.Method,
        _ providerConfigKey: String,
        _ connectionID: String,
        _ sync: String,
        _ variant: String
    ) throws -> APIRequest {
        try Validate.identifier(providerConfigKey, "providerConfigKey")
        try Validate.identifier(connectionID, "connectionID")
        try Validate.identifier(sync, "sync")
        try Validate.identifier(variant, "variant")
        guard variant != "base" else {
            throw NangoError.invalidArgument("\"base\" is the reserved name of a sync's base variant.")
        }
        var request = APIRequest(method, [
            .literal("sync"), .parameter(name: "name", value: sync), .literal("variant"),
            .parameter(name: "variant", value: variant),
        ])
        try request.setJSONBody(JSONValue.object([
            "provider_config_key": .string(providerConfigKey),
            "connection_id": .string(connectionID),
        ]))
        return request
    }
}
