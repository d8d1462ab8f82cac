public import Foundation

/// An integration: one configured API (provider) of your Nango environment.
public struct Integration: Codable, Hashable, Sendable {
    /// The integration's unique key (provider config key).
    public var uniqueKey: String
    /// The provider (API) name, e.g. `github`.
    public var provider: String
    /// The display name.
    public var displayName: String?
    /// The URL of the provider's logo.
    public var logo: String?
    /// Whether webhooks from the provider are forwarded to your backend.
    public var forwardWebhooks: Bool?
    /// When it was created.
    public var createdAt: Date
    /// When it was last updated.
    public var updatedAt: Date
    /// The URL to register with the provider for webhooks (with `include: [.webhook]`).
    public var webhookURL: String?
    /// The OAuth app's or API's credentials (with `include: [.credentials]`). Never printed.
    public var credentials: IntegrationCredentials?
    /// Fields this version of the SDK does not model (`credentials_label`, ...), kept so that they survive a
    /// decode and encode.
    public var additionalFields: [String: JSONValue]

    /// Creates an integration (for tests).
    public init(
        uniqueKey: String,
        provider: String,
        displayName: String? = nil,
        logo: String? = nil,
        forwardWebhooks: Bool? = nil,
        createdAt: Date,
        updatedAt: Date,
        webhookURL: String? = nil,
        credentials: IntegrationCredentials? = nil,
        additionalFields: [String: JSONValue] = [:]
    ) {
        self.uniqueKey = uniqueKey
        self.provider = provider
        self.displayName = displayName
        self.logo = logo
        self.forwardWebhooks = forwardWebhooks
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.webhookURL = webhookURL
        self.credentials = credentials
        self.additionalFields = additionalFields
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case provider, logo, credentials
        case uniqueKey = "unique_key"
        case displayName = "display_name"
        case forwardWebhooks = "forward_webhooks"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case webhookURL = "webhook_url"
    }

    /// Decodes an integration, keeping unknown fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uniqueKey = try container.decode(String.self, forKey: .uniqueKey)
        provider = try container.decode(String.self, forKey: .provider)
        displayName = try container.decodeIfPresent(String.self, forKey: .displayName)
        logo = try container.decodeIfPresent(String.self, forKey: .logo)
        forwardWebhooks = try container.decodeIfPresent(Bool.self, forKey: .forwardWebhooks)
        createdAt = try container.decodeISO8601(forKey: .createdAt)
        updatedAt = try container.decodeISO8601(forKey: .updatedAt)
        webhookURL = try container.decodeIfPresent(String.self, forKey: .webhookURL)
        credentials = try container.decodeIfPresent(IntegrationCredentials.self, forKey: .credentials)
        additionalFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    /// Encodes the integration as Nango spells it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(uniqueKey, forKey: .uniqueKey)
        try container.encode(provider, forKey: .provider)
        try container.encodeIfPresent(displayName, forKey: .displayName)
        try container.encodeIfPresent(logo, forKey: .logo)
        try container.encodeIfPresent(forwardWebhooks, forKey: .forwardWebhooks)
        try container.encodeISO8601(createdAt, forKey: .createdAt)
        try container.encodeISO8601(updatedAt, forKey: .updatedAt)
        try container.encodeIfPresent(webhookURL, forKey: .webhookURL)
        try container.encodeIfPresent(credentials, forKey: .credentials)
        try encoder.encodeUnknownFields(additionalFields)
    }
}

/// The credentials of an integration: an OAuth app (`OAUTH1`, `OAUTH2`, `TBA`), a GitHub App (`APP`), or both
/// (`CUSTOM`). Secrets never print.
public struct IntegrationCredentials: Codable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// `OAUTH1`, `OAUTH2`, `TBA`, `APP` or `CUSTOM`.
    public var type: AuthMode
    /// The OAuth client id.
    public var clientID: String?
    /// The OAuth client secret.
    public var clientSecret: String?
    /// Comma-separated OAuth scopes.
    public var scopes: String?
    /// The secret the provider signs its webhooks with.
    public var webhookSecret: String?
    /// The GitHub App id.
    public var appID: String?
    /// The GitHub App's public link.
    public var appLink: String?
    /// The GitHub App's private key (PEM).
    public var privateKey: String?
    /// Fields this version of the SDK does not model, kept so that they survive a decode and encode.
    public var additionalFields: [String: JSONValue]

    /// Creates credentials of any type.
    public init(
        type: AuthMode,
        clientID: String? = nil,
        clientSecret: String? = nil,
        scopes: String? = nil,
        webhookSecret: String? = nil,
        appID: String? = nil,
        appLink: String? = nil,
        privateKey: String? = nil,
        additionalFields: [String: JSONValue] = [:]
    ) {
        self.type = type
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scopes = scopes
        self.webhookSecret = webhookSecret
        self.appID = appID
        self.appLink = appLink
        self.privateKey = privateKey
        self.additionalFields = additionalFields
    }

    /// An OAuth 2 app.
    public static func oauth2(clientID: String, clientSecret: String, scopes: [String] = [], webhookSecret: String? = nil) -> Self {
        Self(type: .oauth2, clientID: clientID, clientSecret: clientSecret,
             scopes: scopes.isEmpty ? nil : scopes.joined(separator: ","), webhookSecret: webhookSecret)
    }

    /// An OAuth 1 app.
    public static func oauth1(clientID: String, clientSecret: String, scopes: [String] = [], webhookSecret: String? = nil) -> Self {
        Self(type: .oauth1, clientID: clientID, clientSecret: clientSecret,
             scopes: scopes.isEmpty ? nil : scopes.joined(separator: ","), webhookSecret: webhookSecret)
    }

    /// A GitHub App.
    public static func app(appID: String, appLink: String, privateKey: String) -> Self {
        Self(type: .app, appID: appID, appLink: appLink, privateKey: privateKey)
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case type, scopes
        case clientID = "client_id"
        case clientSecret = "client_secret"
        case webhookSecret = "webhook_secret"
        case appID = "app_id"
        case appLink = "app_link"
        case privateKey = "private_key"
    }

    /// Decodes credentials, keeping unknown fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(AuthMode.self, forKey: .type)
        clientID = try container.decodeIfPresent(String.self, forKey: .clientID)
        clientSecret = try container.decodeIfPresent(String.self, forKey: .clientSecret)
        scopes = try container.decodeIfPresent(String.self, forKey: .scopes)
        webhookSecret = try container.decodeIfPresent(String.self, forKey: .webhookSecret)
        appID = try container.decodeIfPresent(String.self, forKey: .appID)
        appLink = try container.decodeIfPresent(String.self, forKey: .appLink)
        privateKey = try container.decodeIfPresent(String.self, forKey: .privateKey)
        additionalFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    /// Encodes the credentials, omitting absent fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encodeIfPresent(clientID, forKey: .clientID)
        try container.encodeIfPresent(clientSecret, forKey: .clientSecret)
        try container.encodeIfPresent(scopes, forKey: .scopes)
        try container.encodeIfPresent(webhookSecret, forKey: .webhookSecret)
        try container.encodeIfPresent(appID, forKey: .appID)
        try container.encodeIfPresent(appLink, forKey: .appLink)
        try container.encodeIfPresent(privateKey, forKey: .privateKey)
        try encoder.encodeUnknownFields(additionalFields)
    }

    /// The type and non-secret fields.
    public var description: String {
        Redacted.describe("IntegrationCredentials", ["type": type, "clientID": clientID, "appID": appID, "scopes": scopes])
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror of the non-secret fields only, for `dump`.
    public var customMirror: Mirror {
        Redacted.mirror(self, ["type": type, "clientID": clientID, "appID": appID, "scopes": scopes])
    }
}

/// What ``NangoClient/getIntegration(uniqueKey:include:)`` adds to the integration.
public enum IntegrationInclude: String, Sendable, Hashable, CaseIterable {
    /// The webhook URL.
    case webhook
    /// The credentials (needs a key with the `environment:integrations:read_credentials` scope).
    case credentials
}

/// A new integration, for ``NangoClient/createIntegration(_:)``.
public struct CreateIntegrationRequest: Encodable, Sendable, Hashable {
    /// The provider (API) name, e.g. `github`.
    public var provider: String
    /// Your unique key for the integration.
    public var uniqueKey: String
    /// The display name.
    public var displayName: String?
    /// Whether to forward the provider's webhooks (Nango's default: true).
    public var forwardWebhooks: Bool?
    /// The OAuth app's or API's credentials.
    public var credentials: IntegrationCredentials?
    /// Provider-specific configuration, for providers that declare one.
    public var integrationConfig: [String: String]?
    /// Free-form values.
    public var custom: [String: String]?

    /// Creates a request.
    public init(
        provider: String,
        uniqueKey: String,
        displayName: String? = nil,
        forwardWebhooks: Bool? = nil,
        credentials: IntegrationCredentials? = nil,
        integrationConfig: [String: String]? = nil,
        custom: [String: String]? = nil
    ) {
        self.provider = provider
        self.uniqueKey = uniqueKey
        self.displayName = displayName
        self.forwardWebhooks = forwardWebhooks
        self.credentials = credentials
        self.integrationConfig = integrationConfig
        self.custom = custom
    }

    private enum CodingKeys: String, CodingKey {
        case provider, credentials, custom
        case uniqueKey = "unique_key"
        case displayName = "display_name"
        case forwardWebhooks = "forward_webhooks"
        case integrationConfig = "integration_config"
    }
}

/// A quickstart integration, using a developer app Nango provides, for
/// ``NangoClient/createQuickstartIntegration(_:)``.
public struct QuickstartIntegrationRequest: Encodable, Sendable, Hashable {
    /// The provider (API) name.
    public var provider: String
    /// Your unique key for the integration.
    public var uniqueKey: String
    /// The display name.
    public var displayName: String?
    /// Whether to forward the provider's webhooks.
    public var forwardWebhooks: Bool?

    /// Creates a request.
    public init(provider: String, uniqueKey: String, displayName: String? = nil, forwardWebhooks: Bool? = nil) {
        self.provider = provider
        self.uniqueKey = uniqueKey
        self.displayName = displayName
        self.forwardWebhooks = forwardWebhooks
    }

    private enum CodingKeys: String, CodingKey {
        case provider
        case uniqueKey = "unique_key"
        case displayName = "display_name"
        case forwardWebhooks = "forward_webhooks"
    }
}

/// Changes to an integration, for ``NangoClient/updateIntegration(uniqueKey:_:)``; `nil` fields are left as
/// they are.
public struct IntegrationPatch: Encodable, Sendable, Hashable {
    /// A new unique key.
    public var uniqueKey: String?
    /// A new display name.
    public var displayName: String?
    /// Whether to forward the provider's webhooks.
    public var forwardWebhooks: Bool?
    /// New credentials.
    public var credentials: IntegrationCredentials?
    /// Provider-specific configuration (only the fields given change).
    public var integrationConfig: [String: String]?
    /// Free-form values.
    public var custom: [String: String]?

    /// Creates a patch.
    public init(
        uniqueKey: String? = nil,
        displayName: String? = nil,
        forwardWebhooks: Bool? = nil,
        credentials: IntegrationCredentials? = nil,
        integrationConfig: [String: String]? = nil,
        custom: [String: String]? = nil
    ) {
        self.uniqueKey = uniqueKey
        self.displayName = displayName
        self.forwardWebhooks = forwardWebhooks
        self.credentials = credentials
        self.integrationConfig = integrationConfig
        self.custom = custom
    }

    private enum CodingKeys: String, CodingKey {
        case credentials, custom
        case uniqueKey = "unique_key"
        case displayName = "display_name"
        case forwardWebhooks = "forward_webhooks"
        case integrationConfig = "integration_config"
    }
}




// An integration's custom config holds app private keys and client secrets; unknown fields may too.
extension Integration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private var shownFields: KeyValuePairs<String, Any?> {
        [
            "uniqueKey": uniqueKey, "provider": provider, "displayName": displayName,
            "credentials": credentials?.description, "createdAt": createdAt, "updatedAt": updatedAt,
            "additionalFieldKeys": Redacted.keys(additionalFields),
        ]
    }

    /// The integration's key, provider and name, its credentials redacted, and the keys of its unknown fields.
    public var description: String { Redacted.describe("Integration", shownFields) }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror with the fields of ``description`` only, for `dump`.
    public var customMirror: Mirror { Redacted.mirror(self, shownFields) }
}

extension CreateIntegrationRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private var shownFields: KeyValuePairs<String, Any?> {
        [
            "provider": provider, "uniqueKey": uniqueKey, "displayName": displayName,
            "credentials": credentials?.description, "integrationConfigKeys": Redacted.keys(integrationConfig),
            "customKeys": Redacted.keys(custom),
        ]
    }

    /// The request's provider, key and name; its credentials redacted and only the keys of its config.
    public var description: String { Redacted.describe("CreateIntegrationRequest", shownFields) }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror with the fields of ``description`` only, for `dump`.
    public var customMirror: Mirror { Redacted.mirror(self, shownFields) }
}

extension IntegrationPatch: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private var shownFields: KeyValuePairs<String, Any?> {
        [
            "uniqueKey": uniqueKey, "displayName": displayName, "credentials": credentials?.description,
            "integrationConfigKeys": Redacted.keys(integrationConfig), "customKeys": Redacted.keys(custom),
        ]
    }

    /// The patch's key and name; its credentials redacted and only the keys of its config.
    public var description: String { Redacted.describe("IntegrationPatch", shownFields) }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror with the fields of ``description`` only, for `dump`.
    public var customMirror: Mirror { Redacted.mirror(self, shownFields) }
}
