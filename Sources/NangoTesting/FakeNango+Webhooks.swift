public import Foundation
public import HTTPTypes
public import Nango

// Webhooks in Nango's shapes, built from the fake's state and signed like Nango's.

extension FakeNango {
    /// A signed `sync` webhook, as Nango sends when a sync run finishes: the counts of `model`'s records
    /// added, updated and deleted at or after `modifiedAfter` on the connection.
    ///
    /// - Parameters:
    ///   - syncName: The sync's name.
    ///   - providerConfigKey: The integration's unique key.
    ///   - connectionID: The connection's id.
    ///   - model: The model the webhook reports on.
    ///   - modifiedAfter: The start of the run: fetch changes from here.
    ///   - variant: The sync variant (`base` by default).
    ///   - success: Whether the run succeeded (a failed run carries an error instead of counts).
    /// - Returns: The body and the headers to deliver it with.
    /// - Throws: ``SetupError/unknownConnection(connectionID:providerConfigKey:)``, or an encoding error.
    public func syncWebhook(
        syncName: String,
        providerConfigKey: String,
        connectionID: String,
        model: String,
        modifiedAfter: Date,
        variant: String = "base",
        success: Bool = true
    ) throws -> (body: Data, headers: HTTPFields) {
        let payload = try lock.withLock { () -> JSONValue in
            guard state.connectionIndex(connectionID, providerConfigKey) != nil else {
                throw SetupError.unknownConnection(connectionID: connectionID, providerConfigKey: providerConfigKey)
            }
            let storeKey = RecordStoreKey(providerConfigKey: providerConfigKey, connectionID: connectionID, model: model, variant: variant)
            var added: Int64 = 0, updated: Int64 = 0, deleted: Int64 = 0
            let threshold = WireDate.millisecondsSince1970(modifiedAfter)
            for record in state.stores[storeKey]?.records.values ?? [:].values
            where WireDate.millisecondsSince1970(record.lastModifiedAt) >= threshold {
                switch record.lastAction {
                case "ADDED": added += 1
                case "UPDATED": updated += 1
                default: deleted += 1
                }
            }
            let run = state.syncRun(SyncRunKey(providerConfigKey: providerConfigKey, connectionID: connectionID, name: syncName, variant: variant))
            var members: [String: JSONValue] = [
                "type": "sync",
                "from": "nango",
                "connectionId": .string(connectionID),
                "providerConfigKey": .string(providerConfigKey),
                "syncName": .string(syncName),
                "syncVariant": .string(variant),
                "model": .string(model),
                "syncType": .string(run.finishedAt == nil ? "INITIAL" : "INCREMENTAL"),
                "success": .bool(success),
                "modifiedAfter": .string(WireDate.milliseconds(modifiedAfter)),
                "queryTimeStamp": .string(WireDate.milliseconds(modifiedAfter)),
            ]
            if success {
                members["responseResults"] = ["added": .int(added), "updated": .int(updated), "deleted": .int(deleted)]
            } else {
                members["error"] = ["type": "script_error", "description": "The sync failed (FakeNango)."]
                members["startedAt"] = .string(WireDate.milliseconds(modifiedAfter))
                members["failedAt"] = .string(WireDate.milliseconds(Date()))
            }
            return .object(members)
        }
        return try webhook(payload)
    }

    /// A signed `auth` webhook, as Nango sends when a connection is created, refreshed or fails to refresh.
    ///
    /// - Parameters:
    ///   - providerConfigKey: The integration's unique key.
    ///   - connectionID: The connection's id.
    ///   - operation: `creation`, `override` or `refresh`.
    ///   - success: Whether the operation succeeded (a failure carries an error).
    /// - Returns: The body and the headers to deliver it with.
    /// - Throws: ``SetupError/unknownConnection(connectionID:providerConfigKey:)``, or an encoding error.
    public func authWebhook(
        providerConfigKey: String,
        connectionID: String,
        operation: String = "creation",
        success: Bool = true
    ) throws -> (body: Data, headers: HTTPFields) {
        let payload = try lock.withLock { () -> JSONValue in
            guard let index = state.connectionIndex(connectionID, providerConfigKey) else {
                throw SetupError.unknownConnection(connectionID: connectionID, providerConfigKey: providerConfigKey)
            }
            let connection = state.connections[index]
            var members: [String: JSONValue] = [
                "type": "auth",
                "from": "nango",
                "connectionId": .string(connectionID),
                "providerConfigKey": .string(providerConfigKey),
                "provider": .string(connection.provider),
                "authMode": .string(connection.credentials.type?.rawValue ?? "NONE"),
                "environment": "dev",
                "operation": .string(operation),
                "success": .bool(success),
                "tags": WireJSON.stringMapJSON(connection.tags),
            ]
            if let endUser = connection.endUser {
                var user: [String: JSONValue] = ["endUserId": .string(endUser.id), "tags": WireJSON.stringMapJSON(connection.tags)]
                if let email = endUser.email { user["endUserEmail"] = .string(email) }
                if let organization = endUser.organization { user["organizationId"] = .string(organization.id) }
                members["endUser"] = .object(user)
            }
            if !success {
                members["error"] = ["type": "refresh_token_external_error", "description": "The refresh failed (FakeNango)."]
            }
            return .object(members)
        }
        return try webhook(payload)
    }

    /// A signed `async_action` webhook, as Nango sends when an action triggered asynchronously completes.
    ///
    /// - Parameter id: The action's id (`NangoClient`'s `AsyncActionHandle.id`).
    /// - Returns: The body and the headers to deliver it with, or `nil` when no asynchronous action has this id.
    /// - Throws: An encoding error.
    public func asyncActionWebhook(id: String) throws -> (body: Data, headers: HTTPFields)? {
        let run = lock.withLock { state.asyncRuns[id] }
        guard let run else { return nil }
        let payload: JSONValue = [
            "type": "async_action",
            "from": "nango",
            "connectionId": .string(run.connectionID),
            "providerConfigKey": .string(run.providerConfigKey),
            "payload": ["id": .string(id), "statusUrl": .string("/action/\(id)")],
        ]
        return try webhook(payload)
    }

    /// A signed `forward` webhook: a provider's webhook as Nango forwards it.
    ///
    /// - Parameters:
    ///   - providerConfigKey: The integration's unique key.
    ///   - connectionID: The connection it concerns, if Nango matched one.
    ///   - payload: The provider's webhook body.
    /// - Returns: The body and the headers to deliver it with.
    /// - Throws: ``SetupError/unknownIntegration(_:)``, or an encoding error.
    public func forwardWebhook(
        providerConfigKey: String,
        connectionID: String? = nil,
        payload: JSONValue
    ) throws -> (body: Data, headers: HTTPFields) {
        let provider = try lock.withLock { () -> String in
            guard let index = state.integrationIndex(providerConfigKey) else { throw SetupError.unknownIntegration(providerConfigKey) }
            return state.integrations[index].provider
        }
        var members: [String: JSONValue] = [
            "type": "forward",
            "from": .string(provider),
            "providerConfigKey": .string(providerConfigKey),
            "payload": payload,
        ]
        if let connectionID { members["connectionId"] = .string(connectionID) }
        return try webhook(JSONValue.object(members))
    }
}
