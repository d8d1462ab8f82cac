public import Foundation

/// A new connect session, for ``NangoClient/createConnectSession(_:)``: the token your front end passes to Nango's
/// Connect UI.
public struct ConnectSessionRequest: Encodable, Sendable, Hashable {
    /// The end user (deprecated by Nango in favour of ``tags``; required unless ``tags`` is given).
    public var endUser: EndUser?
    /// The end user's organization (deprecated by Nango in favour of ``tags``).
    public var organization: EndUser.Organization?
    /// The integrations the user may connect; `nil` allows every one.
    public var allowedIntegrations: [String]?
    /// Per-integration defaults (scopes, authorization parameters, connection config).
    public var integrationsConfigDefaults: [String: IntegrationConfigDefaults]?
    /// Per-integration overrides of the Connect UI.
    public var overrides: [String: ConnectUIOverride]?
    /// The webhook URL for the connection this session creates.
    public var webhookURLOverride: String?
    /// Tags for the connection this session creates.
    public var tags: [String: String]?

    /// Creates a request.
    public init(
        endUser: EndUser? = nil,
        organization: EndUser.Organization? = nil,
        allowedIntegrations: [String]? = nil,
        integrationsConfigDefaults: [String: IntegrationConfigDefaults]? = nil,
        overrides: [String: ConnectUIOverride]? = nil,
        webhookURLOverride: String? = nil,
        tags: [String: String]? = nil
    ) {
        self.endUser = endUser
        self.organization = organization
        self.allowedIntegrations = allowedIntegrations
        self.integrationsConfigDefaults = integrationsConfigDefaults
        self.overrides = overrides
        self.webhookURLOverride = webhookURLOverride
        self.tags = tags
    }

    private enum CodingKeys: String, CodingKey {
        case organization, overrides, tags
        case endUser = "end_user"
        case allowedIntegrations = "allowed_integrations"
        case integrationsConfigDefaults = "integrations_config_defaults"
        case webhookURLOverride = "webhook_url_override"
    }
}

/// A session to reconnect an existing connection (new credentials, a manual refresh), for
/// ``NangoClient/createReconnectSession(_:)``. Only connections made through a connect session qualify.
public struct ReconnectSessionRequest: Encodable, Sendable, Hashable {
    /// The connection to reconnect.
    public var connectionID: String
    /// Its integration.
    public var integrationID: String
    /// The end user (deprecated by Nango in favour of ``tags``).
    public var endUser: EndUser?
    /// The end user's organization (deprecated by Nango in favour of ``tags``).
    public var organization: EndUser.Organization?
    /// Per-integration defaults.
    public var integrationsConfigDefaults: [String: IntegrationConfigDefaults]?
    /// Per-integration overrides of the Connect UI.
    public var overrides: [String: ConnectUIOverride]?
    /// The webhook URL for the connection.
    public var webhookURLOverride: String?
    /// Tags for the connection.
    public var tags: [String: String]?

    /// Creates a request.
    public init(
        connectionID: String,
        integrationID: String,
        endUser: EndUser? = nil,
        organization: EndUser.Organization? = nil,
        integrationsConfigDefaults: [String: IntegrationConfigDefaults]? = nil,
        overrides: [String: ConnectUIOverride]? = nil,
        webhookURLOverride: String? = nil,
        tags: [String: String]? = nil
    ) {
        self.connectionID = connectionID
        self.integrationID = integrationID
        self.endUser = endUser
        self.organization = organization
        self.integrationsConfigDefaults = integrationsConfigDefaults
        self.overrides = overrides
        self.webhookURLOverride = webhookURLOverride
        self.tags = tags
    }

    private enum CodingKeys: String, CodingKey {
        case organization, overrides, tags
        case connectionID = "connection_id"
        case integrationID = "integration_id"
        case endUser = "end_user"
        case integrationsConfigDefaults = "integrations_config_defaults"
        case webhookURLOverride = "webhook_url_override"
    }
}

/// Defaults for one integration in a connect session. The connection config may hold a client secret override,
/// so only its keys print.
public struct IntegrationConfigDefaults: Encodable, Sendable, Hashable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    /// User scopes (Slack).
    public var userScopes: String?
    /// Query parameters for the OAuth flow.
    public var authorizationParams: [String: String]?
    /// Connection configuration (`oauth_scopes_override`, `oauth_client_id_override`, ...).
    public var connectionConfig: [String: JSONValue]?

    /// Creates defaults.
    public init(userScopes: String? = nil, authorizationParams: [String: String]? = nil, connectionConfig: [String: JSONValue]? = nil) {
        self.userScopes = userScopes
        self.authorizationParams = authorizationParams
        self.connectionConfig = connectionConfig
    }

    /// The user scopes and the names (not values) of the parameters and config.
    public var description: String {
        Redacted.describe("IntegrationConfigDefaults", [
            "userScopes": userScopes,
            "authorizationParams": authorizationParams.map { $0.keys.sorted() },
            "connectionConfig": connectionConfig.map { $0.keys.sorted() },
        ])
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror of ``description``'s fields, for `dump`.
    public var customMirror: Mirror {
        Redacted.mirror(self, [
            "userScopes": userScopes,
            "authorizationParams": authorizationParams.map { $0.keys.sorted() },
            "connectionConfig": connectionConfig.map { $0.keys.sorted() },
        ])
    }

    private enum CodingKeys: String, CodingKey {
        case userScopes = "user_scopes"
        case authorizationParams = "authorization_params"
        case connectionConfig = "connection_config"
    }
}

/// An override of the Connect UI for one integration.
public struct ConnectUIOverride: Encodable, Sendable, Hashable {
    /// The documentation URL the Connect UI links to.
    public var docsConnect: String?

    /// Creates an override.
    public init(docsConnect: String? = nil) {
        self.docsConnect = docsConnect
    }

    private enum CodingKeys: String, CodingKey {
        case docsConnect = "docs_connect"
    }
}

/// A connect session: a short-lived token for Nango's Connect UI. The token (and the link, which contains it)
/// never print.
public struct ConnectSession: Decodable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The session token, for the front end (its ``ConnectSessionToken/value``).
    public var token: ConnectSessionToken
    /// A link that opens the Connect UI with the token (a "magic link").
    public var connectLink: String?
    /// When the token expires.
    public var expiresAt: Date

    /// Creates a session (for tests).
    public init(token: ConnectSessionToken, connectLink: String? = nil, expiresAt: Date) {
        self.token = token
        self.connectLink = connectLink
        self.expiresAt = expiresAt
    }

    /// Whether the token has expired at `date` (now by default).
    public func isExpired(at date: Date = Date()) -> Bool {
        date >= expiresAt
    }

    private enum CodingKeys: String, CodingKey {
        case token
        case connectLink = "connect_link"
        case expiresAt = "expires_at"
    }

    /// Decodes a session.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        token = ConnectSessionToken(try container.decode(String.self, forKey: .token))
        connectLink = try container.decodeIfPresent(String.self, forKey: .connectLink)
        expiresAt = try container.decodeISO8601(forKey: .expiresAt)
    }

    /// The expiry; the token and link are redacted.
    public var description: String { Redacted.describe("ConnectSession", ["expiresAt": expiresAt]) }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror of the expiry only, for `dump`.
    public var customMirror: Mirror { Redacted.mirror(self, ["expiresAt": expiresAt]) }
}

/// A connect session token: pass ``value`` to your front end. It never prints.
public struct ConnectSessionToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The token itself.
    public let value: String

    /// Wraps a token.
    public init(_ value: String) {
        self.value = value
    }

    /// `ConnectSessionToken(<redacted>)`.
    public var description: String { "ConnectSessionToken(\(Redaction.placeholder))" }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror with no children, for `dump`.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// How ``NangoClient/waitForConnection(providerConfigKey:endUserID:options:)`` polls. The default is the Node
/// SDK's: 30 checks, 10 seconds after the first and 2 seconds after each other.
public struct WaitForConnectionOptions: Sendable, Hashable {
    /// The wait after the first check.
    public var firstInterval: Duration
    /// The wait after every later check.
    public var interval: Duration
    /// The most checks.
    public var maximumAttempts: Int

    /// Creates options.
    public init(firstInterval: Duration = .seconds(10), interval: Duration = .seconds(2), maximumAttempts: Int = 30) {
        self.firstInterval = firstInterval
        self.interval = interval
        self.maximumAttempts = maximumAttempts
    }
}
