import Foundation

extension IntegrationCredentials {
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
