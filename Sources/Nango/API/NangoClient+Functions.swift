import HTTPTypes

extension NangoClient {
    /// Lists the functions deployed to an integration (`GET /integrations/{uniqueKey}/functions`).
    ///
    /// - Parameters:
    ///   - uniqueKey: The integration's unique key.
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
