#!/usr/bin/env python3
"""Generates the SDK's regular models from one readable table.

    python3 Scripts/generate-models.py           # rewrites every generated file
    python3 Scripts/generate-models.py --check   # exits 1 (writing nothing) when a committed file is stale,
                                                 # missing, or in Models/Generated/ without a table producing it

Each `Model` below becomes a public struct in `Sources/Nango/Models/Generated/`: its stored properties, a
memberwise initialiser, its coding keys, `init(from:)` and `encode(to:)` for any `Decoder` and `Encoder`,
the unknown-field retention (`additionalFields`) when the model has it, a redacted description for models
that hold secrets, and `init(reading:)`: a direct initialiser from the SDK's JSON index (`IndexDecoder`), which
`init(from:)` takes whenever the decoder is the engine's. The keyed path stays for every other decoder
(`JSONDecoder` users, the differential tests), with the same results and the same errors.

Irregular types (the `Credentials` enum, `JSONValue`, the open enumerations, webhooks) stay hand-written
beside the generated files; their hot ones call the generated readers.

Field options (keyword arguments of `Field`):
    name        the Swift property
    json        the JSON key (default: the Swift name)
    type        the Swift type, without `?`
    optional    the property is `type?`: a missing or `null` member decodes as `nil`
    default     a Swift expression: a missing or `null` member decodes as it (the property is not optional),
                and it is the initialiser's default
    secret      never shown by the redacted description (models with `redacted=True`)
    nulls       encode `nil` as `null` (default: omit the key)
    via         decode this type instead, then map it with `transform` (a Swift closure)
    init_param  whether the memberwise initialiser takes it (default: yes; otherwise it starts as `nil`)
    init_default  the initialiser's default when it differs from the decode default (`None`: no default)
    doc         the property's documentation
"""

import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
UNSET = object()


class Field:
    def __init__(self, name, json=None, type="String", optional=False, default=None, secret=False, nulls=False,
                 via=None, transform=None, init_param=True, init_default=UNSET, doc=""):
        self.name = name
        self.json = json or name
        self.type = type
        self.optional = optional
        self.default = default
        self.secret = secret
        self.nulls = nulls
        self.via = via
        self.transform = transform
        self.init_param = init_param
        self.init_default = init_default
        self.doc = doc
        assert not (optional and default), name
        assert not via or (optional or default), name

    @property
    def swift_type(self):
        return self.type + ("?" if self.optional else "")

    @property
    def present_if_missing(self):
        """Whether a missing member is allowed (decoded with `IfPresent`)."""
        return self.optional or self.default is not None

    def param_default(self):
        if self.init_default is not UNSET:
            return self.init_default
        if self.optional:
            return "nil"
        return self.default


class Model:
    def __init__(self, name, doc, fields, conformances="Codable, Hashable, Sendable", parent=None, tag=None,
                 unknown=True, redacted=False, shown=None, init_doc="Creates the value.", decode_doc="Decodes the value.",
                 encode_doc="Encodes the value as Nango spells it.", unknown_doc=None, access="public",
                 description_doc="The non-secret fields; secrets show as `<redacted>`.",
                 mirror_doc="A mirror of the non-secret fields only, for `dump`."):
        self.name = name
        self.doc = doc
        self.fields = fields
        self.conformances = conformances
        self.parent = parent
        self.tag = tag
        self.unknown = unknown
        self.redacted = redacted
        self.shown = shown
        self.init_doc = init_doc
        self.decode_doc = decode_doc
        self.encode_doc = encode_doc
        self.access = access
        self.description_doc = description_doc
        self.mirror_doc = mirror_doc
        self.unknown_doc = unknown_doc or "Fields this version of the SDK does not model, kept so that they survive a decode and encode."

    @property
    def qualified(self):
        return f"{self.parent}.{self.name}" if self.parent else self.name


# The types read straight from the index, and how. Anything else goes through the decoder's general path.
SCALARS = {
    "String": "reader.readString",
    "Int64": "reader.readInt64",
    "Int": "reader.readInt",
    "Bool": "reader.readBool",
    "Double": "reader.readDouble",
    "Date": "reader.readDate",
    "JSONValue": "reader.readJSONValue",
    "[String: JSONValue]": "reader.readJSONObject",
    "[JSONValue]": "reader.readJSONArray",
}
# Collections of strings: read directly, or through the general path when an element is not a string (which
# then reports the error at the element).
STRING_COLLECTIONS = {"[String: String]": "stringMap", "[String]": "stringArray"}
OPEN_ENUMERATIONS = {"AuthMode", "RecordAction", "SyncState", "SyncRunType", "FunctionType", "Kind"}
# Models (and hand-written types) with an `init(reading: IndexDecoder)`.
READABLE = {"Credentials"}


# MARK: - The table

S = True

CREDENTIALS = [
    Model("OAuth2Credentials", "OAuth 2 credentials (`OAUTH2`, also used by `MCP_OAUTH2` connections).", tag="OAUTH2", fields=[
        Field("accessToken", json="access_token", secret=S, doc="The access token."),
        Field("refreshToken", json="refresh_token", optional=True, secret=S, doc="The refresh token; present only when the connection was read with `refreshToken: true`."),
        Field("expiresAt", json="expires_at", type="Date", optional=True, doc="When the access token expires."),
        Field("configOverride", json="config_override", type="OAuthClientOverride", optional=True, secret=S, doc="A client id and secret that replace the integration's for this connection."),
        Field("raw", type="JSONValue", optional=True, secret=S, doc="The provider's raw token response."),
    ]),
    Model("OAuth1Credentials", "OAuth 1.0a credentials (`OAUTH1`).", tag="OAUTH1", fields=[
        Field("oauthToken", json="oauth_token", secret=S, doc="The OAuth token."),
        Field("oauthTokenSecret", json="oauth_token_secret", secret=S, doc="The OAuth token secret."),
        Field("raw", type="JSONValue", optional=True, secret=S, doc="The provider's raw token response."),
    ]),
    Model("OAuth2ClientCredentials", "OAuth 2 client-credentials grant (`OAUTH2_CC`).", tag="OAUTH2_CC", fields=[
        Field("token", secret=S, doc="The access token."),
        Field("clientID", json="client_id", doc="The OAuth client id."),
        Field("clientSecret", json="client_secret", secret=S, doc="The OAuth client secret."),
        Field("clientCertificate", json="client_certificate", optional=True, secret=S, doc="A client certificate for mutual TLS."),
        Field("clientPrivateKey", json="client_private_key", optional=True, secret=S, doc="The private key of the client certificate."),
        Field("expiresAt", json="expires_at", type="Date", optional=True, doc="When the token expires."),
        Field("raw", type="JSONValue", optional=True, secret=S, doc="The provider's raw token response."),
    ]),
    Model("APIKeyCredentials", "An API key (`API_KEY`).", tag="API_KEY", fields=[
        Field("apiKey", secret=S, doc="The API key."),
    ]),
    Model("BasicCredentials", "Basic authentication (`BASIC`). Connections made by an install plugin may carry other keys instead (see ``additionalFields``).", tag="BASIC", fields=[
        Field("username", optional=True, secret=S, doc="The user name (secret: some APIs put their key here)."),
        Field("password", optional=True, secret=S, doc="The password."),
    ]),
    Model("AppCredentials", "GitHub App installation credentials (`APP`).", tag="APP", fields=[
        Field("accessToken", json="access_token", secret=S, doc="The installation access token."),
        Field("expiresAt", json="expires_at", type="Date", optional=True, doc="When the access token expires."),
        Field("jwtToken", optional=True, secret=S, doc="The app's JWT, when it was refreshed with `refreshGitHubAppJWTToken: true`."),
        Field("raw", type="JSONValue", optional=True, secret=S, doc="The provider's raw token response."),
    ]),
    Model("CustomCredentials", "Custom credentials (`CUSTOM`): either only `raw`, or a GitHub App combined with an OAuth user (``app`` and ``user``).", tag="CUSTOM", fields=[
        Field("app", type="AppCredentials", optional=True, doc="The GitHub App part of a combined GitHub App OAuth connection."),
        Field("user", type="OAuth2Credentials", optional=True, doc="The user part of a combined GitHub App OAuth connection (`nil` before the user authorised)."),
        Field("raw", type="JSONValue", optional=True, secret=S, doc="The raw credentials."),
    ]),
    Model("TBACredentials", "NetSuite token-based authentication (`TBA`).", tag="TBA", fields=[
        Field("tokenID", json="token_id", secret=S, doc="The token id."),
        Field("tokenSecret", json="token_secret", secret=S, doc="The token secret."),
        Field("configOverride", json="config_override", type="OAuthClientOverride", optional=True, secret=S, doc="A client id and secret that replace the integration's for this connection."),
    ]),
    Model("JWTCredentials", "JWT credentials (`JWT`): an open set of provider-specific keys (``additionalFields``, for example `issuerId`, `privateKey`, `privateKeyId`) plus the generated token.", tag="JWT", fields=[
        Field("token", optional=True, secret=S, doc="The generated JWT."),
        Field("expiresAt", json="expires_at", type="Date", optional=True, doc="When the token expires."),
    ]),
    Model("BillCredentials", "Bill.com credentials (`BILL`).", tag="BILL", fields=[
        Field("username", secret=S, doc="The user name (secret: some APIs put their key here)."),
        Field("password", secret=S, doc="The password."),
        Field("organizationID", json="organization_id", doc="The organization id."),
        Field("devKey", json="dev_key", secret=S, doc="The developer key."),
        Field("sessionID", json="session_id", optional=True, secret=S, doc="The current session id."),
        Field("userID", json="user_id", optional=True, doc="The user id."),
        Field("expiresAt", json="expires_at", type="Date", optional=True, doc="When the session expires."),
        Field("raw", type="JSONValue", optional=True, secret=S, doc="The provider's raw response."),
    ]),
    Model("TwoStepCredentials", "Two-step credentials (`TWO_STEP`): an open set of provider-specific keys (``additionalFields``) plus the token obtained with them.", tag="TWO_STEP", fields=[
        Field("token", optional=True, secret=S, doc="The token."),
        Field("refreshToken", json="refresh_token", optional=True, secret=S, doc="The refresh token."),
        Field("expiresAt", json="expires_at", type="Date", optional=True, doc="When the token expires."),
        Field("raw", type="JSONValue", optional=True, secret=S, doc="The provider's raw response."),
    ]),
    Model("SignatureCredentials", "Signature-based credentials (`SIGNATURE`).", tag="SIGNATURE", fields=[
        Field("username", secret=S, doc="The user name (secret: some APIs put their key here)."),
        Field("password", secret=S, doc="The password."),
        Field("token", optional=True, secret=S, doc="The generated token."),
        Field("expiresAt", json="expires_at", type="Date", optional=True, doc="When the token expires."),
    ]),
    Model("AWSSigV4Credentials", "AWS Signature Version 4 credentials (`AWS_SIGV4`), from an assumed role.", tag="AWS_SIGV4", fields=[
        Field("roleARN", json="role_arn", doc="The ARN of the assumed role."),
        Field("region", doc="The AWS region."),
        Field("service", doc="The AWS service."),
        Field("accessKeyID", json="access_key_id", secret=S, doc="The temporary access key id."),
        Field("secretAccessKey", json="secret_access_key", secret=S, doc="The temporary secret access key."),
        Field("sessionToken", json="session_token", optional=True, secret=S, doc="The session token."),
        Field("expiresAt", json="expires_at", type="Date", optional=True, doc="When the temporary credentials expire."),
        Field("externalID", json="external_id", optional=True, doc="The external id used to assume the role."),
        Field("raw", type="JSONValue", optional=True, secret=S, doc="The raw response."),
    ]),
    Model("OAuthClientOverride", "A client id and secret that replace the integration's own for one connection.", fields=[
        Field("clientID", json="client_id", optional=True, doc="The OAuth client id."),
        Field("clientSecret", json="client_secret", optional=True, secret=S, doc="The OAuth client secret."),
    ]),
]
for model in CREDENTIALS:
    model.conformances = ("Codable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,\n"
                          "    CustomReflectable\n")
    model.redacted = True
    model.doc += "\n\nSecrets never print: `description`, `debugDescription` and `dump` show only the non-secret fields."
    model.init_doc = "Creates the credentials (to import a connection, or in tests)."
    model.decode_doc = "Decodes the credentials, keeping unknown fields."
    model.encode_doc = "Encodes the credentials" + (f' with `"type": "{model.tag}"`' if model.tag else "") + " and any unknown fields."

CONNECTIONS = [
    Model("Connection", "A connection with its credentials, as returned by ``NangoClient/getConnection(providerConfigKey:connectionID:forceRefresh:refreshToken:refreshGitHubAppJWTToken:)``.\n\nNothing secret prints: the credentials' `description` and mirror are redacted.",
          init_doc="Creates a connection (for tests and fixtures).",
          decode_doc="Decodes a connection; missing lists and maps become empty, unknown fields are kept.",
          encode_doc="Encodes the connection as Nango spells it (nullable fields as `null`).", fields=[
        Field("id", type="Int64", doc="Nango's internal numeric id."),
        Field("connectionID", json="connection_id", doc="The connection id you (or Nango) chose."),
        Field("providerConfigKey", json="provider_config_key", doc="The integration's unique key (provider config key)."),
        Field("provider", doc="The provider (API) name, e.g. `github`."),
        Field("errors", type="[ConnectionError]", default="[]", doc="Problems Nango recorded on the connection."),
        Field("endUser", json="end_user", type="EndUser", optional=True, nulls=True, doc="The end user (deprecated by Nango in favour of ``tags``)."),
        Field("tags", type="[String: String]", default="[:]", doc="The connection's tags (lowercase keys)."),
        Field("metadata", type="[String: JSONValue]", optional=True, nulls=True, doc="Your custom metadata; `nil` when there is none."),
        Field("connectionConfig", json="connection_config", type="[String: JSONValue]", default="[:]", doc="Provider-specific configuration (subdomain, account id, ...)."),
        Field("webhookURLOverride", json="webhook_url_override", optional=True, nulls=True, doc="A webhook URL that replaces the environment's for this connection."),
        Field("createdAt", json="created_at", type="Date", doc="When the connection was created."),
        Field("updatedAt", json="updated_at", type="Date", doc="When the connection was last updated."),
        Field("lastFetchedAt", json="last_fetched_at", type="Date", optional=True, nulls=True, doc="When the credentials were last read."),
        Field("credentials", type="Credentials", default=".empty", init_default=None, doc="The credentials."),
    ]),
    Model("ConnectionSummary", "A connection as listed by ``NangoClient/listConnections(_:)`` (no credentials).",
          init_doc="Creates a summary (for tests and fixtures).",
          decode_doc="Decodes a list item; missing lists and maps become empty, unknown fields are kept.",
          encode_doc="Encodes the item as Nango spells it.", fields=[
        Field("id", type="Int64", doc="Nango's internal numeric id."),
        Field("connectionID", json="connection_id", doc="The connection id."),
        Field("providerConfigKey", json="provider_config_key", doc="The integration's unique key."),
        Field("provider", doc="The provider (API) name."),
        Field("created", type="Date", doc="When the connection was created."),
        Field("metadata", type="[String: JSONValue]", optional=True, nulls=True, doc="Your custom metadata; `nil` when there is none."),
        Field("tags", type="[String: String]", default="[:]", doc="The connection's tags."),
        Field("errors", type="[ConnectionError]", default="[]", doc="Problems Nango recorded on the connection."),
        Field("endUser", json="end_user", type="EndUser", optional=True, nulls=True, doc="The end user (deprecated by Nango in favour of ``tags``)."),
    ]),
    Model("ConnectionList", "The response of ``NangoClient/listConnections(_:)``.", unknown=False,
          init_doc="Creates a list.", decode_doc="Decodes a list.", encode_doc="Encodes the list as Nango spells it.", fields=[
        Field("connections", type="[ConnectionSummary]", doc="The connections of this page."),
    ]),
    Model("EndUser", "The end user (and their organization) a connection belongs to. Deprecated by Nango in favour of connection\ntags, but still sent and accepted.",
          init_doc="Creates an end user.",
          decode_doc="Decodes an end user; tag values that are not strings are kept as their JSON text.",
          encode_doc="Encodes the end user as Nango spells it.", fields=[
        Field("id", doc="Your id for the end user."),
        Field("email", optional=True, doc="The end user's e-mail address."),
        Field("displayName", json="display_name", optional=True, doc="The end user's display name."),
        Field("tags", type="[String: String]", optional=True, via="[String: JSONValue]",
              transform="{ $0.mapValues { value in value.stringValue ?? value.description } }", doc="Tags of the end user."),
        Field("organization", type="Organization", optional=True, doc="The end user's organization."),
    ]),
    Model("Organization", "The organization an end user belongs to.", parent="EndUser", unknown=False,
          init_doc="Creates an organization.", decode_doc="Decodes an organization.",
          encode_doc="Encodes the organization as Nango spells it.", fields=[
        Field("id", doc="Your id for the organization."),
        Field("displayName", json="display_name", optional=True, doc="The organization's display name."),
    ]),
    Model("ConnectionError", "A problem Nango recorded on a connection.", unknown=False,
          init_doc="Creates a connection error.", decode_doc="Decodes a connection error.",
          encode_doc="Encodes the connection error as Nango spells it.", fields=[
        Field("type", type="Kind", doc="What failed: ``Kind/auth`` (the credentials are invalid) or ``Kind/sync`` (the last sync failed)."),
        Field("logID", json="log_id", doc="The id of the log entry with the details."),
    ]),
]

ENVELOPES = [
    Model("SuccessResponse", "`{\"success\": true}`, the answer of several write endpoints.", conformances="Decodable",
          access="internal", unknown=False, init_doc="Creates a response.", decode_doc="Decodes a response.", fields=[
        Field("success", type="Bool", optional=True, doc="Whether the write succeeded."),
    ]),
]

ENVIRONMENT = [
    Model("EnvironmentVariable", "A variable of the environment, from ``NangoClient/getEnvironmentVariables()``. The value never prints: it may\nbe a secret.",
          conformances="Codable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,\n    CustomReflectable\n",
          unknown=False, redacted=True, init_doc="Creates a variable.", decode_doc="Decodes a variable.",
          encode_doc="Encodes the variable as Nango spells it.",
          description_doc="`EnvironmentVariable(name: NAME, secrets: <redacted>)`.", mirror_doc="A mirror with the name only, for `dump`.", fields=[
        Field("name", doc="The variable's name."),
        Field("value", secret=S, doc="The variable's value."),
    ]),
    Model("IntegrationScriptsConfig", "The scripts deployed for one integration.",
          init_doc="Creates a configuration.", decode_doc="Decodes a configuration; missing lists become empty, unknown fields are kept.",
          encode_doc="Encodes the configuration as Nango spells it.", fields=[
        Field("providerConfigKey", doc="The integration's unique key."),
        Field("provider", optional=True, doc="The provider (API) name."),
        Field("syncs", type="[ScriptDefinition]", default="[]", doc="The syncs."),
        Field("actions", type="[ScriptDefinition]", default="[]", doc="The actions."),
        Field("onEvents", json="on-events", type="[JSONValue]", default="[]", doc="The on-event scripts (`on-events`), as sent."),
    ]),
    Model("ScriptDefinition", "A deployed sync or action script.",
          init_doc="Creates a definition.", decode_doc="Decodes a definition, keeping unknown fields.",
          encode_doc="Encodes the definition as Nango spells it.", fields=[
        Field("name", doc="The script's name."),
        Field("type", optional=True, doc="`sync` or `action`."),
        Field("description", optional=True, init_param=False, doc="What it does."),
        Field("version", optional=True, init_param=False, doc="Its version."),
        Field("runs", optional=True, init_param=False, doc="For a sync, how often it runs."),
        Field("enabled", type="Bool", optional=True, init_param=False, doc="Whether it is enabled."),
        Field("autoStart", json="auto_start", type="Bool", optional=True, init_param=False, doc="For a sync, whether it starts with new connections."),
        Field("trackDeletes", json="track_deletes", type="Bool", optional=True, init_param=False, doc="For a sync, whether it detects deletions."),
        Field("scopes", type="[String]", optional=True, init_param=False, doc="The scopes it needs."),
        Field("input", type="JSONValue", optional=True, init_param=False, doc="Its input model."),
        Field("returns", type="JSONValue", optional=True, init_param=False, doc="What it returns (model names for a sync, a model for an action)."),
        Field("endpoints", type="[JSONValue]", optional=True, init_param=False, doc="The endpoints it exposes."),
        Field("jsonSchema", json="json_schema", type="JSONValue", optional=True, init_param=False, doc="The JSON schema of its models."),
        Field("lastDeployed", json="last_deployed", optional=True, init_param=False, doc="When it was last deployed, as Nango wrote it."),
    ]),
    Model("OpenAIFunction", "An action described for OpenAI function calling.", unknown=False,
          init_doc="Creates a function.", decode_doc="Decodes a function.", encode_doc="Encodes the function as OpenAI spells it.", fields=[
        Field("name", doc="The function's name."),
        Field("description", optional=True, doc="What it does."),
        Field("parameters", type="JSONValue", optional=True, doc="Its parameters, as a JSON schema."),
    ]),
    Model("OpenAIFunctionList", "The OpenAI format of the scripts configuration.", conformances="Decodable", access="internal",
          unknown=False, init_doc="Creates a list.", decode_doc="Decodes a list.", fields=[
        Field("data", type="[OpenAIFunction]", doc="The functions."),
    ]),
]

RECORDS = [
    Model("RecordMetadata", "Nango's bookkeeping for a record (`_nango_metadata`).",
          init_doc="Creates metadata.",
          decode_doc="Decodes the metadata (timestamps with microseconds and offsets), keeping unknown fields.",
          encode_doc="Encodes the metadata as Nango spells it.", fields=[
        Field("firstSeenAt", json="first_seen_at", type="Date", doc="When Nango first saw the record."),
        Field("lastModifiedAt", json="last_modified_at", type="Date", doc="When Nango last detected a change."),
        Field("lastAction", json="last_action", type="RecordAction", doc="The last change: added, updated or deleted."),
        Field("deletedAt", json="deleted_at", type="Date", optional=True, nulls=True, doc="When Nango detected the deletion, for deleted records."),
        Field("prunedAt", json="pruned_at", type="Date", optional=True, nulls=True, doc="When the payload was emptied by ``NangoClient/pruneRecords(providerConfigKey:connectionID:model:untilCursor:variant:limit:)``."),
        Field("cursor", doc="The record's position: pass it as `cursor` later to get only the changes after this record."),
    ]),
    Model("PruneResult", "What ``NangoClient/pruneRecords(providerConfigKey:connectionID:model:untilCursor:variant:limit:)`` did.",
          conformances="Decodable, Hashable, Sendable", unknown=False, init_doc="Creates a result.", decode_doc="Decodes a result.", fields=[
        Field("count", type="Int", doc="How many records were pruned by this call."),
        Field("hasMore", json="has_more", type="Bool", doc="Whether more records up to the cursor remain: call again while this is `true`."),
    ]),
]

INTEGRATIONS = [
    Model("Integration", "An integration: one configured API (provider) of your Nango environment.",
          init_doc="Creates an integration (for tests).", decode_doc="Decodes an integration, keeping unknown fields.",
          encode_doc="Encodes the integration as Nango spells it.",
          unknown_doc="Fields this version of the SDK does not model (`credentials_label`, ...), kept so that they survive a\ndecode and encode.", fields=[
        Field("uniqueKey", json="unique_key", doc="The integration's unique key (provider config key)."),
        Field("provider", doc="The provider (API) name, e.g. `github`."),
        Field("displayName", json="display_name", optional=True, doc="The display name."),
        Field("logo", optional=True, doc="The URL of the provider's logo."),
        Field("forwardWebhooks", json="forward_webhooks", type="Bool", optional=True, doc="Whether webhooks from the provider are forwarded to your backend."),
        Field("createdAt", json="created_at", type="Date", doc="When it was created."),
        Field("updatedAt", json="updated_at", type="Date", doc="When it was last updated."),
        Field("webhookURL", json="webhook_url", optional=True, doc="The URL to register with the provider for webhooks (with `include: [.webhook]`)."),
        Field("credentials", type="IntegrationCredentials", optional=True, doc="The OAuth app's or API's credentials (with `include: [.credentials]`). Never printed."),
    ]),
    Model("IntegrationCredentials", "The credentials of an integration: an OAuth app (`OAUTH1`, `OAUTH2`, `TBA`), a GitHub App (`APP`), or both\n(`CUSTOM`). Secrets never print.",
          conformances="Codable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,\n    CustomReflectable\n",
          redacted=True, shown=["type", "clientID", "appID", "scopes"],
          init_doc="Creates credentials of any type.", decode_doc="Decodes credentials, keeping unknown fields.",
          encode_doc="Encodes the credentials, omitting absent fields.", fields=[
        Field("type", type="AuthMode", doc="`OAUTH1`, `OAUTH2`, `TBA`, `APP` or `CUSTOM`."),
        Field("clientID", json="client_id", optional=True, doc="The OAuth client id."),
        Field("clientSecret", json="client_secret", optional=True, secret=S, doc="The OAuth client secret."),
        Field("scopes", optional=True, doc="Comma-separated OAuth scopes."),
        Field("webhookSecret", json="webhook_secret", optional=True, secret=S, doc="The secret the provider signs its webhooks with."),
        Field("appID", json="app_id", optional=True, doc="The GitHub App id."),
        Field("appLink", json="app_link", optional=True, doc="The GitHub App's public link."),
        Field("privateKey", json="private_key", optional=True, secret=S, doc="The GitHub App's private key (PEM)."),
    ]),
]

SYNCS = [
    Model("SyncStatus", "The state of a sync for a connection, from ``NangoClient/syncStatus(providerConfigKey:syncs:connectionID:)``.",
          init_doc="Creates a status (for tests).", decode_doc="Decodes a status, keeping unknown fields.",
          encode_doc="Encodes the status as Nango spells it.", fields=[
        Field("id", default='""', init_default=None, via="JSONValue", transform="{ $0.stringValue ?? $0.description }", doc="The sync's id."),
        Field("connectionID", json="connection_id", optional=True, doc="The connection it runs for."),
        Field("name", doc="The sync's name."),
        Field("variant", optional=True, doc="The variant, `nil` or `base` for the base sync."),
        Field("status", type="SyncState", doc="Running, paused, stopped, or the outcome of the last run."),
        Field("type", type="SyncRunType", optional=True, doc="The last run's type (deprecated by Nango)."),
        Field("finishedAt", type="Date", optional=True, doc="When the last run finished."),
        Field("nextScheduledSyncAt", type="Date", optional=True, doc="When the next run is scheduled."),
        Field("frequency", optional=True, doc="How often the sync runs, e.g. `every 30 minutes`."),
        Field("latestResult", type="[String: SyncResultCounts]", optional=True, doc="The last run's changes, per model."),
        Field("recordCount", type="[String: Int64]", optional=True, doc="How many records the sync holds, per model."),
        Field("checkpoint", type="JSONValue", optional=True, doc="The last checkpoint the sync saved; `nil` when there is none."),
        Field("jobStatus", optional=True, doc="The state of the current or last job."),
        Field("latestExecutionStatus", optional=True, doc="The status of the latest execution."),
    ]),
    Model("SyncResultCounts", "How many records a sync run added, updated and deleted for one model.", unknown=False,
          init_doc="Creates counts.", decode_doc="Decodes counts.", encode_doc="Encodes the counts as Nango spells them.", fields=[
        Field("added", type="Int64", doc="Records added."),
        Field("updated", type="Int64", doc="Records updated."),
        Field("deleted", type="Int64", optional=True, doc="Records deleted, when the sync tracks deletions."),
    ]),
    Model("SyncVariant", "A sync variant, as ``NangoClient/createSyncVariant(providerConfigKey:connectionID:sync:variant:)`` returns it.",
          unknown=False, init_doc="Creates a variant.", decode_doc="Decodes a variant.", encode_doc="Encodes the variant as Nango spells it.", fields=[
        Field("id", doc="The variant's id."),
        Field("name", doc="The sync's name."),
        Field("variant", doc="The variant's name."),
    ]),
    Model("SyncStatusResponse", "The response of the sync status endpoint.", conformances="Decodable", access="internal",
          unknown=False, init_doc="Creates a response.", decode_doc="Decodes a response.", fields=[
        Field("syncs", type="[SyncStatus]", doc="The statuses."),
    ]),
    Model("FrequencyResponse", "The response of the sync frequency endpoint.", conformances="Decodable", access="internal",
          unknown=False, init_doc="Creates a response.", decode_doc="Decodes a response.", fields=[
        Field("frequency", optional=True, doc="The frequency now in force."),
    ]),
]

PROVIDERS = [
    Model("Provider", "A provider (an API Nango supports), from ``NangoClient/listProviders(search:connectSessionToken:)``.",
          init_doc="Creates a provider (for tests).", decode_doc="Decodes a provider, keeping every other field.",
          encode_doc="Encodes the provider as Nango spells it.",
          unknown_doc="Every other field of the provider's definition (proxy base URL, OAuth URLs, ...).", fields=[
        Field("name", doc="The provider's name, e.g. `github`."),
        Field("displayName", json="display_name", optional=True, doc="The display name."),
        Field("authMode", json="auth_mode", type="AuthMode", optional=True, doc="How it authenticates."),
        Field("docs", optional=True, doc="Its documentation URL."),
        Field("categories", type="[String]", optional=True, doc="Its categories."),
    ]),
]

FUNCTIONS = [
    Model("NangoFunction", "A function (sync, action or on-event script): deployed to an integration, or a template of the catalog.",
          init_doc="Creates a function (for tests).", decode_doc="Decodes a function, keeping unknown fields.",
          encode_doc="Encodes the function as Nango spells it.", fields=[
        Field("name", doc="The function's name."),
        Field("type", type="FunctionType", doc="`sync`, `action` or `on-event`."),
        Field("description", optional=True, init_param=False, doc="What it does."),
        Field("scopes", type="[String]", optional=True, init_param=False, doc="The scopes it needs."),
        Field("input", optional=True, init_param=False, doc="Its input model."),
        Field("returns", type="[String]", optional=True, init_param=False, doc="The models it returns."),
        Field("jsonSchema", json="json_schema", type="JSONValue", optional=True, init_param=False, doc="The JSON schema of its models."),
        Field("runs", optional=True, init_param=False, doc="For a sync, how often it runs."),
        Field("autoStart", json="auto_start", type="Bool", optional=True, init_param=False, doc="For a sync, whether it starts with new connections."),
        Field("trackDeletes", json="track_deletes", type="Bool", optional=True, init_param=False, doc="For a sync, whether it detects deletions."),
        Field("event", optional=True, init_param=False, doc="For an on-event script, the event."),
        Field("id", type="Int64", optional=True, init_param=False, doc="For a deployed function, its id."),
        Field("enabled", type="Bool", optional=True, init_param=False, doc="For a deployed function, whether it is enabled."),
        Field("lastDeployed", json="last_deployed", type="Date", optional=True, init_param=False, doc="For a deployed function, when it was last deployed."),
        Field("source", optional=True, init_param=False, doc="For a deployed function, where it comes from: `catalog`, `standalone` or `repo`."),
    ]),
]

ACTIONS = [
    Model("AsyncActionHandle", "An action started with ``NangoClient/triggerActionAsync(providerConfigKey:connectionID:action:input:maxRetries:)``:\npass it to ``NangoClient/getAsyncActionResult(_:as:)`` or ``NangoClient/waitForAsyncActionResult(_:as:pollInterval:timeout:)``.",
          unknown=False, init_doc="Creates a handle, for example from an id and status URL stored earlier.",
          decode_doc="Decodes a handle.", encode_doc="Encodes the handle as Nango spells it.", fields=[
        Field("id", doc="The action run's id (a UUID)."),
        Field("statusURL", json="statusUrl", doc="Where its result will be, a path on the Nango host such as `/action/<id>`."),
    ]),
]

OUTPUTS = [
    ("Sources/Nango/Models/Generated/CredentialTypes.swift", "Nango's credential shapes, one struct per auth type", CREDENTIALS),
    ("Sources/Nango/Models/Generated/ConnectionModels.swift", "connections, their end users and errors", CONNECTIONS),
    ("Sources/Nango/Models/Generated/RecordModels.swift", "record metadata and pruning", RECORDS),
    ("Sources/Nango/Models/Generated/EnvironmentModels.swift", "environment variables and the scripts configuration", ENVIRONMENT),
    ("Sources/Nango/Models/Generated/SmallResponses.swift", "the small responses shared by several areas", ENVELOPES),
    ("Sources/Nango/Models/Generated/IntegrationModels.swift", "integrations", INTEGRATIONS),
    ("Sources/Nango/Models/Generated/SyncModels.swift", "sync statuses and variants", SYNCS),
    ("Sources/Nango/Models/Generated/ProviderModels.swift", "providers", PROVIDERS),
    ("Sources/Nango/Models/Generated/FunctionModels.swift", "functions", FUNCTIONS),
    ("Sources/Nango/Models/Generated/ActionModels.swift", "asynchronous action handles", ACTIONS),
]
for _, _, models in OUTPUTS:
    for model in models:
        READABLE.add(model.name)


# MARK: - Emitting Swift

def doc_lines(text, indent):
    return [f"{indent}///" + (f" {line}" if line else "") for line in text.split("\n")]


def element_type(type_name):
    """`X` for `[X]` (not a dictionary), else None."""
    if type_name.startswith("[") and type_name.endswith("]") and ":" not in type_name:
        return type_name[1:-1]
    return None


def keyed_decode(field):
    key = f"forKey: .{field.name}"
    if field.via:
        decoded = f"try container.decodeIfPresent({field.via}.self, {key}).map {field.transform}"
    elif field.type == "Date":
        decoded = f"try container.decodeISO8601{'IfPresent' if field.present_if_missing else ''}({key})"
    else:
        decoded = f"try container.decode{'IfPresent' if field.present_if_missing else ''}({field.type}.self, {key})"
    if field.default is not None:
        decoded += f" ?? {field.default}"
    return decoded


def keyed_encode(field):
    key = f"forKey: .{field.name}"
    if field.type == "Date":
        if field.optional and field.nulls:
            return [f"if let {field.name} {{",
                    f"    try container.encodeISO8601({field.name}, {key})",
                    "} else {",
                    f"    try container.encodeNil({key})",
                    "}"]
        return [f"try container.encodeISO8601{'IfPresent' if field.optional else ''}({field.name}, {key})"]
    if field.optional and not field.nulls:
        return [f"try container.encodeIfPresent({field.name}, {key})"]
    return [f"try container.encode({field.name}, {key})"]


def direct_read(field, number):
    """The expression that reads `field` from the index (its value node is `nodes[number]`)."""
    node = f"nodes[{number}]"
    key = f'"{field.json}"'
    value_type = field.via or field.type
    present = field.present_if_missing
    element = element_type(value_type)
    if value_type in SCALARS:
        read = SCALARS[value_type]
        expression = f"try object.{'optional' if present else 'required'}({node}, {key}, {read})"
    elif value_type in OPEN_ENUMERATIONS:
        read = f"{{ (node: Int) throws(IndexValueFailure) in {value_type}(rawValue: try reader.readString(node)) }}"
        expression = f"try object.{'optional' if present else 'required'}({node}, {key}, {read})"
    elif value_type in READABLE:
        expression = f"try object.{'optionalNested' if present else 'requiredNested'}({node}, {key}, {value_type}.init(reading:))"
    elif element in READABLE:
        array = f"object.nestedArray({node}, {key}, {element}.init(reading:))"
        if present:
            expression = f"try object.isPresent({node}) ? {array} : nil"
        else:
            expression = f"try object.nestedArray(object.requiredNode({node}, {key}), {key}, {element}.init(reading:))"
    elif value_type in STRING_COLLECTIONS:
        method = STRING_COLLECTIONS[value_type]
        if present:
            expression = f"try object.isPresent({node}) ? object.{method}({node}, {key}) : nil"
        else:
            expression = f"try object.{method}(object.requiredNode({node}, {key}), {key})"
    else:
        expression = f"try object.{'decodableIfPresent' if present else 'decodable'}({node}, {key}, {value_type}.self)"
    if field.via:
        expression = f"({expression}).map {field.transform}"
    if field.default is not None:
        expression = f"({expression}) ?? {field.default}"
    return expression


def field_switch(keys, indent):
    """A function body mapping a key's UTF-8 to its number: a switch on the length, then the bytes."""
    by_length = {}
    for number, key in enumerate(keys):
        by_length.setdefault(len(key.encode()), []).append((number, key))
    out = [f"{indent}switch key.count {{"]
    for length in sorted(by_length):
        out.append(f"{indent}case {length}:")
        for number, key in by_length[length]:
            out.append(f'{indent}    if key.equals("{key}") {{ return {number} }}')
    out.append(f"{indent}default: break")
    out.append(f"{indent}}}")
    out.append(f"{indent}return -1")
    return out


def node_vector(count):
    """The smallest standard-library SIMD vector of Ints with a slot per field: a fixed-size value on the stack,
    available on every platform the package declares (unlike InlineArray), with bounds-checked subscripts."""
    for size in (2, 4, 8, 16, 32, 64):
        if count <= size:
            return f"SIMD{size}<Int>"
    raise SystemExit(f"a model with {count} fields: at most 64 are supported by the direct reader")


def generate(model):
    i = "    " if model.parent else ""
    out = []
    a = lambda line="": out.append(f"{i}{line}" if line else "")
    fields = model.fields
    p = "public " if model.access == "public" else ""
    out.extend(doc_lines(model.doc, i))
    conformances = model.conformances
    if conformances.endswith("\n"):
        a(f"{p}struct {model.name}: {conformances.rstrip()}")
        a("{")
    else:
        a(f"{p}struct {model.name}: {conformances} {{")
    for field in fields:
        out.extend(doc_lines(field.doc, i + "    "))
        a(f"    {p}var {field.name}: {field.swift_type}")
    if model.unknown:
        out.extend(doc_lines(model.unknown_doc, i + "    "))
        a(f"    {p}var additionalFields: [String: JSONValue]")
    a()

    # The memberwise initialiser.
    params = []
    for field in fields:
        if not field.init_param:
            continue
        default = field.param_default()
        params.append(f"{field.name}: {field.swift_type}" + (f" = {default}" if default is not None else ""))
    if model.unknown:
        params.append("additionalFields: [String: JSONValue] = [:]")
    out.extend(doc_lines(model.init_doc, i + "    "))
    single = f"    {p}init({', '.join(params)}) {{"
    if len(i + single) <= 120:
        a(single)
    else:
        a(f"    {p}init(")
        for index, param in enumerate(params):
            a(f"        {param}{',' if index < len(params) - 1 else ''}")
        a("    ) {")
    for field in fields:
        if field.init_param:
            a(f"        self.{field.name} = {field.name}")
    if model.unknown:
        a("        self.additionalFields = additionalFields")
    a("    }")
    a()

    # The coding keys.
    a(f"    private enum CodingKeys: String, CodingKey{', CaseIterable' if model.unknown else ''} {{")
    if model.tag:
        a("        case type")
    for field in fields:
        a(f"        case {field.name}" + ("" if field.name == field.json else f' = "{field.json}"'))
    a("    }")
    a()

    # Decoding: the direct path, then the keyed one.
    out.extend(doc_lines(model.decode_doc, i + "    "))
    a(f"    {p}init(from decoder: any Decoder) throws {{")
    a("        if let engine = IndexDecoder.engine(decoder) {")
    a("            try self.init(reading: engine)")
    a("        } else {")
    a("            try self.init(keyed: decoder)")
    a("        }")
    a("    }")
    a()
    a("    /// Decodes through a keyed container, for any decoder.")
    a("    private init(keyed decoder: any Decoder) throws {")
    a("        let container = try decoder.container(keyedBy: CodingKeys.self)")
    for field in fields:
        a(f"        {field.name} = {keyed_decode(field)}")
    if model.unknown:
        a("        additionalFields = try decoder.unknownFields(excluding: CodingKeys.self)")
    a("    }")
    a()

    keys = [field.json for field in fields] + (["type"] if model.tag else [])
    a(f"    /// Reads the {model.name} straight from the SDK's JSON index: one pass over the members, then the fields in")
    a("    /// declaration order, with the same results and errors as the keyed decoding above.")
    a("    init(reading decoder: IndexDecoder) throws {")
    a(f"        let object = try IndexObjectReader(decoder, decoding: Self.self)")
    uses_reader = any((f.via or f.type) in SCALARS or (f.via or f.type) in OPEN_ENUMERATIONS for f in fields)
    if uses_reader:
        a("        let reader = object.reader")
    a(f"        var nodes = {node_vector(len(keys))}(repeating: -1)")
    a(f"        {'let hasUnknown = ' if model.unknown else '_ = '}object.collect(&nodes, Self.fieldNumber)")
    for number, field in enumerate(fields):
        a(f"        {field.name} = {direct_read(field, number)}")
    if model.unknown:
        a("        additionalFields = hasUnknown ? try object.unknownMembers(Self.fieldNumber) : [:]")
    a("    }")
    a()
    a("    /// The number of a member's key: its field's index (then `type` for tagged credentials), or -1.")
    a("    private static func fieldNumber(_ key: MemberKey) -> Int {")
    out.extend(field_switch(keys, i + "        "))
    a("    }")
    a()

    # Encoding.
    if "Codable" in model.conformances or "Encodable" in model.conformances:
        out.extend(doc_lines(model.encode_doc, i + "    "))
        a(f"    {p}func encode(to encoder: any Encoder) throws {{")
        a("        var container = encoder.container(keyedBy: CodingKeys.self)")
        if model.tag:
            a(f'        try container.encode("{model.tag}", forKey: .type)')
        for field in fields:
            for line in keyed_encode(field):
                a(f"        {line}")
        if model.unknown:
            a("        try encoder.encodeUnknownFields(additionalFields)")
        a("    }")

    if model.redacted:
        shown = model.shown or [field.name for field in fields if not field.secret]
        pairs = "[" + ", ".join(f'"{name}": {name}' for name in shown) + "]" if shown else "[:]"
        a()
        out.extend(doc_lines(model.description_doc, i + "    "))
        description = f'    public var description: String {{ Redacted.describe("{model.name}", {pairs}) }}'
        if len(i + description) <= 120:
            a(description)
        else:
            a("    public var description: String {")
            a(f'        Redacted.describe("{model.name}", {pairs})')
            a("    }")
        a()
        a("    /// The same as ``description``.")
        a("    public var debugDescription: String { description }")
        a()
        out.extend(doc_lines(model.mirror_doc, i + "    "))
        mirror = f"    public var customMirror: Mirror {{ Redacted.mirror(self, {pairs}) }}"
        if len(i + mirror) <= 120:
            a(mirror)
        else:
            a("    public var customMirror: Mirror {")
            a(f"        Redacted.mirror(self, {pairs})")
            a("    }")
    while out and out[-1] == "":
        out.pop()
    a("}")
    if model.parent:
        out.insert(0, f"extension {model.parent} {{")
        out.append("}")
    return "\n".join(out)


def render(what, models):
    parts = [
        "// Generated by Scripts/generate-models.py from its table of models: edit the table, not this output, and",
        "// run the script again (CI runs it with --check and fails when this file is stale).",
        f"// Here: {what}.",
        "",
        # Foundation is public API of the file when a public property is a `Date`.
        ("public import Foundation" if any(f.type == "Date" for m in models for f in m.fields) else "import Foundation"),
        # The JSON engine the direct readers use (a package-internal module).
        "import NangoJSON",
        "",
    ]
    for model in models:
        parts.append(generate(model))
        parts.append("")
    return "\n".join(parts)


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    for path, what, models in OUTPUTS:
        target = os.path.join(ROOT, path)
        generated = render(what, models)
        try:
            with open(target) as current:
                existing = current.read()
        except FileNotFoundError:
            existing = None
        if existing == generated:
            continue
        if check:
            stale.append(path)
        else:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w") as output:
                output.write(generated)
    # A file in the generated folder that no table produces (a model moved or removed) is stale too.
    folder = os.path.join(ROOT, "Sources/Nango/Models/Generated")
    produced = {os.path.basename(path) for path, _, _ in OUTPUTS}
    for name in sorted(os.listdir(folder)):
        if name.endswith(".swift") and name not in produced:
            if check:
                stale.append(f"Sources/Nango/Models/Generated/{name}")
            else:
                os.remove(os.path.join(folder, name))
    if stale:
        for path in stale:
            sys.stderr.write(f"{path} is stale: run python3 Scripts/generate-models.py\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
