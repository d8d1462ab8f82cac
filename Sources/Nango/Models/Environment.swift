/// A variable of the environment, from ``NangoClient/getEnvironmentVariables()``. The value never prints: it may
/// be a secret.
public struct EnvironmentVariable: Codable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The variable's name.
    public var name: String
    /// The variable's value.
    public var value: String

    /// Creates a variable.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// `EnvironmentVariable(name: NAME, secrets: <redacted>)`.
    public var description: String { Redacted.describe("EnvironmentVariable", ["name": name]) }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror with the name only, for `dump`.
    public var customMirror: Mirror { Redacted.mirror(self, ["name": name]) }
}

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

/// The scripts deployed for one integration.
public struct IntegrationScriptsConfig: Codable, Hashable, Sendable {
    /// The integration's unique key.
    public var providerConfigKey: String
    /// The provider (API) name.
    public var provider: String?
    /// The syncs.
    public var syncs: [ScriptDefinition]
    /// The actions.
    public var actions: [ScriptDefinition]
    /// The on-event scripts (`on-events`), as sent.
    public var onEvents: [JSONValue]
    /// Fields this version of the SDK does not model, kept so that they survive a decode and encode.
    public var additionalFields: [String: JSONValue]

    /// Creates a configuration.
    public init(
        providerConfigKey: String,
        provider: String? = nil,
        syncs: [ScriptDefinition] = [],
        actions: [ScriptDefinition] = [],
        onEvents: [JSONValue] = [],
        additionalFields: [String: JSONValue] = [:]
    ) {
        self.providerConfigKey = providerConfigKey
        self.provider = provider
        self.syncs = syncs
        self.actions = actions
        self.onEvents = onEvents
        self.additionalFields = additionalFields
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case providerConfigKey, provider, syncs, actions
        case onEvents = "on-events"
    }

    /// Decodes a configuration; missing lists become empty, unknown fields are kept.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        providerConfigKey = try container.decode(String.self, forKey: .providerConfigKey)
        provider = try container.decodeIfPresent(String.self, forKey: .provider)
        syncs = try container.decodeIfPresent([ScriptDefinition].self, forKey: .syncs) ?? []
        actions = try container.decodeIfPresent([ScriptDefinition].self, forKey: .actions) ?? []
        onEvents = try container.decodeIfPresent([JSONValue].self, forKey: .onEvents) ?? []
        additionalFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    /// Encodes the configuration as Nango spells it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(providerConfigKey, forKey: .providerConfigKey)
        try container.encodeIfPresent(provider, forKey: .provider)
        try container.encode(syncs, forKey: .syncs)
        try container.encode(actions, forKey: .actions)
        try container.encode(onEvents, forKey: .onEvents)
        try encoder.encodeUnknownFields(additionalFields)
    }
}

/// A deployed sync or action script.
public struct ScriptDefinition: Codable, Hashable, Sendable {
    /// The script's name.
    public var name: String
    /// `sync` or `action`.
    public var type: String?
    /// What it does.
    public var description: String?
    /// Its version.
    public var version: String?
    /// For a sync, how often it runs.
    public var runs: String?
    /// Whether it is enabled.
    public var enabled: Bool?
    /// For a sync, whether it starts with new connections.
    public var autoStart: Bool?
    /// For a sync, whether it detects deletions.
    public var trackDeletes: Bool?
    /// The scopes it needs.
    public var scopes: [String]?
    /// Its input model.
    public var input: JSONValue?
    /// What it returns (model names for a sync, a model for an action).
    public var returns: JSONValue?
    /// The endpoints it exposes.
    public var endpoints: [JSONValue]?
    /// The JSON schema of its models.
    public var jsonSchema: JSONValue?
    /// When it was last deployed, as Nango wrote it.
    public var lastDeployed: String?
    /// Fields this version of the SDK does not model, kept so that they survive a decode and encode.
    public var additionalFields: [String: JSONValue]

    /// Creates a definition.
    public init(name: String, type: String? = nil, additionalFields: [String: JSONValue] = [:]) {
        self.name = name
        self.type = type
        self.additionalFields = additionalFields
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case name, type, description, version, runs, enabled, scopes, input, returns, endpoints
        case autoStart = "auto_start"
        case trackDeletes = "track_deletes"
        case jsonSchema = "json_schema"
        case lastDeployed = "last_deployed"
    }

    /// Decodes a definition, keeping unknown fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        version = try container.decodeIfPresent(String.self, forKey: .version)
        runs = try container.decodeIfPresent(String.self, forKey: .runs)
        enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled)
        autoStart = try container.decodeIfPresent(Bool.self, forKey: .autoStart)
        trackDeletes = try container.decodeIfPresent(Bool.self, forKey: .trackDeletes)
        scopes = try container.decodeIfPresent([String].self, forKey: .scopes)
        input = try container.decodeIfPresent(JSONValue.self, forKey: .input)
        returns = try container.decodeIfPresent(JSONValue.self, forKey: .returns)
        endpoints = try container.decodeIfPresent([JSONValue].self, forKey: .endpoints)
        jsonSchema = try container.decodeIfPresent(JSONValue.self, forKey: .jsonSchema)
        lastDeployed = try container.decodeIfPresent(String.self, forKey: .lastDeployed)
        additionalFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    /// Encodes the definition as Nango spells it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(version, forKey: .version)
        try container.encodeIfPresent(runs, forKey: .runs)
        try container.encodeIfPresent(enabled, forKey: .enabled)
        try container.encodeIfPresent(autoStart, forKey: .autoStart)
        try container.encodeIfPresent(trackDeletes, forKey: .trackDeletes)
        try container.encodeIfPresent(scopes, forKey: .scopes)
        try container.encodeIfPresent(input, forKey: .input)
        try container.encodeIfPresent(returns, forKey: .returns)
        try container.encodeIfPresent(endpoints, forKey: .endpoints)
        try container.encodeIfPresent(jsonSchema, forKey: .jsonSchema)
        try container.encodeIfPresent(lastDeployed, forKey: .lastDeployed)
        try encoder.encodeUnknownFields(additionalFields)
    }
}

/// An action described for OpenAI function calling.
public struct OpenAIFunction: Codable, Hashable, Sendable {
    /// The function's name.
    public var name: String
    /// What it does.
    public var description: String?
    /// Its parameters, as a JSON schema.
    public var parameters: JSONValue?

    /// Creates a function.
    public init(name: String, description: String? = nil, parameters: JSONValue? = nil) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }
}

struct OpenAIFunctionList: Decodable {
    var data: [OpenAIFunction]
}
