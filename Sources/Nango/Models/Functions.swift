public import Foundation

/// A function (sync, action or on-event script): deployed to an integration, or a template of the catalog.
public struct NangoFunction: Codable, Hashable, Sendable {
    /// The function's name.
    public var name: String
    /// `sync`, `action` or `on-event`.
    public var type: FunctionType
    /// What it does.
    public var description: String?
    /// The scopes it needs.
    public var scopes: [String]?
    /// Its input model.
    public var input: String?
    /// The models it returns.
    public var returns: [String]?
    /// The JSON schema of its models.
    public var jsonSchema: JSONValue?
    /// For a sync, how often it runs.
    public var runs: String?
    /// For a sync, whether it starts with new connections.
    public var autoStart: Bool?
    /// For a sync, whether it detects deletions.
    public var trackDeletes: Bool?
    /// For an on-event script, the event.
    public var event: String?
    /// For a deployed function, its id.
    public var id: Int64?
    /// For a deployed function, whether it is enabled.
    public var enabled: Bool?
    /// For a deployed function, when it was last deployed.
    public var lastDeployed: Date?
    /// For a deployed function, where it comes from: `catalog`, `standalone` or `repo`.
    public var source: String?
    /// Fields this version of the SDK does not model, kept so that they survive a decode and encode.
    public var additionalFields: [String: JSONValue]

    /// Creates a function (for tests).
    public init(name: String, type: FunctionType, additionalFields: [String: JSONValue] = [:]) {
        self.name = name
        self.type = type
        self.additionalFields = additionalFields
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case name, type, description, scopes, input, returns, runs, event, id, enabled, source
        case jsonSchema = "json_schema"
        case autoStart = "auto_start"
        case trackDeletes = "track_deletes"
        case lastDeployed = "last_deployed"
    }

    /// Decodes a function, keeping unknown fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        type = try container.decode(FunctionType.self, forKey: .type)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        scopes = try container.decodeIfPresent([String].self, forKey: .scopes)
        input = try container.decodeIfPresent(String.self, forKey: .input)
        returns = try container.decodeIfPresent([String].self, forKey: .returns)
        jsonSchema = try container.decodeIfPresent(JSONValue.self, forKey: .jsonSchema)
        runs = try container.decodeIfPresent(String.self, forKey: .runs)
        autoStart = try container.decodeIfPresent(Bool.self, forKey: .autoStart)
        trackDeletes = try container.decodeIfPresent(Bool.self, forKey: .trackDeletes)
        event = try container.decodeIfPresent(String.self, forKey: .event)
        id = try container.decodeIfPresent(Int64.self, forKey: .id)
        enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled)
        lastDeployed = try container.decodeISO8601IfPresent(forKey: .lastDeployed)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        additionalFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    /// Encodes the function as Nango spells it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(type, forKey: .type)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(scopes, forKey: .scopes)
        try container.encodeIfPresent(input, forKey: .input)
        try container.encodeIfPresent(returns, forKey: .returns)
        try container.encodeIfPresent(jsonSchema, forKey: .jsonSchema)
        try container.encodeIfPresent(runs, forKey: .runs)
        try container.encodeIfPresent(autoStart, forKey: .autoStart)
        try container.encodeIfPresent(trackDeletes, forKey: .trackDeletes)
        try container.encodeIfPresent(event, forKey: .event)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encodeIfPresent(enabled, forKey: .enabled)
        try container.encodeISO8601IfPresent(lastDeployed, forKey: .lastDeployed)
        try container.encodeIfPresent(source, forKey: .source)
        try encoder.encodeUnknownFields(additionalFields)
    }
}

/// A function's type. An open set.
public struct FunctionType: OpenEnumeration {
    /// The type as Nango spells it.
    public let rawValue: String

    /// Wraps a type.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `sync`.
    public static let sync: FunctionType = "sync"
    /// `action`.
    public static let action: FunctionType = "action"
    /// `on-event`.
    public static let onEvent: FunctionType = "on-event"
}

/// A page of ``NangoClient/listFunctions(uniqueKey:type:search:page:limit:)``.
public struct FunctionList: Decodable, Hashable, Sendable {
    /// The functions of this page.
    public var functions: [NangoFunction]
    /// How many functions match in all.
    public var total: Int
    /// This page's number, from 0.
    public var page: Int
    /// The page size.
    public var limit: Int

    private enum CodingKeys: String, CodingKey {
        case data, pagination
    }

    private struct Pagination: Decodable {
        var total: Int
        var page: Int
        var limit: Int
    }

    /// Decodes `{data, pagination: {total, page, limit}}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        functions = try container.decode([NangoFunction].self, forKey: .data)
        let pagination = try container.decode(Pagination.self, forKey: .pagination)
        total = pagination.total
        page = pagination.page
        limit = pagination.limit
    }
}

/// A function's source code, from ``NangoClient/getFunctionCode(uniqueKey:name:type:)``.
public struct FunctionCode: Codable, Hashable, Sendable {
    /// The function's type.
    public var type: FunctionType
    /// The TypeScript source.
    public var code: String
}
