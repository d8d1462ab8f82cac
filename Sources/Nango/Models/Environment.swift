/// The two formats of ``NangoClient/getScriptsConfig(format:)``.
public enum ScriptsConfigFormat: String, Sendable, Hashable {
    /// Nango's own: one entry per integration, with its syncs, actions and on-event scripts.
    case nango
    /// OpenAI function-calling definitions of the actions.
    case openAI = "openai"
}

/// The deployed scripts, in the format asked for.
public enum ScriptsConfig: Sendable, Hashable {
    /// Nango's format.
    case nango([IntegrationScriptsConfig])
    /// OpenAI function definitions.
    case openAI([OpenAIFunction])

    /// The integrations, in Nango's format (empty for the OpenAI format).
    public var integrations: [IntegrationScriptsConfig] {
        if case .nango(let integrations) = self { return integrations }
        return []
    }

    /// The functions, in the OpenAI format (empty for Nango's format).
    public var functions: [OpenAIFunction] {
        if case .openAI(let functions) = self { return functions }
        return []
    }
}
