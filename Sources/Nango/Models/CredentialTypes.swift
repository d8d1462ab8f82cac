// Generated from a table of Nango's credential shapes (node-sdk-surface.md §3); edit the table, not the
// output, when a shape changes.

public import Foundation

/// OAuth 2 credentials (`OAUTH2`, also used by `MCP_OAUTH2` connections).
///
/// Secrets never print: `description`, `debugDescription` and `dump` show only the non-secret fields.
public struct OAuth2Credentials: Codable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The access token.
    public var accessToken: String
    /// The refresh token; present only when the connection was read with `refreshToken: true`.
    public var refreshToken: String?
    /// When the access token expires.
    public var expiresAt: Date?
    /// A client id and secret that replace the integration's for this connection.
    public var configOverride: OAuthClientOverride?
    /// The provider's raw token response.
    public var raw: JSONValue?
    /// Fields this version of the SDK does not model, kept so that they survive a decode and encode.
    public var additionalFields: [String: JSONValue]

    /// Creates the credentials (to import a connection, or in tests).
    public init(accessToken: String, refreshToken: String? = nil, expiresAt: Date? = nil, configOverride: OAuthClientOverride? = nil, raw: JSONValue? = nil, additionalFields: [String: JSONValue] = [:]) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.configOverride = configOverride
        self.raw = raw
        self.additionalFields = additionalFields
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case type
        case accessToken = "access_token"
        case refreshToken = "refresh_token"
        case expiresAt = "expires_at"
        case configOverride = "config_override"
        case raw
    }

    /// Decodes the credentials, keeping unknown fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accessToken = try container.decode(String.self, forKey: .accessToken)
        refreshToken = try container.decodeIfPresent(String.self, forKey: .refreshToken)
        expiresAt = try container.decodeISO8601IfPresent(forKey: .expiresAt)
        configOverride = try container.decodeIfPresent(OAuthClientOverride.self, forKey: .configOverride)
        raw = try container.decodeIfPresent(JSONValue.self, forKey: .raw)
        additionalFields = try decoder.unknownFields(excluding: Set(CodingKeys.allCases.map(\.rawValue)))
    }

    /// Encodes the credentials with `"type": "OAUTH2"` and any unknown fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("OAUTH2", forKey: .type)
        try container.encode(accessToken, forKey: .accessToken)
        try container.encodeIfPresent(refreshToken, forKey: .refreshToken)
        try container.encodeISO8601IfPresent(expiresAt, forKey: .expiresAt)
        try container.encodeIfPresent(configOverride, forKey: .configOverride)
        try container.encodeIfPresent(raw, forKey: .raw)
        try encoder.encodeUnknownFields(additionalFields)
    }

    /// The non-secret fields; secrets show as `<redacted>`.
    public var description: String { Redacted.describe("OAuth2Credentials", ["expiresAt": expiresAt]) }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror of the non-secret fields only, for `dump`.
    public var customMirror: Mirror { Redacted.mirror(self, ["expiresAt": expiresAt]) }
}

/// OAuth 1.0a credentials (`OAUTH1`).
///
/// Secrets never print: `description`, `debugDescription` and `dump` show only the non-secret fields.
public struct OAuth1Credentials: Codable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The OAuth token.
    public var oauthToken: String
    /// The OAuth token secret.
    public var oauthTokenSecret: String
    /// The provider's raw token response.
    public var raw: JSONValue?
    /// Fields this version of the SDK does not model, kept so that they survive a decode and encode.
    public var additionalFields: [String: JSONValue]

    /// Creates the credentials (to import a connection, or in tests).
    public init(oauthToken: String, oauthTokenSecret: String, raw: JSONValue? = nil, additionalFields: [String: JSONValue] = [:]) {
        self.oauthToken = oauthToken
        self.oauthTokenSecret = oauthTokenSecret
        self.raw = raw
        self.additionalFields = additionalFields
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case type
        case oauthToken = "oauth_token"
        case oauthTokenSecret = "oauth_token_secret"
        case raw
    }

    /// Decodes the credentials, keeping unknown fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        oauthToken = try container.decode(String.self, forKey: .oauthToken)
        oauthTokenSecret = try container.decode(String.self, forKey: .oauthTokenSecret)
        raw = try container.decodeIfPresent(JSONValue.self, forKey: .raw)
        additionalFields = try decoder.unknownFields(excluding: Set(CodingKeys.allCases.map(\.rawValue)))
    }

    /// Encodes the credentials with `"type": "OAUTH1"` and any unknown fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("OAUTH1", forKey: .type)
        try container.encode(oauthToken, forKey: .oauthToken)
        try container.encode(oauthTokenSecret, forKey: .oauthTokenSecret)
        try container.encodeIfPresent(raw, forKey: .raw)
        try encoder.encodeUnknownFields(additionalFields)
    }

    /// The non-secret fields; secrets show as `<redacted>`.
    public var description: String { Redacted.describe("OAuth1Credentials", [:]) }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror of the non-secret fields only, for `dump`.
    public var customMirror: Mirror { Redacted.mirror(self, [:]) }
}

/// OAuth 2 client-credentials grant (`OAUTH2_CC`).
///
/// Secrets never print: `description`, `debugDescription` and `dump` show only the non-secret fields.
public struct OAuth2ClientCredentials: Codable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The access token.
    public var token: String
    /// The OAuth client id.
    public var clientID: String
    /// The OAuth client secret.
    public var clientSecret: String
    /// A client certificate for mutual TLS.
    public var clientCertificate: String?
    /// The private key of the client certificate.
    public var clientPrivateKey: String?
    /// When the token expires.
    public var expiresAt: Date?
    /// The provider's raw token response.
    public var raw: JSONValue?
    /// Fields this version of the SDK does not model, kept so that they survive a decode and encode.
    public var additionalFields: [String: JSONValue]

    /// Creates the credentials (to import a connection, or in tests).
    public init(token: String, clientID: String, clientSecret: String, clientCertificate: String? = nil, clientPrivateKey: String? = nil, expiresAt: Date? = nil, raw: JSONValue? = nil, additionalFields: [String: JSONValue] = [:]) {
        self.token = token
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.clientCertificate = clientCertificate
        self.clientPrivateKey = clientPrivateKey
        self.expiresAt = expiresAt
        self.raw = raw
        self.additionalFields = additionalFields
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case type
        case token
        case clientID = "client_id"
        case clientSecret = "client_secret"
        case clientCertificate = "client_certificate"
        case clientPrivateKey = "client_private_key"
        case expiresAt = "expires_at"
        case raw
    }

    /// Decodes the credentials, keeping unknown fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        token = try container.decode(String.self, forKey: .token)
        clientID = try container.decode(String.self, forKey: .clientID)
        clientSecret = try container.decode(String.self, forKey: .clientSecret)
        clientCertificate = try container.decodeIfPresent(String.self, forKey: .clientCertificate)
        clientPrivateKey = try container.decodeIfPresent(String.self, forKey: .clientPrivateKey)
        expiresAt = try container.decodeISO8601IfPresent(forKey: .expiresAt)
        raw = try container.decodeIfPresent(JSONValue.self, forKey: .raw)
        additionalFields = try decoder.unknownFields(excluding: Set(CodingKeys.allCases.map(\.rawValue)))
    }

    /// Encodes the credentials with `"type": "OAUTH2_CC"` and any unknown fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("OAUTH2_CC", forKey: .type)
        try container.encode(token, forKey: .token)
        try container.encode(clientID, forKey: .clientID)
        try container.encode(clientSecret, forKey: .clientSecret)
        try container.encodeIfPresent(clientCertificate, forKey: .clientCertificate)
        try container.encodeIfPresent(clientPrivateKey, forKey: .clientPrivateKey)
        try container.encodeISO8601IfPresent(expiresAt, forKey: .expiresAt)
        try container.encodeIfPresent(raw, forKey: .raw)
        try encoder.encodeUnknownFields(additionalFields)
    }

    /// The non-secret fields; secrets show as `<redacted>`.
    public var description: String { Redacted.describe("OAuth2ClientCredentials", ["clientID": clientID, "expiresAt": expiresAt]) }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror of the non-secret fields only, for `dump`.
    public var customMirror: Mirror { Redacted.mirror(self, ["clientID": clientID, "expiresAt": expiresAt]) }
}

/// An API key (`API_KEY`).
///
/// Secrets never print: `description`, `debugDescription` and `dump` show only the non-secret fields.
public struct APIKeyCredentials: Codable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The API key.
    public var apiKey: String
    /// Fields this version of the SDK does not model, kept so that they survive a decode and encode.
    public var additionalFields: [String: JSONValue]

    /// Creates the credentials (to import a connection, or in tests).
    public init(apiKey: String, additionalFields: [String: JSONValue] = [:]) {
        self.apiKey = apiKey
        self.additionalFields = additionalFields
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case type
        case apiKey
    }

    /// Decodes the credentials, keeping unknown fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiKey = try container.decode(String.self, forKey: .apiKey)
        additionalFields = try decoder.unknownFields(excluding: Set(CodingKeys.allCases.map(\.rawValue)))
    }

    /// Encodes the credentials with `"type": "API_KEY"` and any unknown fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("API_KEY", forKey: .type)
        try container.encode(apiKey, forKey: .apiKey)
        try encoder.encodeUnknownFields(additionalFields)
    }

    /// The non-secret fields; secrets show as `<redacted>`.
    public var description: String { Redacted.describe("APIKeyCredentials", [:]) }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror of the non-secret fields only, for `dump`.
    public var customMirror: Mirror { Redacted.mirror(self, [:]) }
}

/// Basic authentication (`BASIC`). Connections made by an install plugin may carry other keys instead (see ``additionalFields``).
///
/// Secrets never print: `description`, `debugDescription` and `dump` show only the non-secret fields.
public struct BasicCredentials: Codable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The user name.
    public var username: String?
    /// The password.
    public var password: String?
    /// Fields this version of the SDK does not model, kept so that they survive a decode and encode.
    public var additionalFields: [String: JSONValue]

    /// Creates the credentials (to import a connection, or in tests).
    public init(username: String? = nil, password: String? = nil, additionalFields: [String: JSONValue] = [:]) {
        self.username = username
        self.password = password
        self.additionalFields = additionalFields
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case type
        case username
        case password
    }

    /// Decodes the credentials, keeping unknown fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        username = try container.decodeIfPresent(String.self, forKey: .username)
        password = try container.decodeIfPresent(String.self, forKey: .password)
        additionalFields = try decoder.unknownFields(excluding: Set(CodingKeys.allCases.map(\.rawValue)))
    }

    /// Encodes the credentials with `"type": "BASIC"` and any unknown fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("BASIC", forKey: .type)
        try container.encodeIfPresent(username, forKey: .username)
        try container.encodeIfPresent(password, forKey: .password)
        try encoder.encodeUnknownFields(additionalFields)
    }

    /// The non-secret fields; secrets show as `<redacted>`.
    public var description: String { Redacted.describe("BasicCredentials", ["username": username]) }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror of the non-secret fields only, for `dump`.
    public var customMirror: Mirror { Redacted.mirror(self, ["username": username]) }
}

/// GitHub App installation credentials (`APP`).
///
/// Secrets never print: `description`, `debugDescription` and `dump` show only the non-secret fields.
public struct AppCredentials: Codable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The installation access token.
    public var accessToken: String
    /// When the access token expires.
    public var expiresAt: Date?
    /// The app's JWT, when it was refreshed with `refreshGitHubAppJWTToken: true`.
    public var jwtToken: String?
    /// The provider's raw token response.
    public var raw: JSONValue?
    /// Fields this version of the SDK does not model, kept so that they survive a decode and encode.
    public var additionalFields: [String: JSONValue]

    /// Creates the credentials (to import a connection, or in tests).
    public init(accessToken: String, expiresAt: Date? = nil, jwtToken: String? = nil, raw: JSONValue? = nil, additionalFields: [String: JSONValue] = [:]) {
        self.accessToken = accessToken
        self.expiresAt = expiresAt
        self.jwtToken = jwtToken
        self.raw = raw
        self.additionalFields = additionalFields
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case type
        case accessToken = "access_token"
        case expiresAt = "expires_at"
        case jwtToken
        case raw
    }

    /// Decodes the credentials, keeping unknown fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accessToken = try container.decode(String.self, forKey: .accessToken)
        expiresAt = try container.decodeISO8601IfPresent(forKey: .expiresAt)
        jwtToken = try container.decodeIfPresent(String.self, forKey: .jwtToken)
        raw = try container.decodeIfPresent(JSONValue.self, forKey: .raw)
        additionalFields = try decoder.unknownFields(excluding: Set(CodingKeys.allCases.map(\.rawValue)))
    }

    /// Encodes the credentials with `"type": "APP"` and any unknown fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("APP", forKey: .type)
        try container.encode(accessToken, forKey: .accessToken)
        try container.encodeISO8601IfPresent(expiresAt, forKey: .expiresAt)
        try container.encodeIfPresent(jwtToken, forKey: .jwtToken)
        try container.encodeIfPresent(raw, forKey: .raw)
        try encoder.encodeUnknownFields(additionalFields)
    }

    /// The non-secret fields; secrets show as `<redacted>`.
    public var description: String { Redacted.describe("AppCredentials", ["expiresAt": expiresAt]) }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror of the non-secret fields only, for `dump`.
    public var customMirror: Mirror { Redacted.mirror(self, ["expiresAt": expiresAt]) }
}

/// Custom credentials (`CUSTOM`): either only `raw`, or a GitHub App combined with an OAuth user (``app`` and ``user``).
///
/// Secrets never print: `description`, `debugDescription` and `dump` show only the non-secret fields.
public struct CustomCredentials: Codable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The GitHub App part of a combined GitHub App OAuth connection.
    public var app: AppCredentials?
    /// The user part of a combined GitHub App OAuth connection (`nil` before the user authorised).
    public var user: OAuth2Credentials?
    /// The raw credentials.
    public var raw: JSONValue?
    /// Fields this version of the SDK does not model, kept so that they survive a decode and encode.
    public var additionalFields: [String: JSONValue]

    /// Creates the credentials (to import a connection, or in tests).
    public init(app: AppCredentials? = nil, user: OAuth2Credentials? = nil, raw: JSONValue? = nil, additionalFields: [String: JSONValue] = [:]) {
        self.app = app
        self.user = user
        self.raw = raw
        self.additionalFields = additionalFields
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case type
        case app
        case user
        case raw
    }

    /// Decodes the credentials, keeping unknown fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        app = try container.decodeIfPresent(AppCredentials.self, forKey: .app)
        user = try container.decodeIfPresent(OAuth2Credentials.self, forKey: .user)
        raw = try container.decodeIfPresent(JSONValue.self, forKey: .raw)
        additionalFields = try decoder.unknownFields(excluding: Set(CodingKeys.allCases.map(\.rawValue)))
    }

    /// Encodes the credentials with `"type": "CUSTOM"` and any unknown fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("CUSTOM", forKey: .type)
        try container.encodeIfPresent(app, forKey: .app)
        try container.encodeIfPresent(user, forKey: .user)
        try container.encodeIfPresent(raw, forKey: .raw)
        try encoder.encodeUnknownFields(additionalFields)
    }

    /// The non-secret fields; secrets show as `<redacted>`.
    public var description: String { Redacted.describe("CustomCredentials", ["app": app, "user": user]) }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror of the non-secret fields only, for `dump`.
    public var customMirror: Mirror { Redacted.mirror(self, ["app": app, "user": user]) }
}

/// NetSuite token-based authentication (`TBA`).
///
/// Secrets never print: `description`, `debugDescription` and `dump` show only the non-secret fields.
public struct TBACredentials: Codable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The token id.
    public var tokenID: String
    /// The token secret.
    public var tokenSecret: String
    /// A client id and secret that replace the integration's for this connection.
    public var configOverride: OAuthClientOverride?
    /// Fields this version of the SDK does not model, kept so that they survive a decode and encode.
    public var additionalFields: [String: JSONValue]

    /// Creates the credentials (to import a connection, or in tests).
    public init(tokenID: String, tokenSecret: String, configOverride: OAuthClientOverride? = nil, additionalFields: [String: JSONValue] = [:]) {
        self.tokenID = tokenID
        self.tokenSecret = tokenSecret
        self.configOverride = configOverride
        self.additionalFields = additionalFields
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case type
        case tokenID = "token_id"
        case tokenSecret = "token_secret"
        case configOverride = "config_override"
    }

    /// Decodes the credentials, keeping unknown fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        tokenID = try container.decode(String.self, forKey: .tokenID)
        tokenSecret = try container.decode(String.self, forKey: .tokenSecret)
        configOverride = try container.decodeIfPresent(OAuthClientOverride.self, forKey: .configOverride)
        additionalFields = try decoder.unknownFields(excluding: Set(CodingKeys.allCases.map(\.rawValue)))
    }

    /// Encodes the credentials with `"type": "TBA"` and any unknown fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("TBA", forKey: .type)
        try container.encode(tokenID, forKey: .tokenID)
        try container.encode(tokenSecret, forKey: .tokenSecret)
        try container.encodeIfPresent(configOverride, forKey: .configOverride)
        try encoder.encodeUnknownFields(additionalFields)
    }

    /// The non-secret fields; secrets show as `<redacted>`.
    public var description: String { Redacted.describe("TBACredentials", [:]) }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror of the non-secret fields only, for `dump`.
    public var customMirror: Mirror { Redacted.mirror(self, [:]) }
}

/// JWT credentials (`JWT`): an open set of provider-specific keys (``additionalFields``, for example `issuerId`, `privateKey`, `privateKeyId`) plus the generated token.
///
/// Secrets never print: `description`, `debugDescription` and `dump` show only the non-secret fields.
public struct JWTCredentials: Codable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The generated JWT.
    public var token: String?
    /// When the token expires.
    public var expiresAt: Date?
    /// Fields this version of the SDK does not model, kept so that they survive a decode and encode.
    public var additionalFields: [String: JSONValue]

    /// Creates the credentials (to import a connection, or in tests).
    public init(token: String? = nil, expiresAt: Date? = nil, additionalFields: [String: JSONValue] = [:]) {
        self.token = token
        self.expiresAt = expiresAt
        self.additionalFields = additionalFields
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case type
        case token
        case expiresAt = "expires_at"
    }

    /// Decodes the credentials, keeping unknown fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        token = try container.decodeIfPresent(String.self, forKey: .token)
        expiresAt = try container.decodeISO8601IfPresent(forKey: .expiresAt)
        additionalFields = try decoder.unknownFields(excluding: Set(CodingKeys.allCases.map(\.rawValue)))
    }

    /// Encodes the credentials with `"type": "JWT"` and any unknown fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("JWT", forKey: .type)
        try container.encodeIfPresent(token, forKey: .token)
        try container.encodeISO8601IfPresent(expiresAt, forKey: .expiresAt)
        try encoder.encodeUnknownFields(additionalFields)
    }

    /// The non-secret fields; secrets show as `<redacted>`.
    public var description: String { Redacted.describe("JWTCredentials", ["expiresAt": expiresAt]) }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror of the non-secret fields only, for `dump`.
    public var customMirror: Mirror { Redacted.mirror(self, ["expiresAt": expiresAt]) }
}

/// Bill.com credentials (`BILL`).
///
/// Secrets never print: `description`, `debugDescription` and `dump` show only the non-secret fields.
public struct BillCredentials: Codable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The user name.
    public var username: String
    /// The password.
    public var password: String
    /// The organization id.
    public var organizationID: String
    /// The developer key.
    public var devKey: String
    /// The current session id.
    public var sessionID: String?
    /// The user id.
    public var userID: String?
    /// When the session expires.
    public var expiresAt: Date?
    /// The provider's raw response.
    public var raw: JSONValue?
    /// Fields this version of the SDK does not model, kept so that they survive a decode and encode.
    public var additionalFields: [String: JSONValue]

    /// Creates the credentials (to import a connection, or in tests).
    public init(username: String, password: String, organizationID: String, devKey: String, sessionID: String? = nil, userID: String? = nil, expiresAt: Date? = nil, raw: JSONValue? = nil, additionalFields: [String: JSONValue] = [:]) {
        self.username = username
        self.password = password
        self.organizationID = organizationID
        self.devKey = devKey
        self.sessionID = sessionID
        self.userID = userID
        self.expiresAt = expiresAt
        self.raw = raw
        self.additionalFields = additionalFields
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case type
        case username
        case password
        case organizationID = "organization_id"
        case devKey = "dev_key"
        case sessionID = "session_id"
        case userID = "user_id"
        case expiresAt = "expires_at"
        case raw
    }

    /// Decodes the credentials, keeping unknown fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        username = try container.decode(String.self, forKey: .username)
        password = try container.decode(String.self, forKey: .password)
        organizationID = try container.decode(String.self, forKey: .organizationID)
        devKey = try container.decode(String.self, forKey: .devKey)
        sessionID = try container.decodeIfPresent(String.self, forKey: .sessionID)
        userID = try container.decodeIfPresent(String.self, forKey: .userID)
        expiresAt = try container.decodeISO8601IfPresent(forKey: .expiresAt)
        raw = try container.decodeIfPresent(JSONValue.self, forKey: .raw)
        additionalFields = try decoder.unknownFields(excluding: Set(CodingKeys.allCases.map(\.rawValue)))
    }

    /// Encodes the credentials with `"type": "BILL"` and any unknown fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("BILL", forKey: .type)
        try container.encode(username, forKey: .username)
        try container.encode(password, forKey: .password)
        try container.encode(organizationID, forKey: .organizationID)
        try container.encode(devKey, forKey: .devKey)
        try container.encodeIfPresent(sessionID, forKey: .sessionID)
        try container.encodeIfPresent(userID, forKey: .userID)
        try container.encodeISO8601IfPresent(expiresAt, forKey: .expiresAt)
        try container.encodeIfPresent(raw, forKey: .raw)
        try encoder.encodeUnknownFields(additionalFields)
    }

    /// The non-secret fields; secrets show as `<redacted>`.
    public var description: String { Redacted.describe("BillCredentials", ["username": username, "organizationID": organizationID, "userID": userID, "expiresAt": expiresAt]) }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror of the non-secret fields only, for `dump`.
    public var customMirror: Mirror { Redacted.mirror(self, ["username": username, "organizationID": organizationID, "userID": userID, "expiresAt": expiresAt]) }
}

/// Two-step credentials (`TWO_STEP`): an open set of provider-specific keys (``additionalFields``) plus the token obtained with them.
///
/// Secrets never print: `description`, `debugDescription` and `dump` show only the non-secret fields.
public struct TwoStepCredentials: Codable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The token.
    public var token: String?
    /// The refresh token.
    public var refreshToken: String?
    /// When the token expires.
    public var expiresAt: Date?
    /// The provider's raw response.
    public var raw: JSONValue?
    /// Fields this version of the SDK does not model, kept so that they survive a decode and encode.
    public var additionalFields: [String: JSONValue]

    /// Creates the credentials (to import a connection, or in tests).
    public init(token: String? = nil, refreshToken: String? = nil, expiresAt: Date? = nil, raw: JSONValue? = nil, additionalFields: [String: JSONValue] = [:]) {
        self.token = token
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.raw = raw
        self.additionalFields = additionalFields
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case type
        case token
        case refreshToken = "refresh_token"
        case expiresAt = "expires_at"
        case raw
    }

    /// Decodes the credentials, keeping unknown fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        token = try container.decodeIfPresent(String.self, forKey: .token)
        refreshToken = try container.decodeIfPresent(String.self, forKey: .refreshToken)
        expiresAt = try container.decodeISO8601IfPresent(forKey: .expiresAt)
        raw = try container.decodeIfPresent(JSONValue.self, forKey: .raw)
        additionalFields = try decoder.unknownFields(excluding: Set(CodingKeys.allCases.map(\.rawValue)))
    }

    /// Encodes the credentials with `"type": "TWO_STEP"` and any unknown fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("TWO_STEP", forKey: .type)
        try container.encodeIfPresent(token, forKey: .token)
        try container.encodeIfPresent(refreshToken, forKey: .refreshToken)
        try container.encodeISO8601IfPresent(expiresAt, forKey: .expiresAt)
        try container.encodeIfPresent(raw, forKey: .raw)
        try encoder.encodeUnknownFields(additionalFields)
    }

    /// The non-secret fields; secrets show as `<redacted>`.
    public var description: String { Redacted.describe("TwoStepCredentials", ["expiresAt": expiresAt]) }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror of the non-secret fields only, for `dump`.
    public var customMirror: Mirror { Redacted.mirror(self, ["expiresAt": expiresAt]) }
}

/// Signature-based credentials (`SIGNATURE`).
///
/// Secrets never print: `description`, `debugDescription` and `dump` show only the non-secret fields.
public struct SignatureCredentials: Codable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The user name.
    public var username: String
    /// The password.
    public var password: String
    /// The generated token.
    public var token: String?
    /// When the token expires.
    public var expiresAt: Date?
    /// Fields this version of the SDK does not model, kept so that they survive a decode and encode.
    public var additionalFields: [String: JSONValue]

    /// Creates the credentials (to import a connection, or in tests).
    public init(username: String, password: String, token: String? = nil, expiresAt: Date? = nil, additionalFields: [String: JSONValue] = [:]) {
        self.username = username
        self.password = password
        self.token = token
        self.expiresAt = expiresAt
        self.additionalFields = additionalFields
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case type
        case username
        case password
        case token
        case expiresAt = "expires_at"
    }

    /// Decodes the credentials, keeping unknown fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        username = try container.decode(String.self, forKey: .username)
        password = try container.decode(String.self, forKey: .password)
        token = try container.decodeIfPresent(String.self, forKey: .token)
        expiresAt = try container.decodeISO8601IfPresent(forKey: .expiresAt)
        additionalFields = try decoder.unknownFields(excluding: Set(CodingKeys.allCases.map(\.rawValue)))
    }

    /// Encodes the credentials with `"type": "SIGNATURE"` and any unknown fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("SIGNATURE", forKey: .type)
        try container.encode(username, forKey: .username)
        try container.encode(password, forKey: .password)
        try container.encodeIfPresent(token, forKey: .token)
        try container.encodeISO8601IfPresent(expiresAt, forKey: .expiresAt)
        try encoder.encodeUnknownFields(additionalFields)
    }

    /// The non-secret fields; secrets show as `<redacted>`.
    public var description: String { Redacted.describe("SignatureCredentials", ["username": username, "expiresAt": expiresAt]) }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror of the non-secret fields only, for `dump`.
    public var customMirror: Mirror { Redacted.mirror(self, ["username": username, "expiresAt": expiresAt]) }
}

/// AWS Signature Version 4 credentials (`AWS_SIGV4`), from an assumed role.
///
/// Secrets never print: `description`, `debugDescription` and `dump` show only the non-secret fields.
public struct AWSSigV4Credentials: Codable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The ARN of the assumed role.
    public var roleARN: String
    /// The AWS region.
    public var region: String
    /// The AWS service.
    public var service: String
    /// The temporary access key id.
    public var accessKeyID: String
    /// The temporary secret access key.
    public var secretAccessKey: String
    /// The session token.
    public var sessionToken: String?
    /// When the temporary credentials expire.
    public var expiresAt: Date?
    /// The external id used to assume the role.
    public var externalID: String?
    /// The raw response.
    public var raw: JSONValue?
    /// Fields this version of the SDK does not model, kept so that they survive a decode and encode.
    public var additionalFields: [String: JSONValue]

    /// Creates the credentials (to import a connection, or in tests).
    public init(roleARN: String, region: String, service: String, accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiresAt: Date? = nil, externalID: String? = nil, raw: JSONValue? = nil, additionalFields: [String: JSONValue] = [:]) {
        self.roleARN = roleARN
        self.region = region
        self.service = service
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiresAt = expiresAt
        self.externalID = externalID
        self.raw = raw
        self.additionalFields = additionalFields
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case type
        case roleARN = "role_arn"
        case region
        case service
        case accessKeyID = "access_key_id"
        case secretAccessKey = "secret_access_key"
        case sessionToken = "session_token"
        case expiresAt = "expires_at"
        case externalID = "external_id"
        case raw
    }

    /// Decodes the credentials, keeping unknown fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        roleARN = try container.decode(String.self, forKey: .roleARN)
        region = try container.decode(String.self, forKey: .region)
        service = try container.decode(String.self, forKey: .service)
        accessKeyID = try container.decode(String.self, forKey: .accessKeyID)
        secretAccessKey = try container.decode(String.self, forKey: .secretAccessKey)
        sessionToken = try container.decodeIfPresent(String.self, forKey: .sessionToken)
        expiresAt = try container.decodeISO8601IfPresent(forKey: .expiresAt)
        externalID = try container.decodeIfPresent(String.self, forKey: .externalID)
        raw = try container.decodeIfPresent(JSONValue.self, forKey: .raw)
        additionalFields = try decoder.unknownFields(excluding: Set(CodingKeys.allCases.map(\.rawValue)))
    }

    /// Encodes the credentials with `"type": "AWS_SIGV4"` and any unknown fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("AWS_SIGV4", forKey: .type)
        try container.encode(roleARN, forKey: .roleARN)
        try container.encode(region, forKey: .region)
        try container.encode(service, forKey: .service)
        try container.encode(accessKeyID, forKey: .accessKeyID)
        try container.encode(secretAccessKey, forKey: .secretAccessKey)
        try container.encodeIfPresent(sessionToken, forKey: .sessionToken)
        try container.encodeISO8601IfPresent(expiresAt, forKey: .expiresAt)
        try container.encodeIfPresent(externalID, forKey: .externalID)
        try container.encodeIfPresent(raw, forKey: .raw)
        try encoder.encodeUnknownFields(additionalFields)
    }

    /// The non-secret fields; secrets show as `<redacted>`.
    public var description: String { Redacted.describe("AWSSigV4Credentials", ["roleARN": roleARN, "region": region, "service": service, "expiresAt": expiresAt, "externalID": externalID]) }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror of the non-secret fields only, for `dump`.
    public var customMirror: Mirror { Redacted.mirror(self, ["roleARN": roleARN, "region": region, "service": service, "expiresAt": expiresAt, "externalID": externalID]) }
}

/// A client id and secret that replace the integration's own for one connection.
///
/// Secrets never print: `description`, `debugDescription` and `dump` show only the non-secret fields.
public struct OAuthClientOverride: Codable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The OAuth client id.
    public var clientID: String?
    /// The OAuth client secret.
    public var clientSecret: String?
    /// Fields this version of the SDK does not model, kept so that they survive a decode and encode.
    public var additionalFields: [String: JSONValue]

    /// Creates the credentials (to import a connection, or in tests).
    public init(clientID: String? = nil, clientSecret: String? = nil, additionalFields: [String: JSONValue] = [:]) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.additionalFields = additionalFields
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case clientID = "client_id"
        case clientSecret = "client_secret"
    }

    /// Decodes the credentials, keeping unknown fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        clientID = try container.decodeIfPresent(String.self, forKey: .clientID)
        clientSecret = try container.decodeIfPresent(String.self, forKey: .clientSecret)
        additionalFields = try decoder.unknownFields(excluding: Set(CodingKeys.allCases.map(\.rawValue)))
    }

    /// Encodes the credentials and any unknown fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(clientID, forKey: .clientID)
        try container.encodeIfPresent(clientSecret, forKey: .clientSecret)
        try encoder.encodeUnknownFields(additionalFields)
    }

    /// The non-secret fields; secrets show as `<redacted>`.
    public var description: String { Redacted.describe("OAuthClientOverride", ["clientID": clientID]) }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror of the non-secret fields only, for `dump`.
    public var customMirror: Mirror { Redacted.mirror(self, ["clientID": clientID]) }
}
