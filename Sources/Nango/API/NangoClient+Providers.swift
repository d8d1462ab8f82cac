import HTTPTypes

extension NangoClient {
    /// Lists the providers (APIs) Nango supports (`GET /providers`), optionally filtered by name.
    ///
    /// - Parameters:
    ///   - search: A case-insensitive filter on provider names (letters, digits, spaces and `~:.@_-`).
    ///   - connectSessionToken: Kept for parity with the Node SDK. Nango refuses it (400) from a client that
    ///     authenticates with a secret key, as this one does, and it would travel in the URL: leave it `nil`.
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
}
