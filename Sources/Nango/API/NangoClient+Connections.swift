import HTTPTypes

extension NangoClient {
    /// Lists connections, one page at a time, without credentials (`GET /connections`).
    ///
    /// ```swift
    /// let page = try await nango.listConnections(.init(integrationIDs: ["github"], tags: ["organization_id": "org-1"]))
    /// ```
    ///
    /// - Throws: ``NangoError`` of kind ``NangoError/Kind/invalidArgument`` for an empty filter value, more than 10
    ///   tags, a `limit` below 1 or a negative `page`, before anything is sent.
    public func listConnections(_ options: ListConnectionsOptions = ListConnectionsOptions()) async throws -> ConnectionList {
        var query: [APIRequest.QueryItem] = []
        func add(_ name: String, _ value: String?, _ label: String) throws {
            guard let value else { return }
            guard !value.isEmpty else {
                throw NangoError.invalidArgument("\(label) must not be empty; pass nil for no filter.")
            }
            query.append(.init(name, value))
        }
        try add("connectionId", options.connectionID, "connectionID")
        try add("search", options.search, "search")
        try add("endUserId", options.endUserID, "endUserID")
        try add("endUserOrganizationId", options.endUserOrganizationID, "endUserOrganizationID")
        if !options.integrationIDs.isEmpty {
            for id in options.integrationIDs {
                try Validate.identifier(id, "integrationIDs")
                guard !id.contains(",") else {
                    throw NangoError.invalidArgument("An integration id cannot contain a comma.")
                }
            }
            query.append(.init("integrationId", options.integrationIDs.joined(separator: ",")))
        }
        guard options.tags.count <= 10 else {
            throw NangoError.invalidArgument("At most 10 tags can filter connections (got \(options.tags.count)).")
        }
        var tagItems: [APIRequest.QueryItem] = []
        for (key, value) in options.tags {
            guard !key.isEmpty, !value.isEmpty else {
                throw NangoError.invalidArgument("A tag filter needs a non-empty key and value.")
            }
            let name = "tags[\(Self.tagFilterKey(key))]"
            guard !tagItems.contains(where: { $0.name == name }) else {
                throw NangoError.invalidArgument("Two tag filters name the same tag \(name) (keys are lowercased and aliased).")
            }
            tagItems.append(.init(name, value))
        }
        query += tagItems.sorted { $0.name < $1.name }
        if let limit = options.limit {
            guard limit >= 1 else { throw NangoError.invalidArgument("limit must be at least 1 (got \(limit)).") }
            query.append(.init("limit", String(limit)))
        }
        if let page = options.page {
            guard page >= 0 else { throw NangoError.invalidArgument("page must not be negative (got \(page)).") }
            query.append(.init("page", String(page)))
        }
        return try await send(APIRequest(.get, [.literal("connections")], query: query))
    }

    /// Lists connections with labelled filters; the same as ``listConnections(_:)`` with
    /// ``ListConnectionsOptions``.
    ///
    /// ```swift
    /// let page = try await nango.listConnections(integrationID: "github", tags: ["organization_id": "org-1"])
    /// ```
    public func listConnections(
        connectionID: String? = nil,
        integrationID: String? = nil,
        search: String? = nil,
        endUserID: String? = nil,
        endUserOrganizationID: String? = nil,
        tags: [String: String] = [:],
        limit: Int? = nil,
        page: Int? = nil
    ) async throws -> ConnectionList {
        try await listConnections(ListConnectionsOptions(
            connectionID: connectionID,
            integrationIDs: integrationID.map { [$0] } ?? [],
            search: search,
            endUserID: endUserID,
            endUserOrganizationID: endUserOrganizationID,
            tags: tags,
            limit: limit,
            page: page
        ))
    }

    /// Every connection matching the filters, as an `AsyncSequence` that requests one page of `pageSize`
    /// connections at a time (from `options.page`, or 0) until a page comes back short (see ``NangoPages``).
    ///
    /// ```swift
    /// for try await connection in nango.connections(.init(integrationIDs: ["github"])) {
    ///     print(connection.connectionID)
    /// }
    /// ```
    ///
    /// A server that returns the same page twice ends the iteration with an error instead of looping.
    public func connections(
        _ options: ListConnectionsOptions = ListConnectionsOptions(),
        pageSize: Int = 1000
    ) -> NangoPages<ConnectionSummary> {
        NangoPages(start: .init(cursor: nil, page: options.page ?? 0)) { position in
            guard (1...2000).contains(pageSize) else {
                throw NangoError.invalidArgument("pageSize must be between 1 and 2000 (got \(pageSize)).")
            }
            var pageOptions = options
            pageOptions.page = position.page
            pageOptions.limit = pageSize
            let connections = try await listConnections(pageOptions).connections
            // The previous page's fingerprint travels in `cursor`; an identical page means `page` was ignored.
            let fingerprint = connections.isEmpty
                ? nil
                : "\(connections[0].id):\(connections[connections.count - 1].id):\(connections.count)"
            if let fingerprint, fingerprint == position.cursor {
                throw NangoError(
                    kind: .invalidResponse,
                    message: "Nango returned the same page of connections twice; stopping instead of looping."
                )
            }
            let (nextPage, overflow) = position.page.addingReportingOverflow(1)
            let next = connections.count < pageSize || overflow
                ? nil
                : NangoPages<ConnectionSummary>.Position(cursor: fingerprint, page: nextPage)
            return (connections, next)
        }
    }

    /// The Node SDK's tag aliases: `displayName` and `email` name the end-user tags; other keys are lowercased.
    static func tagFilterKey(_ key: String) -> String {
        switch key {
        case "displayName": return "end_user_display_name"
        case "email": return "end_user_email"
        default: return key.lowercased()
        }
    }

    /// Returns a connection with its credentials (`GET /connections/{connectionId}`).
    ///
    /// Unlike the Node SDK, which interpolates ids into the path unescaped, every id is percent-encoded as one
    /// path segment, so an id such as `a/b?c` reaches the right connection.
    ///
    /// - Parameters:
    ///   - providerConfigKey: The integration's unique key.
    ///   - connectionID: The connection id.
    ///   - forceRefresh: Refresh the access token even if it has not expired.
    ///   - refreshToken: Include the refresh token in the credentials (it is removed otherwise).
    ///   - refreshGitHubAppJWTToken: Refresh the JWT of a GitHub App (or GitHub App OAuth) connection.
    /// - Throws: ``NangoError``: `not_found`, `unknown_provider_config`, or `invalid_credentials` (424 when every
    ///   refresh attempt failed), among others.
    public func getConnection(
        providerConfigKey: String,
        connectionID: String,
        forceRefresh: Bool = false,
        refreshToken: Bool = false,
        refreshGitHubAppJWTToken: Bool = false
    ) async throws -> Connection {
        try await send(connectionRequest(
            providerConfigKey: providerConfigKey,
            connectionID: connectionID,
            forceRefresh: forceRefresh,
            refreshToken: refreshToken,
            refreshGitHubAppJWTToken: refreshGitHubAppJWTToken
        ))
    }

    /// `GET /connections/{connectionId}` with all four query parameters, as the Node SDK always sends them.
    func connectionRequest(
        providerConfigKey: String,
        connectionID: String,
        forceRefresh: Bool,
        refreshToken: Bool,
        refreshGitHubAppJWTToken: Bool
    ) throws -> APIRequest {
        try Validate.identifier(providerConfigKey, "providerConfigKey")
        try Validate.identifier(connectionID, "connectionID")
        return APIRequest(
            .get,
            [.literal("connections"), .parameter(name: "connectionId", value: connectionID)],
            query: [
                .init("provider_config_key", providerConfigKey),
                .init("force_refresh", String(forceRefresh)),
                .init("refresh_token", String(refreshToken)),
                .init("refresh_github_app_jwt_token", String(refreshGitHubAppJWTToken)),
            ]
        )
    }

    /// Returns the token of a connection, as the Node SDK's `getToken`: the access token of an OAuth 2
    /// connection, the token pair of an OAuth 1 connection, and otherwise the whole credentials.
    ///
    /// ```swift
    /// let token = try await nango.getToken(providerConfigKey: "github", connectionID: "user-1")
    /// request.setValue("Bearer \(token.accessToken ?? "")", forHTTPHeaderField: "Authorization")
    /// ```
    public func getToken(
        providerConfigKey: String,
        connectionID: String,
        forceRefresh: Bool = false,
        refreshGitHubAppJWTToken: Bool = false
    ) async throws -> ConnectionToken {
        let connection: Connection = try await send(connectionRequest(
            providerConfigKey: providerConfigKey,
            connectionID: connectionID,
            forceRefresh: forceRefresh,
            refreshToken: false,
            refreshGitHubAppJWTToken: refreshGitHubAppJWTToken
        ))
        switch connection.credentials {
        case .oauth2(let oauth2): return .accessToken(oauth2.accessToken)
        case .oauth1(let oauth1): return .oauth1(token: oauth1.oauthToken, tokenSecret: oauth1.oauthTokenSecret)
        case let other: return .credentials(other)
        }
    }

    /// Returns the provider's raw token response of a connection (`credentials.raw`), decoded as `type`; `nil`
    /// for auth types that keep none (API key, basic, TBA, signature, no credentials).
    public func getRawTokenResponse<Raw: Decodable>(
        providerConfigKey: String,
        connectionID: String,
        forceRefresh: Bool = false,
        refreshGitHubAppJWTToken: Bool = false,
        as type: Raw.Type
    ) async throws -> Raw? {
        let request = try connectionRequest(
            providerConfigKey: providerConfigKey,
            connectionID: connectionID,
            forceRefresh: forceRefresh,
            refreshToken: false,
            refreshGitHubAppJWTToken: refreshGitHubAppJWTToken
        )
        let connection: Connection = try await send(request)
        guard let raw = connection.credentials.raw, !raw.isNull else { return nil }
        return try raw.decode(as: type)
    }

    /// Returns the provider's raw token response of a connection (`credentials.raw`) as JSON; `nil` for auth
    /// types that keep none.
    public func getRawTokenResponse(
        providerConfigKey: String,
        connectionID: String,
        forceRefresh: Bool = false,
        refreshGitHubAppJWTToken: Bool = false
    ) async throws -> JSONValue? {
        try await getRawTokenResponse(
            providerConfigKey: providerConfigKey,
            connectionID: connectionID,
            forceRefresh: forceRefresh,
            refreshGitHubAppJWTToken: refreshGitHubAppJWTToken,
            as: JSONValue.self
        )
    }

    /// Changes a connection's tags, end user or webhook URL override (`PATCH /connections/{connectionId}`).
    ///
    /// The id and `provider_config_key` are percent-encoded (the Node SDK sends both unescaped).
    public func patchConnection(providerConfigKey: String, connectionID: String, _ patch: ConnectionPatch) async throws {
        try Validate.identifier(providerConfigKey, "providerConfigKey")
        try Validate.identifier(connectionID, "connectionID")
        var request = APIRequest(
            .patch,
            [.literal("connections"), .parameter(name: "connectionId", value: connectionID)],
            query: [.init("provider_config_key", providerConfigKey)],
            idempotent: true
        )
        try request.setJSONBody(patch)
        _ = try await send(request, as: SuccessResponse.self)
    }

    /// Deletes a connection (`DELETE /connections/{connectionId}`).
    ///
    /// The id and `provider_config_key` are percent-encoded (the Node SDK sends both unescaped).
    public func deleteConnection(providerConfigKey: String, connectionID: String) async throws {
        try Validate.identifier(providerConfigKey, "providerConfigKey")
        try Validate.identifier(connectionID, "connectionID")
        _ = try await send(APIRequest(
            .delete,
            [.literal("connections"), .parameter(name: "connectionId", value: connectionID)],
            query: [.init("provider_config_key", providerConfigKey)]
        ))
    }

    /// Creates or replaces a connection from credentials you already have (`POST /connections`). The Node SDK
    /// no longer offers this.
    ///
    /// Never retried once sent: it is not idempotent.
    public func importConnection(_ connection: ImportConnectionRequest) async throws -> Connection {
        try Validate.identifier(connection.providerConfigKey, "providerConfigKey")
        if let connectionID = connection.connectionID {
            try Validate.identifier(connectionID, "connectionID")
        }
        var request = APIRequest(.post, [.literal("connections")])
        try request.setJSONBody(connection)
        return try await send(request)
    }
}
