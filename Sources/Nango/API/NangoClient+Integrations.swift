import HTTPTypes

extension NangoClient {
    /// Lists the environment's integrations (`GET /integrations`). The Node SDK reshapes this to
    /// `{configs}`; here it is the list itself.
    public func listIntegrations() async throws -> [Integration] {
        try await send(APIRequest(.get, [.literal("integrations")]), as: DataEnvelope<[Integration]>.self).data
    }

    /// Returns an integration (`GET /integrations/{uniqueKey}`), optionally with its webhook URL and credentials.
    ///
    /// `include` is sent as repeated keys (`include=webhook&include=credentials`); the Node SDK sends only the
    /// last element of the list, a bug this SDK does not reproduce. The credentials never print.
    public func getIntegration(uniqueKey: String, include: Set<IntegrationInclude> = []) async throws -> Integration {
        try Validate.identifier(uniqueKey, "uniqueKey")
        let query = IntegrationInclude.allCases.filter(include.contains).map { APIRequest.QueryItem("include", $0.rawValue) }
        let request = APIRequest(.get, [.literal("integrations"), .parameter(name: "uniqueKey", value: uniqueKey)], query: query)
        return try await send(request, as: DataEnvelope<Integration>.self).data
    }

    /// Creates an integration (`POST /integrations`). Never retried once sent.
    @discardableResult
    public func createIntegration(_ integration: CreateIntegrationRequest) async throws -> Integration {
        try Validate.identifier(integration.provider, "provider")
        try Validate.identifier(integration.uniqueKey, "uniqueKey")
        var request = APIRequest(.post, [.literal("integrations")])
        try request.setJSONBody(integration)
        return try await send(request, as: DataEnvelope<Integration>.self).data
    }

    /// Creates an integration on a developer app Nango provides (`POST /integrations/quickstart`). Never retried
    /// once sent.
    @discardableResult
    public func createQuickstartIntegration(_ integration: QuickstartIntegrationRequest) async throws -> Integration {
        try Validate.identifier(integration.provider, "provider")
        try Validate.identifier(integration.uniqueKey, "uniqueKey")
        var request = APIRequest(.post, [.literal("integrations"), .literal("quickstart")])
        try request.setJSONBody(integration)
        // The spec says `data` is a list; the server sends one object. Both are accepted.
        let envelope = try await send(request, as: DataEnvelope<OneOrMany<Integration>>.self)
        guard let integration = envelope.data.first else {
            throw NangoError(kind: .invalidResponse, message: "Nango created no integration.", operation: request.operation)
        }
        return integration
    }

    /// Changes an integration (`PATCH /integrations/{uniqueKey}`); only the fields given change.
    @discardableResult
    public func updateIntegration(uniqueKey: String, _ patch: IntegrationPatch) async throws -> Integration {
        try Validate.identifier(uniqueKey, "uniqueKey")
        if let newKey = patch.uniqueKey { try Validate.identifier(newKey, "patch.uniqueKey") }
        // Repeating a change leaves the same state, except a rename: a retry would address the old key.
        var request = APIRequest(
            .patch,
            [.literal("integrations"), .parameter(name: "uniqueKey", value: uniqueKey)],
            idempotent: patch.uniqueKey == nil
        )
        try request.setJSONBody(patch)
        return try await send(request, as: DataEnvelope<Integration>.self).data
    }

    /// Deletes an integration and its connections (`DELETE /integrations/{uniqueKey}`).
    public func deleteIntegration(uniqueKey: String) async throws {
        try Validate.identifier(uniqueKey, "uniqueKey")
        _ = try await send(
            APIRequest(.delete, [.literal("integrations"), .parameter(name: "uniqueKey", value: uniqueKey)]),
            as: SuccessResponse.self
        )
    }
}

/// A value that the server sends either alone or as a one-element list.
struct OneOrMany<Value: Decodable>: Decodable {
    var values: [Value]

    var first: Value? { values.first }

    init(from decoder: any Decoder) throws {
        if let many = try? [Value](from: decoder) {
            values = many
        } else {
            values = [try Value(from: decoder)]
        }
    }
}
