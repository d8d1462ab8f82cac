import Foundation

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


/// Filters and paging for ``NangoClient/listConnections(_:)``. Every filter is optional; set only what you
/// need. Covers both call forms of the Node SDK's `listConnections`.
public struct ListConnectionsOptions: Sendable, Hashable {
    /// Only connections with exactly this connection id (one per integration).
    public var connectionID: String?
    /// Only connections of these integrations (sent comma-joined as `integrationId`).
    public var integrationIDs: [String]
    /// A partial match on connection ids and end-user profiles.
    public var search: String?
    /// Only connections of this end user (`endUserId`; deprecated by Nango in favour of tags).
    public var endUserID: String?
    /// Only connections of this end-user organization (`endUserOrganizationId`; deprecated by Nango in favour
    /// of tags).
    public var endUserOrganizationID: String?
    /// Only connections carrying all these tags (at most 10), sent as `tags[key]=value`. As in the Node SDK, the
    /// key `displayName` means `end_user_display_name`, `email` means `end_user_email`, and every other key is
    /// lowercased.
    public var tags: [String: String]
    /// The page size (1–2000). Nango's default is 10,000.
    public var limit: Int?
    /// The page number, from 0.
    public var page: Int?

    /// Creates options; every filter defaults to none.
    public init(
        connectionID: String? = nil,
        integrationIDs: [String] = [],
        search: String? = nil,
        endUserID: String? = nil,
        endUserOrganizationID: String? = nil,
        tags: [String: String] = [:],
        limit: Int? = nil,
        page: Int? = nil
    ) {
        self.connectionID = connectionID
        self.integrationIDs = integrationIDs
        self.search = search
        self.endUserID = endUserID
        self.endUserOrganizationID = endUserOrganizationID
        self.tags = tags
        self.limit = limit
        self.page = page
    }
}

/// The changes ``NangoClient/patchConnection(providerConfigKey:connectionID:_:)`` makes; `nil` fields are left
/// as they are.
public struct ConnectionPatch: Encodable, Sendable, Hashable {
    /// Replaces the connection's tags.
    public var tags: [String: String]?
    /// Replaces the end user (deprecated by Nango in favour of tags).
    public var endUser: EndUser?
    /// Sends this connection's webhooks only to this URL; an empty string clears the override.
    public var webhookURLOverride: String?

    /// Creates a patch.
    public init(tags: [String: String]? = nil, endUser: EndUser? = nil, webhookURLOverride: String? = nil) {
        self.tags = tags
        self.endUser = endUser
        self.webhookURLOverride = webhookURLOverride
    }

    private enum CodingKeys: String, CodingKey {
        case tags
        case endUser = "end_user"
        case webhookURLOverride = "webhook_url_override"
    }
}

/// A connection to create (or replace) with credentials you already have, for
/// ``NangoClient/importConnection(_:)``.
public struct ImportConnectionRequest: Encodable, Sendable, Hashable {
    /// The integration's unique key.
    public var providerConfigKey: String
    /// The connection id; Nango generates one when `nil`.
    public var connectionID: String?
    /// The credentials. For a GitHub App installation, use ``Credentials/gitHubAppInstallation(appID:installationID:)``.
    public var credentials: Credentials
    /// Custom metadata.
    public var metadata: [String: JSONValue]?
    /// Provider-specific configuration (subdomain, account id, ...).
    public var connectionConfig: [String: JSONValue]?
    /// Tags.
    public var tags: [String: String]?
    /// The end user (deprecated by Nango in favour of tags).
    public var endUser: EndUser?

    /// Creates a request.
    public init(
        providerConfigKey: String,
        connectionID: String? = nil,
        credentials: Credentials,
        metadata: [String: JSONValue]? = nil,
        connectionConfig: [String: JSONValue]? = nil,
        tags: [String: String]? = nil,
        endUser: EndUser? = nil
    ) {
        self.providerConfigKey = providerConfigKey
        self.connectionID = connectionID
        self.credentials = credentials
        self.metadata = metadata
        self.connectionConfig = connectionConfig
        self.tags = tags
        self.endUser = endUser
    }

    private enum CodingKeys: String, CodingKey {
        case credentials, metadata, tags
        case providerConfigKey = "provider_config_key"
        case connectionID = "connection_id"
        case connectionConfig = "connection_config"
        case endUser = "end_user"
    }
}

extension Credentials {
    /// The credentials that import a GitHub App installation: `{"type": "APP", "app_id", "installation_id"}`.
    public static func gitHubAppInstallation(appID: String, installationID: String) -> Credentials {
        .unknown(["type": "APP", "app_id": .string(appID), "installation_id": .string(installationID)])
    }
}

/// What ``NangoClient/getToken(providerConfigKey:connectionID:forceRefresh:refreshGitHubAppJWTToken:)`` returns,
/// as the Node SDK's `getToken` does: the OAuth 2 access token, the OAuth 1 token pair, or else the whole
/// credentials. Nothing secret prints.
public enum ConnectionToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// An `OAUTH2` connection's access token.
    case accessToken(String)
    /// An `OAUTH1` connection's token and token secret.
    case oauth1(token: String, tokenSecret: String)
    /// Any other connection's credentials (including ``Credentials/empty``).
    case credentials(Credentials)

    /// The token to put in an `Authorization` header: the OAuth 2 access token, or the token of `OAUTH2_CC`,
    /// `APP` and similar credentials; `nil` when there is none.
    public var accessToken: String? {
        switch self {
        case .accessToken(let token): return token
        case .oauth1(let token, _): return token
        case .credentials(let credentials):
            switch credentials {
            case .oauth2ClientCredentials(let value): return value.token
            case .app(let value): return value.accessToken
            case .jwt(let value): return value.token
            case .twoStep(let value): return value.token
            case .signature(let value): return value.token
            default: return nil
            }
        }
    }

    /// `ConnectionToken.accessToken(<redacted>)` and the like.
    public var description: String {
        switch self {
        case .accessToken: return "ConnectionToken.accessToken(\(Redaction.placeholder))"
        case .oauth1: return "ConnectionToken.oauth1(\(Redaction.placeholder))"
        case .credentials(let credentials): return "ConnectionToken.credentials(\(credentials))"
        }
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror that holds only ``description``, for `dump`.
    public var customMirror: Mirror { Mirror(self, children: ["token": description], displayStyle: .enum) }
}



extension ImportConnectionRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private var shownFields: KeyValuePairs<String, Any?> {
        [
            "providerConfigKey": providerConfigKey, "connectionID": connectionID, "credentials": credentials.description,
            "connectionConfigKeys": Redacted.keys(connectionConfig), "metadataKeys": Redacted.keys(metadata),
            "tags": tags, "endUserID": endUser?.id,
        ]
    }

    /// The ids and credential type, and the keys (never the values) of the config and metadata.
    public var description: String { Redacted.describe("ImportConnectionRequest", shownFields) }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror with the fields of ``description`` only, for `dump`.
    public var customMirror: Mirror { Redacted.mirror(self, shownFields) }
}
