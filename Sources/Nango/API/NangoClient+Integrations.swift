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
    public func createIntegration(_ integration: CreateIntegrationRequest) async throws -> Integration {
        try Validate.identifier(integration.provider, "provider")
        try Validate.identifier(integration.uniqueKey, "uniqueKey")
        var request = APIRequest(.post, [.literal("integrations")])
        try request.setJSONBody(integration)
        return try await send(request, as: DataEnvelope<Integration>.self).data
    }

    /// Creates an integration on a developer app Nango provides (`POST /integrations/quickstart`). Never retried
    /// once sent.
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
    public func updateIntegration(uniqueKey: String, _ patch: IntegrationPatch) async throws -> Integration {
        try Validate.identifier(uniqueKey, "uniqueKey")
        if let newKey = patch.uniqueKey { try Validate.identifier(newKey, "patch.uniqueKey") }
        var request = APIRequest(
            .patch,
            [.literal("integrations"), .parameter(name: "uniqueKey", value: uniqueKey)],
            idempotent: true
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

    /// Lists the providers (APIs) Nango supports (`GET /providers`), optionally filtered by name.
    ///
    /// - Parameters:
    ///   - search: A case-insensitive filter on provider names (letters, digits, spaces and `~:.@_-`).
    ///   - connectSessionToken: For calls made with a connect session token; Nango refuses it with a secret key.
    public func listProviders(search: String? = nil, connectSessionToken: String? = nil) async throws -> [Provider] {
        var query: [APIRequest.QueryItem] = []
        if let search {
            guard !search.isEmpty, search.count <= 255 else {
                throw NangoError.invalidArgument("search must have 1 to 255 characters.")
            }
            query.append(.init("search", search))
        }
        if let connectSessionToken { query.append(.init("connect_session_token", connectSessionToken)) }
        return try await send(APIRequest(.get, [.literal("providers")], query: query), as: DataEnvelope<[Provider]>.self).data
    }

    /// Returns a provider's definition (`GET /providers/{provider}`).
    public func getProvider(_ provider: String) async throws -> Provider {
        try Validate.identifier(provider, "provider")
        let request = APIRequest(.get, [.literal("providers"), .parameter(name: "provider", value: provider)])
        return try await send(request, as: DataEnvelope<Provider>.self).data
    }

    /// Returns the catalog's template functions for a provider (`GET /providers/{provider}/templates`).
    public func getProviderTemplates(_ provider: String) async throws -> [NangoFunction] {
        try Validate.identifier(provider, "provider")
        let request = APIRequest(.get, [
            .literal("providers"), .parameter(name: "provider", value: provider), .literal("templates"),
        ])
        return try await send(request, as: DataEnvelope<[NangoFunction]>.self).data
    }

    /// Lists the functions deployed to an integration (`GET /integrations/{uniqueKey}/functions`).
    ///
    /// - Parameters:
    ///   - type: Only functions of this type.
    ///   - search: A case-insensitive filter on names (1–255 characters).
    ///   - page: The page, from 0.
    ///   - limit: The page size, 1–100 (Nango's default: 20).
    public func listFunctions(
        uniqueKey: String,
        type: FunctionType? = nil,
        search: String? = nil,
        page: Int? = nil,
        limit: Int? = nil
    ) async throws -> FunctionList {
        try Validate.identifier(uniqueKey, "uniqueKey")
        var query: [APIRequest.QueryItem] = []
        if let type { query.append(.init("type", type.rawValue)) }
        if let search {
            guard !search.isEmpty, search.count <= 255 else {
                throw NangoError.invalidArgument("search must have 1 to 255 characters.")
            }
            query.append(.init("search", search))
        }
        if let page {
            guard page >= 0 else { throw NangoError.invalidArgument("page must not be negative (got \(page)).") }
            query.append(.init("page", String(page)))
        }
        if let limit {
            guard (1...100).contains(limit) else {
                throw NangoError.invalidArgument("limit must be between 1 and 100 (got \(limit)).")
            }
            query.append(.init("limit", String(limit)))
        }
        return try await send(APIRequest(.get, functionsPath(uniqueKey), query: query))
    }

    /// Returns a deployed function (`GET /integrations/{uniqueKey}/functions/{name}`). Give `type` when a sync
    /// and an action share the name (Nango answers 409 `ambiguous_function` otherwise).
    public func getFunction(uniqueKey: String, name: String, type: FunctionType? = nil) async throws -> NangoFunction {
        let request = try functionRequest(.get, uniqueKey, name, type, suffix: nil)
        return try await send(request, as: DataEnvelope<NangoFunction>.self).data
    }

    /// Returns a deployed function's TypeScript source (`GET /integrations/{uniqueKey}/functions/{name}/code`).
    public func getFunctionCode(uniqueKey: String, name: String, type: FunctionType? = nil) async throws -> FunctionCode {
        let request = try functionRequest(.get, uniqueKey, name, type, suffix: "code")
        return try await send(request)
    }

    /// Deletes a deployed function (`DELETE /integrations/{uniqueKey}/functions/{name}`). `type` is required and
    /// must be ``FunctionType/sync`` or ``FunctionType/action``; functions managed by `nango deploy` cannot be
    /// deleted this way (400 `function_managed_by_deploy`).
    public func deleteFunction(uniqueKey: String, name: String, type: FunctionType) async throws {
        guard type == .sync || type == .action else {
            throw NangoError.invalidArgument("Only sync and action functions can be deleted (got \(type.rawValue)).")
        }
        let request = try functionRequest(.delete, uniqueKey, name, type, suffix: nil)
        _ = try await send(request, as: DataEnvelope<SuccessResponse>.self)
    }

    private func functionsPath(_ uniqueKey: String) -> [APIRequest.PathPart] {
        [.literal("integrations"), .parameter(name: "uniqueKey", value: uniqueKey), .literal("functions")]
    }

    private func functionRequest(
        _ method: HTTPRequest.Method,
        _ uniqueKey: String,
        _ name: String,
        _ type: FunctionType?,
        suffix: String?
    ) throws -> APIRequest {
        try Validate.identifier(uniqueKey, "uniqueKey")
        try Validate.identifier(name, "name")
        var path = functionsPath(uniqueKey) + [.parameter(name: "name", value: name)]
        if let suffix { path.append(.literal(suffix)) }
        return APIRequest(method, path, query: type.map { [.init("type", $0.rawValue)] } ?? [])
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
