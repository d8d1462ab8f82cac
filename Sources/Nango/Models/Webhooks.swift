public import Foundation
import NangoJSON

/// A webhook Nango sent to your backend, by type. Verify the request first with
/// ``NangoClient/verifyIncomingWebhookRequest(body:headers:)-(Data,HTTPFields)``.
///
/// ```swift
/// switch try NangoWebhook(decoding: rawBody) {
/// case .auth(let auth) where auth.success: await onNewConnection(auth.connectionID)
/// case .sync(let sync): await fetchChanges(model: sync.model, since: sync.modifiedAfter)
/// case .forward(let forward): await handleProviderEvent(forward.payload)
/// default: break
/// }
/// ```
///
/// A webhook type this SDK does not know, or a known one with an unexpected shape, is ``unknown(_:)`` with the JSON
/// as sent.
public enum NangoWebhook: Sendable, Hashable {
    /// A connection was created, overridden or refreshed, or failed to be (`type: auth`).
    case auth(AuthWebhook)
    /// A sync run finished, successfully or not (`type: sync`).
    case sync(SyncWebhook)
    /// A webhook from the external API, forwarded by Nango (`type: forward`).
    case forward(ForwardWebhook)
    /// An asynchronous action finished (`type: async_action`).
    case asyncAction(AsyncActionWebhook)
    /// Any other webhook.
    case unknown(JSONValue)

    /// Decodes a webhook body.
    ///
    /// - Throws: ``NangoError`` of kind ``NangoError/Kind/decoding`` when the body is not a JSON object.
    public init(decoding body: Data) throws {
        let json = try NangoCoding.decode(JSONValue.self, from: body, context: .init(operation: "NangoWebhook"))
        guard case .object(let members) = json else {
            throw NangoError(kind: .decoding, message: "A webhook body must be a JSON object.")
        }
        func decode<Payload: Decodable>(_ type: Payload.Type) -> Payload? {
            try? JSONEngine.decode(type, from: body, options: NangoCoding.engineOptions)
        }
        switch members["type"]?.stringValue {
        case "auth": self = decode(AuthWebhook.self).map(NangoWebhook.auth) ?? .unknown(json)
        case "sync": self = decode(SyncWebhook.self).map(NangoWebhook.sync) ?? .unknown(json)
        case "forward": self = decode(ForwardWebhook.self).map(NangoWebhook.forward) ?? .unknown(json)
        case "async_action": self = decode(AsyncActionWebhook.self).map(NangoWebhook.asyncAction) ?? .unknown(json)
        default: self = .unknown(json)
        }
    }

    /// Decodes a webhook body given as text.
    public init(decoding body: String) throws {
        try self.init(decoding: Data(body.utf8))
    }
}

/// What went wrong, in a failed auth or sync webhook.
public struct WebhookError: Decodable, Hashable, Sendable {
    /// A machine-readable type, e.g. `refresh_token_external_error`.
    public var type: String
    /// A human-readable account.
    public var description: String?
}

/// An auth webhook: a connection was created, overridden or refreshed (or failed to be).
public struct AuthWebhook: Decodable, Hashable, Sendable {
    /// Who sent it (`nango`).
    public var from: String
    /// The connection.
    public var connectionID: String
    /// The integration.
    public var providerConfigKey: String
    /// The provider (API) name.
    public var provider: String
    /// The connection's auth mode.
    public var authMode: AuthMode
    /// The Nango environment, e.g. `prod`.
    public var environment: String
    /// What happened: creation, override, refresh.
    public var operation: AuthOperation
    /// Whether it succeeded.
    public var success: Bool
    /// The end user, as Nango describes it in webhooks.
    public var endUser: [String: JSONValue]?
    /// The connection's tags.
    public var tags: [String: String]?
    /// What went wrong, when it failed.
    public var error: WebhookError?

    private enum CodingKeys: String, CodingKey {
        case from, provider, authMode, environment, operation, success, endUser, tags, error
        case connectionID = "connectionId"
        case providerConfigKey
    }
}

/// What an auth webhook reports. An open set.
public struct AuthOperation: OpenEnumeration {
    /// The operation as Nango spells it.
    public let rawValue: String

    /// Wraps an operation.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `creation`: a new connection.
    public static let creation: AuthOperation = "creation"
    /// `override`: new credentials for an existing connection.
    public static let override: AuthOperation = "override"
    /// `refresh`: a token refresh (failures only).
    public static let refresh: AuthOperation = "refresh"
    /// `unknown`.
    public static let unknown: AuthOperation = "unknown"
}

/// A sync webhook: a sync run finished.
public struct SyncWebhook: Decodable, Hashable, Sendable {
    /// Who sent it (`nango`).
    public var from: String
    /// The connection.
    public var connectionID: String
    /// The integration.
    public var providerConfigKey: String
    /// The sync's name.
    public var syncName: String
    /// The sync's variant.
    public var syncVariant: String?
    /// The model the run changed.
    public var model: String
    /// The run's type (deprecated by Nango).
    public var syncType: SyncRunType?
    /// Whether the run succeeded.
    public var success: Bool
    /// On success: fetch records modified after this instant to get the run's changes.
    public var modifiedAfter: Date?
    /// On success: how many records the run added, updated and deleted.
    public var responseResults: SyncResultCounts?
    /// The checkpoints the run saved.
    public var checkpoints: JSONValue?
    /// On failure: what went wrong.
    public var error: WebhookError?
    /// On failure: when the run started.
    public var startedAt: Date?
    /// On failure: when it failed.
    public var failedAt: Date?

    private enum CodingKeys: String, CodingKey {
        case from, providerConfigKey, syncName, syncVariant, model, syncType, success, modifiedAfter
        case responseResults, checkpoints, error, startedAt, failedAt
        case connectionID = "connectionId"
    }

    /// Decodes a sync webhook.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        from = try container.decode(String.self, forKey: .from)
        connectionID = try container.decode(String.self, forKey: .connectionID)
        providerConfigKey = try container.decode(String.self, forKey: .providerConfigKey)
        syncName = try container.decode(String.self, forKey: .syncName)
        syncVariant = try container.decodeIfPresent(String.self, forKey: .syncVariant)
        model = try container.decode(String.self, forKey: .model)
        syncType = try container.decodeIfPresent(SyncRunType.self, forKey: .syncType)
        success = try container.decode(Bool.self, forKey: .success)
        modifiedAfter = try container.decodeISO8601IfPresent(forKey: .modifiedAfter)
        responseResults = try container.decodeIfPresent(SyncResultCounts.self, forKey: .responseResults)
        checkpoints = try container.decodeIfPresent(JSONValue.self, forKey: .checkpoints)
        error = try container.decodeIfPresent(WebhookError.self, forKey: .error)
        startedAt = try container.decodeISO8601IfPresent(forKey: .startedAt)
        failedAt = try container.decodeISO8601IfPresent(forKey: .failedAt)
    }
}

/// A webhook from the external API, forwarded by Nango.
public struct ForwardWebhook: Decodable, Hashable, Sendable {
    /// The provider that sent it, e.g. `github`.
    public var from: String
    /// The connection it concerns, when Nango could tell.
    public var connectionID: String?
    /// The integration.
    public var providerConfigKey: String
    /// The provider's webhook body.
    public var payload: JSONValue

    private enum CodingKeys: String, CodingKey {
        case from, providerConfigKey, payload
        case connectionID = "connectionId"
    }
}

/// An asynchronous action finished: fetch its result with the handle.
public struct AsyncActionWebhook: Decodable, Hashable, Sendable {
    /// Who sent it (`nango`).
    public var from: String
    /// The connection.
    public var connectionID: String
    /// The integration.
    public var providerConfigKey: String
    /// The action run, for ``NangoClient/getAsyncActionResult(_:as:)``.
    public var handle: AsyncActionHandle

    private enum CodingKeys: String, CodingKey {
        case from, providerConfigKey
        case connectionID = "connectionId"
        case handle = "payload"
    }
}
