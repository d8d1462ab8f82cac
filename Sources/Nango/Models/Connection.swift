public import Foundation

/// A connection with its credentials, as returned by ``NangoClient/getConnection(providerConfigKey:connectionID:forceRefresh:refreshToken:refreshGitHubAppJWTToken:)``.
///
/// Nothing secret prints: the credentials' `description` and mirror are redacted.
public struct Connection: Codable, Hashable, Sendable {
    /// Nango's internal numeric id.
    public var id: Int64
    /// The connection id you (or Nango) chose.
    public var connectionID: String
    /// The integration's unique key (provider config key).
    public var providerConfigKey: String
    /// The provider (API) name, e.g. `github`.
    public var provider: String
    /// Problems Nango recorded on the connection.
    public var errors: [ConnectionError]
    /// The end user (deprecated by Nango in favour of ``tags``).
    public var endUser: EndUser?
    /// The connection's tags (lowercase keys).
    public var tags: [String: String]
    /// Your custom metadata; `nil` when there is none.
    public var metadata: [String: JSONValue]?
    /// Provider-specific configuration (subdomain, account id, ...).
    public var connectionConfig: [String: JSONValue]
    /// A webhook URL that replaces the environment's for this connection.
    public var webhookURLOverride: String?
    /// When the connection was created.
    public var createdAt: Date
    /// When the connection was last updated.
    public var updatedAt: Date
    /// When the credentials were last read.
    public var lastFetchedAt: Date?
    /// The credentials.
    public var credentials: Credentials
    /// Fields this version of the SDK does not model, kept so that they survive a decode and encode.
    public var additionalFields: [String: JSONValue]

    /// Creates a connection (for tests and fixtures).
    public init(
        id: Int64,
        connectionID: String,
        providerConfigKey: String,
        provider: String,
        errors: [ConnectionError] = [],
        endUser: EndUser? = nil,
        tags: [String: String] = [:],
        metadata: [String: JSONValue]? = nil,
        connectionConfig: [String: JSONValue] = [:],
        webhookURLOverride: String? = nil,
        createdAt: Date,
        updatedAt: Date,
        lastFetchedAt: Date? = nil,
        credentials: Credentials,
        additionalFields: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.connectionID = connectionID
        self.providerConfigKey = providerConfigKey
        self.provider = provider
        self.errors = errors
        self.endUser = endUser
        self.tags = tags
        self.metadata = metadata
        self.connectionConfig = connectionConfig
        self.webhookURLOverride = webhookURLOverride
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.lastFetchedAt = lastFetchedAt
        self.credentials = credentials
        self.additionalFields = additionalFields
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case id, provider, errors, tags, metadata, credentials
        case connectionID = "connection_id"
        case providerConfigKey = "provider_config_key"
        case endUser = "end_user"
        case connectionConfig = "connection_config"
        case webhookURLOverride = "webhook_url_override"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case lastFetchedAt = "last_fetched_at"
    }

    /// Decodes a connection; missing lists and maps become empty, unknown fields are kept.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        connectionID = try container.decode(String.self, forKey: .connectionID)
        providerConfigKey = try container.decode(String.self, forKey: .providerConfigKey)
        provider = try container.decode(String.self, forKey: .provider)
        errors = try container.decodeIfPresent([ConnectionError].self, forKey: .errors) ?? []
        endUser = try container.decodeIfPresent(EndUser.self, forKey: .endUser)
        tags = try container.decodeIfPresent([String: String].self, forKey: .tags) ?? [:]
        metadata = try container.decodeIfPresent([String: JSONValue].self, forKey: .metadata)
        connectionConfig = try container.decodeIfPresent([String: JSONValue].self, forKey: .connectionConfig) ?? [:]
        webhookURLOverride = try container.decodeIfPresent(String.self, forKey: .webhookURLOverride)
        createdAt = try container.decodeISO8601(forKey: .createdAt)
        updatedAt = try container.decodeISO8601(forKey: .updatedAt)
        lastFetchedAt = try container.decodeISO8601IfPresent(forKey: .lastFetchedAt)
        credentials = try container.decodeIfPresent(Credentials.self, forKey: .credentials) ?? .empty
        additionalFields = try decoder.unknownFields(excluding: Set(CodingKeys.allCases.map(\.rawValue)))
    }

    /// Encodes the connection as Nango spells it (nullable fields as `null`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(connectionID, forKey: .connectionID)
        try container.encode(providerConfigKey, forKey: .providerConfigKey)
        try container.encode(provider, forKey: .provider)
        try container.encode(errors, forKey: .errors)
        try container.encode(endUser, forKey: .endUser)
        try container.encode(tags, forKey: .tags)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(connectionConfig, forKey: .connectionConfig)
        try container.encode(webhookURLOverride, forKey: .webhookURLOverride)
        try container.encodeISO8601(createdAt, forKey: .createdAt)
        try container.encodeISO8601(updatedAt, forKey: .updatedAt)
        if let lastFetchedAt {
            try container.encodeISO8601(lastFetchedAt, forKey: .lastFetchedAt)
        } else {
            try container.encodeNil(forKey: .lastFetchedAt)
        }
        try container.encode(credentials, forKey: .credentials)
        try encoder.encodeUnknownFields(additionalFields)
    }
}

/// A connection as listed by ``NangoClient/listConnections(_:)`` (no credentials).
public struct ConnectionSummary: Codable, Hashable, Sendable {
    /// Nango's internal numeric id.
    public var id: Int64
    /// The connection id.
    public var connectionID: String
    /// The integration's unique key.
    public var providerConfigKey: String
    /// The provider (API) name.
    public var provider: String
    /// When the connection was created.
    public var created: Date
    /// Your custom metadata; `nil` when there is none.
    public var metadata: [String: JSONValue]?
    /// The connection's tags.
    public var tags: [String: String]
    /// Problems Nango recorded on the connection.
    public var errors: [ConnectionError]
    /// The end user (deprecated by Nango in favour of ``tags``).
    public var endUser: EndUser?
    /// Fields this version of the SDK does not model, kept so that they survive a decode and encode.
    public var additionalFields: [String: JSONValue]

    /// Creates a summary (for tests and fixtures).
    public init(
        id: Int64,
        connectionID: String,
        providerConfigKey: String,
        provider: String,
        created: Date,
        metadata: [String: JSONValue]? = nil,
        tags: [String: String] = [:],
        errors: [ConnectionError] = [],
        endUser: EndUser? = nil,
        additionalFields: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.connectionID = connectionID
        self.providerConfigKey = providerConfigKey
        self.provider = provider
        self.created = created
        self.metadata = metadata
        self.tags = tags
        self.errors = errors
        self.endUser = endUser
        self.additionalFields = additionalFields
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case id, provider, created, metadata, tags, errors
        case connectionID = "connection_id"
        case providerConfigKey = "provider_config_key"
        case endUser = "end_user"
    }

    /// Decodes a list item; missing lists and maps become empty, unknown fields are kept.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        connectionID = try container.decode(String.self, forKey: .connectionID)
        providerConfigKey = try container.decode(String.self, forKey: .providerConfigKey)
        provider = try container.decode(String.self, forKey: .provider)
        created = try container.decodeISO8601(forKey: .created)
        metadata = try container.decodeIfPresent([String: JSONValue].self, forKey: .metadata)
        tags = try container.decodeIfPresent([String: String].self, forKey: .tags) ?? [:]
        errors = try container.decodeIfPresent([ConnectionError].self, forKey: .errors) ?? []
        endUser = try container.decodeIfPresent(EndUser.self, forKey: .endUser)
        additionalFields = try decoder.unknownFields(excluding: Set(CodingKeys.allCases.map(\.rawValue)))
    }

    /// Encodes the item as Nango spells it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(connectionID, forKey: .connectionID)
        try container.encode(providerConfigKey, forKey: .providerConfigKey)
        try container.encode(provider, forKey: .provider)
        try container.encodeISO8601(created, forKey: .created)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(tags, forKey: .tags)
        try container.encode(errors, forKey: .errors)
        try container.encode(endUser, forKey: .endUser)
        try encoder.encodeUnknownFields(additionalFields)
    }
}

/// The response of ``NangoClient/listConnections(_:)``.
public struct ConnectionList: Codable, Hashable, Sendable {
    /// The connections of this page.
    public var connections: [ConnectionSummary]

    /// Creates a list.
    public init(connections: [ConnectionSummary]) {
        self.connections = connections
    }
}

// Connection config holds provider keys and OAuth client-secret overrides, metadata and unknown fields may hold
// anything: their keys print, never their values.
extension Connection: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private var shownFields: KeyValuePairs<String, Any?> {
        [
            "id": id, "connectionID": connectionID, "providerConfigKey": providerConfigKey, "provider": provider,
            "credentials": credentials.description, "connectionConfigKeys": Redacted.keys(connectionConfig),
            "metadataKeys": Redacted.keys(metadata), "tags": tags.isEmpty ? nil : tags, "endUserID": endUser?.id,
            "errors": errors.isEmpty ? nil : errors.count, "createdAt": createdAt, "updatedAt": updatedAt,
            "additionalFieldKeys": Redacted.keys(additionalFields),
        ]
    }

    /// The connection's ids, provider, credential type and the keys (never the values) of its config, metadata
    /// and unknown fields.
    public var description: String { Redacted.describe("Connection", shownFields) }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror with the fields of ``description`` only, for `dump`.
    public var customMirror: Mirror { Redacted.mirror(self, shownFields) }
}

extension ConnectionSummary: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private var shownFields: KeyValuePairs<String, Any?> {
        [
            "id": id, "connectionID": connectionID, "providerConfigKey": providerConfigKey, "provider": provider,
            "metadataKeys": Redacted.keys(metadata), "tags": tags.isEmpty ? nil : tags, "endUserID": endUser?.id,
            "errors": errors.isEmpty ? nil : errors.count, "created": created,
            "additionalFieldKeys": Redacted.keys(additionalFields),
        ]
    }

    /// The summary's ids and provider, and the keys (never the values) of its metadata and unknown fields.
    public var description: String { Redacted.describe("ConnectionSummary", shownFields) }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror with the fields of ``description`` only, for `dump`.
    public var customMirror: Mirror { Redacted.mirror(self, shownFields) }
}
