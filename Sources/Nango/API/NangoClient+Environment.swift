import HTTPTypes

extension NangoClient {
    /// Returns the environment's variables, as set in the Nango dashboard (`GET /environment-variables`). An empty
    /// answer is an empty list. Values never print.
    public func getEnvironmentVariables() async throws -> [EnvironmentVariable] {
        try await send(APIRequest(.get, [.literal("environment-variables")]), as: [EnvironmentVariable]?.self) ?? []
    }

    /// Returns the configuration of every deployed script (`GET /scripts/config`), in Nango's format (one entry
    /// per integration) or as OpenAI function definitions.
    ///
    /// ```swift
    /// let functions = try await nango.getScriptsConfig(format: .openAI).functions
    /// ```
    public func getScriptsConfig(format: ScriptsConfigFormat = .nango) async throws -> ScriptsConfig {
        let request = APIRequest(.get, [.literal("scripts"), .literal("config")], query: [.init("format", format.rawValue)])
        let raw = try await send(request)
        switch format {
        case .nango:
            return .nango(try decode([IntegrationScriptsConfig]?.self, from: raw, operation: request.operation) ?? [])
        case .openAI:
            // Nango answers `[]` instead of `{"data": []}` when nothing is deployed.
            if let empty = try? decode([JSONValue].self, from: raw, operation: request.operation), empty.isEmpty {
                return .openAI([])
            }
            return .openAI(try decode(OpenAIFunctionList.self, from: raw, operation: request.operation).data)
        }
    }
}
