import HTTPTypes

extension NangoClient {
    /// Returns a connection's custom metadata decoded as `type`; `nil` when the connection has none.
    ///
    /// ```swift
    /// struct Settings: Codable, Sendable { var plan: String }
    /// let settings = try await nango.getMetadata(providerConfigKey: "github", connectionID: "user-1", as: Settings.self)
    /// ```
    public func getMetadata<Metadata: Decodable>(
        providerConfigKey: String,
        connectionID: String,
        as type: Metadata.Type
    ) async throws -> Metadata? {
        let request = try connectionRequest(
            providerConfigKey: providerConfigKey,
            connectionID: connectionID,
            forceRefresh: false,
            refreshToken: false,
            refreshGitHubAppJWTToken: false
        )
        let raw = try await send(request)
        let envelope = try decode(MetadataEnvelope<Metadata>.self, from: raw, operation: request.operation)
        return envelope.metadata
    }

    /// Returns a connection's custom metadata as JSON; `nil` when the connection has none.
    public func getMetadata(providerConfigKey: String, connectionID: String) async throws -> [String: JSONValue]? {
        try await getMetadata(providerConfigKey: providerConfigKey, connectionID: connectionID, as: [String: JSONValue].self)
    }

    /// Replaces the custom metadata of one or more connections (`POST /connections/metadata`). With several ids,
    /// an unknown one aborts the whole change.
    ///
    /// - Parameters:
    ///   - providerConfigKey: The integration's unique key.
    ///   - connectionIDs: The connections to change (at least one).
    ///   - metadata: Any `Encodable` value that encodes to a JSON object.
    /// - Throws: ``NangoError`` of kind ``NangoError/Kind/invalidArgument`` for an empty id list, an empty id,
    ///   or metadata that is not a JSON object, before anything is sent.
    @discardableResult
    public func setMetadata<Metadata: Encodable & Sendable>(
        providerConfigKey: String,
        connectionIDs: [String],
        metadata: Metadata
    ) async throws -> MetadataChange {
        try await changeMetadata(.post, providerConfigKey, connectionIDs, metadata, single: false)
    }

    /// Replaces the custom metadata of one connection (`POST /connections/metadata`).
    @discardableResult
    public func setMetadata<Metadata: Encodable & Sendable>(
        providerConfigKey: String,
        connectionID: String,
        metadata: Metadata
    ) async throws -> MetadataChange {
        try await changeMetadata(.post, providerConfigKey, [connectionID], metadata, single: true)
    }

    /// Merges keys into the custom metadata of one or more connections (`PATCH /connections/metadata`): only
    /// the keys given change.
    @discardableResult
    public func updateMetadata<Metadata: Encodable & Sendable>(
        providerConfigKey: String,
        connectionIDs: [String],
        metadata: Metadata
    ) async throws -> MetadataChange {
        try await changeMetadata(.patch, providerConfigKey, connectionIDs, metadata, single: false)
    }

    /// Merges keys into the custom metadata of one connection (`PATCH /connections/metadata`).
    @discardableResult
    public func updateMetadata<Metadata: Encodable & Sendable>(
        providerConfigKey: String,
        connectionID: String,
        metadata: Metadata
    ) async throws -> MetadataChange {
        try await changeMetadata(.patch, providerConfigKey, [connectionID], metadata, single: true)
    }

    private func changeMetadata<Metadata: Encodable>(
        _ method: HTTPRequest.Method,
        _ providerConfigKey: String,
        _ connectionIDs: [String],
        _ metadata: Metadata,
        single: Bool
    ) async throws -> MetadataChange {
        try Validate.identifier(providerConfigKey, "providerConfigKey")
        try Validate.identifiers(connectionIDs, "connectionIDs")
        let json = try JSONValue(encoding: metadata)
        guard case .object(let members) = json else {
            throw NangoError.invalidArgument("Metadata must encode to a JSON object.")
        }
        let body: JSONValue = [
            "metadata": .object(members),
            "connection_id": single ? .string(connectionIDs[0]) : .array(connectionIDs.map(JSONValue.string)),
            "provider_config_key": .string(providerConfigKey),
        ]
        // Setting the same metadata twice leaves the same state, so these writes may be retried.
        var request = APIRequest(method, [.literal("connections"), .literal("metadata")], idempotent: true)
        try request.setJSONBody(body)
        return try await send(request)
    }
}

private struct MetadataEnvelope<Metadata: Decodable>: Decodable {
    var metadata: Metadata?
}
