import Foundation
import HTTPTypes
import Nango

// Routing: one handler per endpoint of Nango's API, each answering with the shapes of the OpenAPI description.

extension FakeNango {
    func route(_ request: RecordedRequest) async throws -> FakeReply {
        let segments = request.pathSegments
        let method = request.method
        guard let first = segments.first else { throw Self.noRoute(request) }
        let rest = Array(segments.dropFirst())
        switch first {
        case "providers": return try providers(method, rest, request)
        case "integrations": return try integrations(method, rest, request)
        case "connections", "connection": return try connections(method, rest, request)
        case "records": return try records(method, rest, request)
        case "sync": return try syncs(method, rest, request)
        case "action": return try await actions(method, rest, request)
        case "proxy": return try await proxy(request)
        case "environment-variables" where rest.isEmpty && method == .get:
            let variables = lock.withLock { state.environmentVariables }
            return .json(.array(variables.map { ["name": .string($0.name), "value": .string($0.value)] }))
        case "scripts" where rest == ["config"] && method == .get:
            return try scriptsConfig(request)
        case "connect": return try connect(method, rest, request)
        default: throw Self.noRoute(request)
        }
    }

    static func noRoute(_ request: RecordedRequest) -> APIFailure {
        APIFailure(
            status: 404,
            code: "not_found",
            message: "FakeNango does not serve \(request.method.rawValue) \(request.path)."
        )
    }

    // MARK: Providers

    private func providers(_ method: HTTPRequest.Method, _ rest: [String], _ request: RecordedRequest) throws -> FakeReply {
        guard method == .get else { throw Self.noRoute(request) }
        switch rest.count {
        case 0:
            let search = request.queryValues("search").first?.lowercased()
            let matching = FakeProviders.catalogue.filter { provider in
                guard let search, !search.isEmpty else { return true }
                return provider.name.lowercased().contains(search) || provider.displayName.lowercased().contains(search)
            }
            return .json(["data": .array(matching.map(\.json))])
        case 1, 2:
            guard let provider = FakeProviders.find(rest[0]) else {
                throw APIFailure.notFound("Unknown provider \(rest[0]).")
            }
            if rest.count == 1 { return .json(["data": provider.json]) }
            guard rest[1] == "templates" else { throw Self.noRoute(request) }
            return .json(["data": .array(provider.templates)])
        default:
            throw Self.noRoute(request)
        }
    }

    // MARK: Integrations

    private func integrations(_ method: HTTPRequest.Method, _ rest: [String], _ request: RecordedRequest) throws -> FakeReply {
        if rest.isEmpty {
            switch method {
            case .get:
                return .json(["data": .array(lock.withLock { state.integrations.map { $0.json(include: []) } })])
            case .post:
                return .json(["data": try createIntegration(request.body, quickstart: false)])
            default: throw Self.noRoute(request)
            }
        }
        if rest == ["quickstart"], method == .post {
            // The description says `data` is a list; the SDK accepts a list or one object.
            return .json(["data": [try createIntegration(request.body, quickstart: true)]])
        }
        let key = rest[0]
        if rest.count == 1 {
            switch method {
            case .get:
                let include = Set(request.queryValues("include").flatMap { $0.split(separator: ",").map(String.init) })
                return try lock.withLock {
                    guard let index = state.integrationIndex(key) else { throw Self.unknownIntegration(key) }
                    return .json(["data": state.integrations[index].json(include: include)])
                }
            case .patch:
                return .json(["data": try updateIntegration(key, request.body)])
            case .delete:
                try lock.withLock {
                    guard let index = state.integrationIndex(key) else { throw Self.unknownIntegration(key) }
                    state.integrations.remove(at: index)
                    while let connection = state.connections.firstIndex(where: { $0.providerConfigKey == key }) {
                        state.removeConnection(at: connection)
                    }
                    state.syncs.removeAll { $0.providerConfigKey == key }
                    state.actions.removeAll { $0.providerConfigKey == key }
                }
                return .success
            default: throw Self.noRoute(request)
            }
        }
        guard rest[1] == "functions" else { throw Self.noRoute(request) }
        return try functions(method, key, Array(rest.dropFirst(2)), request)
    }

    static func unknownIntegration(_ key: String) -> APIFailure {
        APIFailure.notFound("Integration \"\(key)\" does not exist.")
    }

    private func createIntegration(_ body: Data?, quickstart: Bool) throws -> JSONValue {
        let members = try WireJSON.object(body)
        let provider = try WireJSON.requiredString(members, "provider")
        let uniqueKey = try WireJSON.requiredString(members, "unique_key")
        let displayName = try WireJSON.optionalString(members, "display_name")
        guard FakeProviders.find(provider) != nil else {
            throw APIFailure.invalidBody("Unknown provider \(provider).", path: ["provider"])
        }
        let credentials = try Self.integrationCredentials(members["credentials"], required: false)
        if quickstart, credentials != nil {
            throw APIFailure.invalidBody("A quickstart integration uses Nango's developer app: no credentials.", path: ["credentials"])
        }
        let forward = members["forward_webhooks"]?.boolValue ?? true
        return try lock.withLock {
            guard state.integrationIndex(uniqueKey) == nil else {
                throw APIFailure.invalidBody("An integration with the unique key \"\(uniqueKey)\" already exists.", path: ["unique_key"])
            }
            let now = state.tick()
            let entry = IntegrationEntry(
                uniqueKey: uniqueKey,
                provider: provider,
                displayName: displayName ?? FakeProviders.find(provider)?.displayName ?? provider,
                logo: FakeProviders.logo(provider),
                forwardWebhooks: forward,
                credentials: credentials,
                webhookURL: nil,
                createdAt: now,
                updatedAt: now
            )
            state.integrations.append(entry)
            return entry.json(include: [])
        }
    }

    private func updateIntegration(_ key: String, _ body: Data?) throws -> JSONValue {
        let members = try WireJSON.object(body)
        let newKey = try WireJSON.optionalString(members, "unique_key")
        let displayName = try WireJSON.optionalString(members, "display_name")
        let credentials = try Self.integrationCredentials(members["credentials"], required: false)
        return try lock.withLock {
            guard let index = state.integrationIndex(key) else { throw Self.unknownIntegration(key) }
            if let newKey, newKey != key {
                guard state.integrationIndex(newKey) == nil else {
                    throw APIFailure.invalidBody("An integration with the unique key \"\(newKey)\" already exists.", path: ["unique_key"])
                }
                state.integrations[index].uniqueKey = newKey
                for connection in state.connections.indices where state.connections[connection].providerConfigKey == key {
                    state.connections[connection].providerConfigKey = newKey
                }
                state.stores = Dictionary(uniqueKeysWithValues: state.stores.map { storeKey, store in
                    var renamed = storeKey
                    if renamed.providerConfigKey == key { renamed.providerConfigKey = newKey }
                    return (renamed, store)
                })
                state.syncRuns = Dictionary(uniqueKeysWithValues: state.syncRuns.map { runKey, run in
                    var renamed = runKey
                    if renamed.providerConfigKey == key { renamed.providerConfigKey = newKey }
                    return (renamed, run)
                })
                for sync in state.syncs.indices where state.syncs[sync].providerConfigKey == key {
                    state.syncs[sync].providerConfigKey = newKey
                }
                for action in state.actions.indices where state.actions[action].providerConfigKey == key {
                    state.actions[action].providerConfigKey = newKey
                }
            }
            if let displayName { state.integrations[index].displayName = displayName }
            if let forward = members["forward_webhooks"]?.boolValue { state.integrations[index].forwardWebhooks = forward }
            if let credentials { state.integrations[index].credentials = credentials }
            state.integrations[index].updatedAt = state.tick()
            return state.integrations[index].json(include: [])
        }
    }

    static func integrationCredentials(_ value: JSONValue?, required: Bool) throws -> IntegrationCredentials? {
        switch value {
        case nil, .null?:
            return nil
        case .object(let members)? where members["type"]?.stringValue != nil:
            do {
                return try JSONValue.object(members).decode(as: IntegrationCredentials.self)
            } catch {
                throw APIFailure.invalidBody("credentials do not have the shape of their type.", path: ["credentials"])
            }
        default:
            throw APIFailure.invalidBody("credentials must be an object with a type.", path: ["credentials"])
        }
    }

    // MARK: Functions and scripts

    private func functions(_ method: HTTPRequest.Method, _ key: String, _ rest: [String], _ request: RecordedRequest) throws -> FakeReply {
        let type = request.queryValues("type").first
        if let type, !["sync", "action", "on-event"].contains(type) {
            throw APIFailure.invalidQuery("type must be sync, action or on-event.", path: ["type"])
        }
        let deployed = try lock.withLock { () -> [FakeFunction] in
            guard state.integrationIndex(key) != nil else { throw Self.unknownIntegration(key) }
            return state.functions(of: key)
        }
        if rest.isEmpty {
            guard method == .get else { throw Self.noRoute(request) }
            let search = request.queryValues("search").first?.lowercased()
            let page = Int(request.queryValues("page").first ?? "0") ?? 0
            let limit = Int(request.queryValues("limit").first ?? "20") ?? 20
            guard page >= 0, (1...100).contains(limit) else {
                throw APIFailure.invalidQuery("page must be at least 0 and limit between 1 and 100.", path: ["limit"])
            }
            let matching = deployed.filter { function in
                (type == nil || function.type == type) && (search.map { function.name.lowercased().contains($0) } ?? true)
            }
            let pageItems = matching.dropFirst(page * limit).prefix(limit)
            return .json([
                "data": .array(pageItems.map(\.json)),
                "pagination": ["total": .int(Int64(matching.count)), "page": .int(Int64(page)), "limit": .int(Int64(limit))],
            ])
        }
        let name = rest[0]
        let candidates = deployed.filter { $0.name == name && (type == nil || $0.type == type) }
        guard let function = candidates.first else {
            throw APIFailure.notFound("No function \"\(name)\" is deployed on \"\(key)\".")
        }
        guard candidates.count == 1 else {
            throw APIFailure(
                status: 409,
                code: "conflict",
                message: "Several functions are named \"\(name)\"; pass a type."
            )
        }
        switch (method, rest.count) {
        case (.get, 1):
            return .json(["data": function.json])
        case (.get, 2) where rest[1] == "code":
            return .json(["type": .string(function.type), "code": .string(function.code)])
        case (.delete, 1):
            lock.withLock {
                if function.type == "sync" {
                    state.syncs.removeAll { $0.name == name && $0.providerConfigKey == key }
                } else {
                    state.actions.removeAll { $0.name == name && $0.providerConfigKey == key }
                }
            }
            return .json(["data": ["success": true]])
        default:
            throw Self.noRoute(request)
        }
    }

    private func scriptsConfig(_ request: RecordedRequest) throws -> FakeReply {
        let format = request.queryValues("format").first ?? "nango"
        let configs = lock.withLock { () -> [(IntegrationEntry, [FakeFunction])] in
            state.integrations.map { ($0, state.functions(of: $0.uniqueKey)) }.filter { !$0.1.isEmpty }
        }
        switch format {
        case "nango":
            // Nango answers a list of integrations (the description shows one object).
            return .json(.array(configs.map { integration, functions in
                [
                    "providerConfigKey": .string(integration.uniqueKey),
                    "provider": .string(integration.provider),
                    "syncs": .array(functions.filter { $0.type == "sync" }.map(\.scriptJSON)),
                    "actions": .array(functions.filter { $0.type == "action" }.map(\.scriptJSON)),
                    "on-events": [],
                ]
            }))
        case "openai":
            let functions = configs.flatMap { $0.1 }.filter { $0.type == "action" }
            guard !functions.isEmpty else { return .json([]) }
            return .json(["data": .array(functions.map { function in
                [
                    "name": .string(function.name),
                    "description": .string(function.description),
                    "parameters": ["type": "object", "properties": [:], "required": []],
                ]
            })])
        default:
            throw APIFailure.invalidQuery("format must be nango or openai.", path: ["format"])
        }
    }

    // MARK: Connections

    private func connections(_ method: HTTPRequest.Method, _ rest: [String], _ request: RecordedRequest) throws -> FakeReply {
        if rest == ["metadata"], method == .post || method == .patch {
            return try changeMetadata(request.body, merge: method == .patch)
        }
        if rest.isEmpty {
            switch method {
            case .get: return try listConnections(request)
            case .post: return .json(try importConnection(request.body))
            default: throw Self.noRoute(request)
            }
        }
        guard rest.count == 1 else {
            if rest.count == 2, rest[1] == "metadata", method == .post || method == .patch {
                // The legacy `/connection/{id}/metadata` form, addressed with the Provider-Config-Key header.
                var members = try WireJSON.object(request.body)
                members["connection_id"] = .string(rest[0])
                if members["provider_config_key"] == nil, let key = request.header("Provider-Config-Key") {
                    members["provider_config_key"] = .string(key)
                }
                return try changeMetadata(WireJSON.encode(.object(members)), merge: method == .patch)
            }
            throw Self.noRoute(request)
        }
        let connectionID = rest[0]
        guard let key = request.queryValues("provider_config_key").first, !key.isEmpty else {
            throw APIFailure.invalidQuery("provider_config_key is required.", path: ["provider_config_key"])
        }
        switch method {
        case .get:
            let forceRefresh = request.queryValues("force_refresh").first == "true"
            let includeRefreshToken = request.queryValues("refresh_token").first == "true"
            return try lock.withLock {
                guard let index = state.connectionIndex(connectionID, key) else {
                    throw APIFailure.notFound("Failed to find connection \"\(connectionID)\" for \"\(key)\".")
                }
                state.refreshIfNeeded(index, force: forceRefresh)
                state.connections[index].lastFetchedAt = state.tick()
                var json = state.connections[index].fullJSON
                // Nango sends the refresh token only when asked for it.
                if !includeRefreshToken, case .object(var connection) = json, case .object(var credentials)? = connection["credentials"] {
                    credentials["refresh_token"] = nil
                    connection["credentials"] = .object(credentials)
                    json = .object(connection)
                }
                return .json(json)
            }
        case .patch:
            let members = try WireJSON.object(request.body)
            let tags = try WireJSON.stringMap(members["tags"], "tags")
            var endUser: EndUser?
            if let value = members["end_user"], !value.isNull {
                do { endUser = try value.decode(as: EndUser.self) } catch {
                    throw APIFailure.invalidBody("end_user must be an object with an id.", path: ["end_user"])
                }
            }
            let webhookOverride = try WireJSON.optionalString(members, "webhook_url_override")
            try lock.withLock {
                guard let index = state.connectionIndex(connectionID, key) else {
                    throw APIFailure.notFound("Failed to find connection \"\(connectionID)\" for \"\(key)\".")
                }
                if let tags {
                    state.connections[index].tags = Dictionary(tags.map { ($0.key.lowercased(), $0.value) }) { $1 }
                }
                if let endUser { state.connections[index].endUser = endUser }
                if members["webhook_url_override"] != nil { state.connections[index].webhookURLOverride = webhookOverride }
                state.connections[index].updatedAt = state.tick()
            }
            return .success
        case .delete:
            try lock.withLock {
                guard let index = state.connectionIndex(connectionID, key) else {
                    throw APIFailure.notFound("Failed to find connection \"\(connectionID)\" for \"\(key)\".")
                }
                state.removeConnection(at: index)
            }
            return .success
        default:
            throw Self.noRoute(request)
        }
    }

    private func listConnections(_ request: RecordedRequest) throws -> FakeReply {
        let connectionID = request.queryValues("connectionId").first
        let search = request.queryValues("search").first?.lowercased()
        let endUserID = request.queryValues("endUserId").first
        let organizationID = request.queryValues("endUserOrganizationId").first
        let integrationIDs = request.queryValues("integrationId").first.map { $0.split(separator: ",").map(String.init) }
        var tagFilters: [String: String] = [:]
        for item in request.query where item.name.hasPrefix("tags[") && item.name.hasSuffix("]") {
            tagFilters[String(item.name.dropFirst(5).dropLast()).lowercased()] = item.value
        }
        let limit = try request.queryValues("limit").first.map { text -> Int in
            guard let value = Int(text), (1...10_000).contains(value) else {
                throw APIFailure.invalidQuery("limit must be a number between 1 and 10000.", path: ["limit"])
            }
            return value
        } ?? 10_000
        let page = try request.queryValues("page").first.map { text -> Int in
            guard let value = Int(text), value >= 0 else {
                throw APIFailure.invalidQuery("page must be a non-negative number.", path: ["page"])
            }
            return value
        } ?? 0
        let all = lock.withLock { state.connections }
        let matching = all.reversed().filter { connection in
            if let connectionID, connection.connectionID != connectionID { return false }
            if let search, !connection.connectionID.lowercased().contains(search) { return false }
            if let endUserID, connection.endUser?.id != endUserID { return false }
            if let organizationID, connection.endUser?.organization?.id != organizationID { return false }
            if let integrationIDs, !integrationIDs.contains(connection.providerConfigKey) { return false }
            for (key, value) in tagFilters where connection.tags[key] != value { return false }
            return true
        }
        let pageItems = matching.dropFirst(page * limit).prefix(limit)
        return .json(["connections": .array(pageItems.map(\.summaryJSON))])
    }

    private func importConnection(_ body: Data?) throws -> JSONValue {
        let members = try WireJSON.object(body)
        let key = try WireJSON.requiredString(members, "provider_config_key")
        let connectionID = try WireJSON.optionalString(members, "connection_id") ?? UUID().uuidString.lowercased()
        guard let credentialsJSON = members["credentials"], case .object = credentialsJSON else {
            throw APIFailure.invalidBody("credentials is required.", path: ["credentials"])
        }
        let credentials: Credentials
        do { credentials = try credentialsJSON.decode(as: Credentials.self) } catch {
            throw APIFailure.invalidBody("credentials do not have the shape of their type.", path: ["credentials"])
        }
        let metadata = members["metadata"]?.objectValue
        let connectionConfig = members["connection_config"]?.objectValue
        let tags = try WireJSON.stringMap(members["tags"], "tags")
        var endUser: EndUser?
        if let value = members["end_user"], !value.isNull {
            do { endUser = try value.decode(as: EndUser.self) } catch {
                throw APIFailure.invalidBody("end_user must be an object with an id.", path: ["end_user"])
            }
        }
        return try lock.withLock {
            guard let integration = state.integrationIndex(key) else {
                throw APIFailure.unknownProviderConfig(key)
            }
            if let index = state.connectionIndex(connectionID, key) {
                // Importing an existing connection replaces its credentials and the fields sent.
                state.connections[index].credentials = credentials
                if let metadata { state.connections[index].metadata = metadata }
                if let connectionConfig { state.connections[index].connectionConfig = connectionConfig }
                if let tags { state.connections[index].tags = tags }
                if let endUser { state.connections[index].endUser = endUser }
                state.connections[index].updatedAt = state.tick()
                return state.connections[index].fullJSON
            }
            state.insertConnection(
                connectionID: connectionID,
                integration: integration,
                credentials: credentials,
                tags: tags ?? [:],
                metadata: metadata ?? [:],
                connectionConfig: connectionConfig ?? [:],
                endUser: endUser,
                errors: [],
                createdAt: nil
            )
            return state.connections[state.connections.count - 1].fullJSON
        }
    }

    private func changeMetadata(_ body: Data?, merge: Bool) throws -> FakeReply {
        let members = try WireJSON.object(body)
        let key = try WireJSON.requiredString(members, "provider_config_key")
        let ids: [String]
        switch members["connection_id"] {
        case .string(let id)? where !id.isEmpty: ids = [id]
        case .array(let values)? where !values.isEmpty && values.allSatisfy({ !($0.stringValue ?? "").isEmpty }):
            ids = values.compactMap(\.stringValue)
        default:
            throw APIFailure.invalidBody("connection_id must be a string or a non-empty list of strings.", path: ["connection_id"])
        }
        guard case .object(let metadata)? = members["metadata"] else {
            throw APIFailure.invalidBody("metadata must be an object.", path: ["metadata"])
        }
        try lock.withLock {
            // All or nothing: one unknown connection aborts the change.
            let indices = try ids.map { try state.requireConnection($0, key) }
            let now = state.tick()
            for index in indices {
                if merge {
                    // Nango merges the top level: keys sent replace those stored, the others stay.
                    state.connections[index].metadata.merge(metadata) { $1 }
                } else {
                    state.connections[index].metadata = metadata
                }
                state.connections[index].updatedAt = now
            }
        }
        let echo: JSONValue = [
            "connection_id": members["connection_id"] ?? .null,
            "provider_config_key": .string(key),
            "metadata": .object(metadata),
        ]
        return .json(echo, status: merge ? 200 : 201)
    }

    // MARK: Records

    private func connectionHeaders(_ request: RecordedRequest) throws -> (connectionID: String, providerConfigKey: String) {
        guard let connectionID = request.header("Connection-Id"), !connectionID.isEmpty else {
            throw APIFailure.invalid("invalid_headers", "The Connection-Id header is required.", path: ["connection-id"])
        }
        guard let key = request.header("Provider-Config-Key"), !key.isEmpty else {
            throw APIFailure.invalid("invalid_headers", "The Provider-Config-Key header is required.", path: ["provider-config-key"])
        }
        return (connectionID, key)
    }

    private func records(_ method: HTTPRequest.Method, _ rest: [String], _ request: RecordedRequest) throws -> FakeReply {
        let (connectionID, key) = try connectionHeaders(request)
        if rest == ["prune"], method == .patch {
            let members = try WireJSON.object(request.body)
            let model = try WireJSON.requiredString(members, "model")
            let cursor = try WireJSON.requiredString(members, "until_cursor")
            let variant = try WireJSON.optionalString(members, "variant") ?? "base"
            var limit: Int?
            if let value = members["limit"] {
                guard let number = value.intValue, (1...10_000).contains(number) else {
                    throw APIFailure.invalidBody("limit must be between 1 and 10000.", path: ["limit"])
                }
                limit = Int(number)
            }
            guard let sequence = StoredRecord.sequence(ofCursor: cursor) else {
                throw APIFailure.invalidBody("until_cursor is not a valid cursor.", path: ["until_cursor"])
            }
            let result = try lock.withLock {
                _ = try state.requireConnection(connectionID, key)
                let storeKey = RecordStoreKey(providerConfigKey: key, connectionID: connectionID, model: model, variant: variant)
                return state.prune(storeKey, untilSequence: sequence, limit: limit)
            }
            return .json(["count": .int(Int64(result.count)), "has_more": .bool(result.hasMore)])
        }
        guard method == .get, rest.isEmpty || rest == [""] else { throw Self.noRoute(request) }
        guard let model = request.queryValues("model").first, !model.isEmpty else {
            throw APIFailure.invalidQuery("model is required.", path: ["model"])
        }
        let variant = request.queryValues("variant").first ?? "base"
        let limit = try request.queryValues("limit").first.map { text -> Int in
            guard let value = Int(text), (1...10_000).contains(value) else {
                throw APIFailure.invalidQuery("Number must be between 1 and 10000.", path: ["limit"])
            }
            return value
        } ?? 100
        let modifiedAfter = try request.queryValues("modified_after").first.map { text -> Date in
            guard let date = WireDate.parse(text) else {
                throw APIFailure.invalidQuery("modified_after must be an ISO 8601 date.", path: ["modified_after"])
            }
            return date
        }
        let filter = try request.queryValues("filter").first.map { text -> Set<String> in
            let actions = Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
            guard !actions.isEmpty, actions.isSubset(of: ["ADDED", "UPDATED", "DELETED"]) else {
                throw APIFailure.invalidQuery("filter must list added, updated or deleted.", path: ["filter"])
            }
            return actions
        }
        let after = try request.queryValues("cursor").first.map { text -> Int in
            guard let sequence = StoredRecord.sequence(ofCursor: text) else {
                throw APIFailure.invalidQuery("cursor is not a valid cursor.", path: ["cursor"])
            }
            return sequence
        }
        let ids = Set(request.queryValues("ids"))
        let stored = try lock.withLock { () -> [StoredRecord] in
            _ = try state.requireConnection(connectionID, key)
            let storeKey = RecordStoreKey(providerConfigKey: key, connectionID: connectionID, model: model, variant: variant)
            return Array(state.stores[storeKey]?.records.values ?? [:].values)
        }
        let matching = stored.filter { record in
            if let after, record.sequence <= after { return false }
            if let modifiedAfter, WireDate.millisecondsSince1970(record.lastModifiedAt) < WireDate.millisecondsSince1970(modifiedAfter) {
                return false
            }
            if let filter, !filter.contains(record.lastAction) { return false }
            if !ids.isEmpty, !(record.id.recordKey.map(ids.contains) ?? false) { return false }
            return true
        }.sorted { $0.sequence < $1.sequence }
        let page = matching.prefix(limit)
        var body: [String: JSONValue] = ["records": .array(page.map(\.json))]
        if matching.count > limit, let last = page.last {
            body["next_cursor"] = .string(last.cursor)
        }
        return .json(.object(body))
    }

    // MARK: Syncs

    private func syncs(_ method: HTTPRequest.Method, _ rest: [String], _ request: RecordedRequest) throws -> FakeReply {
        switch (method, rest) {
        case (.post, ["trigger"]), (.post, ["start"]), (.post, ["pause"]):
            return try changeSyncs(rest[0], request.body)
        case (.get, ["status"]):
            return try syncStatusReply(request)
        case (.put, ["update-connection-frequency"]):
            return try updateFrequency(request.body)
        case (.post, _) where rest.count == 3 && rest[1] == "variant",
             (.delete, _) where rest.count == 3 && rest[1] == "variant":
            return try syncVariant(method, name: rest[0], variant: rest[2], request.body)
        default:
            throw Self.noRoute(request)
        }
    }

    private func syncSelection(_ value: JSONValue?) throws -> [(name: String, variant: String?)] {
        guard case .array(let items)? = value else {
            throw APIFailure.invalidBody("syncs must be a list.", path: ["syncs"])
        }
        return try items.map { item in
            switch item {
            case .string(let text):
                return Self.syncName(text)
            case .object(let members):
                guard let name = members["name"]?.stringValue else {
                    throw APIFailure.invalidBody("Each sync needs a name.", path: ["syncs"])
                }
                return (name, members["variant"]?.stringValue)
            default:
                throw APIFailure.invalidBody("Each sync is a name or an object with name and variant.", path: ["syncs"])
            }
        }
    }

    /// `name` or `name::variant`, as the status query and the trigger body write a sync.
    static func syncName(_ text: String) -> (name: String, variant: String?) {
        guard let separator = text.range(of: "::") else { return (text, nil) }
        return (String(text[..<separator.lowerBound]), String(text[separator.upperBound...]))
    }

    private func changeSyncs(_ verb: String, _ body: Data?) throws -> FakeReply {
        let members = try WireJSON.object(body)
        let key = try WireJSON.requiredString(members, "provider_config_key")
        let connectionID = try WireJSON.optionalString(members, "connection_id")
        let selection = try syncSelection(members["syncs"])
        let reset = members["opts"]?["reset"]?.boolValue ?? false
        let emptyCache = members["opts"]?["emptyCache"]?.boolValue ?? false
        try lock.withLock {
            guard state.integrationIndex(key) != nil else { throw APIFailure.unknownProviderConfig(key) }
            let connectionIDs: [String]
            if let connectionID {
                _ = try state.requireConnection(connectionID, key)
                connectionIDs = [connectionID]
            } else {
                connectionIDs = state.connections.filter { $0.providerConfigKey == key }.map(\.connectionID)
            }
            let chosen = selection.isEmpty ? state.syncs.filter { $0.providerConfigKey == key }.map { ($0.name, String?.none) } : selection
            for (name, _) in chosen where state.syncDefinition(name, key) == nil {
                throw APIFailure(status: 400, code: "unknown_sync", message: "No sync \"\(name)\" is deployed on \"\(key)\".")
            }
            let now = state.tick()
            for connection in connectionIDs {
                for (name, variant) in chosen {
                    let runKey = SyncRunKey(providerConfigKey: key, connectionID: connection, name: name, variant: variant ?? "base")
                    var run = state.syncRun(runKey)
                    switch verb {
                    case "trigger":
                        run.status = "RUNNING"
                        if reset {
                            run.checkpoint = .null
                            run.type = "INITIAL"
                        }
                        if emptyCache, let definition = state.syncDefinition(name, key) {
                            for model in definition.models {
                                state.stores[RecordStoreKey(
                                    providerConfigKey: key, connectionID: connection, model: model, variant: variant ?? "base"
                                )] = nil
                            }
                        }
                    case "pause":
                        run.status = "PAUSED"
                        run.nextScheduledSyncAt = nil
                    default:
                        if run.status == "PAUSED" || run.status == "STOPPED" { run.status = "SUCCESS" }
                        run.nextScheduledSyncAt = now.addingTimeInterval(3600)
                    }
                    state.syncRuns[runKey] = run
                }
            }
        }
        return .success
    }

    private func syncStatusReply(_ request: RecordedRequest) throws -> FakeReply {
        guard let key = request.queryValues("provider_config_key").first, !key.isEmpty else {
            throw APIFailure.invalidQuery("provider_config_key is required.", path: ["provider_config_key"])
        }
        guard let selectionText = request.queryValues("syncs").first, !selectionText.isEmpty else {
            throw APIFailure.invalidQuery("syncs is required.", path: ["syncs"])
        }
        let connectionID = request.queryValues("connection_id").first
        let statuses = try lock.withLock { () -> [JSONValue] in
            guard state.integrationIndex(key) != nil else { throw APIFailure.unknownProviderConfig(key) }
            let connectionIDs: [String]
            if let connectionID {
                _ = try state.requireConnection(connectionID, key)
                connectionIDs = [connectionID]
            } else {
                connectionIDs = state.connections.filter { $0.providerConfigKey == key }.map(\.connectionID)
            }
            var selected: [(name: String, variant: String?)] = []
            if selectionText == "*" {
                selected = state.syncs.filter { $0.providerConfigKey == key }.map { ($0.name, nil) }
            } else {
                for item in selectionText.split(separator: ",") {
                    let (name, variant) = Self.syncName(String(item))
                    guard state.syncDefinition(name, key) != nil else {
                        throw APIFailure(status: 400, code: "unknown_sync", message: "No sync \"\(name)\" is deployed on \"\(key)\".")
                    }
                    selected.append((name, variant))
                }
            }
            var result: [JSONValue] = []
            for connection in connectionIDs {
                for (name, variant) in selected {
                    // Without a variant: the base run and every variant created on the connection.
                    var variants = Set(state.syncRuns.keys
                        .filter { $0.providerConfigKey == key && $0.connectionID == connection && $0.name == name }
                        .map(\.variant))
                    variants.insert("base")
                    let chosen = variant.map { [$0] } ?? variants.sorted()
                    for variantName in chosen {
                        let runKey = SyncRunKey(providerConfigKey: key, connectionID: connection, name: name, variant: variantName)
                        result.append(state.statusJSON(runKey))
                    }
                }
            }
            return result
        }
        return .json(["syncs": .array(statuses)])
    }

    private func updateFrequency(_ body: Data?) throws -> FakeReply {
        let members = try WireJSON.object(body)
        let name = try WireJSON.requiredString(members, "sync_name")
        let variant = try WireJSON.optionalString(members, "sync_variant") ?? "base"
        let key = try WireJSON.requiredString(members, "provider_config_key")
        let connectionID = try WireJSON.requiredString(members, "connection_id")
        let frequency = try WireJSON.optionalString(members, "frequency")
        if let frequency, !Self.isValidFrequency(frequency) {
            throw APIFailure.invalidBody("Invalid frequency: \(frequency).", path: ["frequency"])
        }
        let effective = try lock.withLock { () -> String in
            _ = try state.requireConnection(connectionID, key)
            guard let definition = state.syncDefinition(name, key) else {
                throw APIFailure(status: 400, code: "unknown_sync", message: "No sync \"\(name)\" is deployed on \"\(key)\".")
            }
            let runKey = SyncRunKey(providerConfigKey: key, connectionID: connectionID, name: name, variant: variant)
            var run = state.syncRun(runKey)
            run.frequency = frequency
            state.syncRuns[runKey] = run
            return frequency ?? definition.frequency
        }
        return .json(["frequency": .string(effective)])
    }

    /// Nango's frequency syntax, loosely: `every <n> <unit>`, `every <unit>`, or `<n><unit>` (`30m`, `1h`).
    static func isValidFrequency(_ text: String) -> Bool {
        let units = ["second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
                     "month", "months", "s", "m", "h", "d", "w", "sec", "secs", "min", "mins", "hr", "hrs"]
        var words = text.lowercased().split(separator: " ").map(String.init)
        if words.first == "every" { words.removeFirst() }
        if words.count == 1 {
            let word = words[0]
            if units.contains(word) { return true }
            let digits = word.prefix { $0.isNumber }
            return !digits.isEmpty && units.contains(String(word.dropFirst(digits.count)))
        }
        return words.count == 2 && Int(words[0]) != nil && units.contains(words[1])
    }

    private func syncVariant(_ method: HTTPRequest.Method, name: String, variant: String, _ body: Data?) throws -> FakeReply {
        let members = try WireJSON.object(body)
        let key = try WireJSON.requiredString(members, "provider_config_key")
        let connectionID = try WireJSON.requiredString(members, "connection_id")
        guard variant != "base" else {
            throw APIFailure(status: 400, code: "invalid_variant", message: "\"base\" is a reserved variant name.")
        }
        return try lock.withLock {
            _ = try state.requireConnection(connectionID, key)
            guard state.syncDefinition(name, key) != nil else {
                throw APIFailure(status: 400, code: "unknown_sync", message: "No sync \"\(name)\" is deployed on \"\(key)\".")
            }
            let runKey = SyncRunKey(providerConfigKey: key, connectionID: connectionID, name: name, variant: variant)
            if method == .post {
                guard state.syncRuns[runKey] == nil else {
                    throw APIFailure(status: 400, code: "sync_variant_already_exists", message: "The variant \"\(variant)\" already exists.")
                }
                let run = state.syncRun(runKey)
                state.syncRuns[runKey] = run
                return .json(["id": .string(run.id), "name": .string(name), "variant": .string(variant)])
            }
            guard state.syncRuns[runKey] != nil else {
                throw APIFailure.notFound("No variant \"\(variant)\" of sync \"\(name)\" on this connection.")
            }
            state.syncRuns[runKey] = nil
            for model in state.syncDefinition(name, key)?.models ?? [] {
                state.stores[RecordStoreKey(providerConfigKey: key, connectionID: connectionID, model: model, variant: variant)] = nil
            }
            return .success
        }
    }

    // MARK: Actions

    private func actions(_ method: HTTPRequest.Method, _ rest: [String], _ request: RecordedRequest) async throws -> FakeReply {
        if method == .get, rest.count == 1 {
            let id = rest[0]
            let outcome = lock.withLock { state.asyncRuns[id]?.outcome }
            switch outcome {
            case .success(let output)?: return .json(output)
            case .failure(let failure)?: throw failure
            case nil: throw APIFailure.notFound("No action '\(id)' found")
            }
        }
        guard method == .post, rest == ["trigger"] else { throw Self.noRoute(request) }
        let (connectionID, key) = try connectionHeaders(request)
        let members = try WireJSON.object(request.body)
        let name = try WireJSON.requiredString(members, "action_name")
        let input = members["input"] ?? .null
        let handler = try lock.withLock { () -> @Sendable (JSONValue) async throws -> JSONValue in
            _ = try state.requireConnection(connectionID, key)
            guard let action = state.actions.first(where: { $0.name == name && $0.providerConfigKey == key })
                ?? state.actions.first(where: { $0.name == name && $0.providerConfigKey == nil })
            else {
                throw APIFailure.notFound("No action \"\(name)\" is deployed on \"\(key)\".")
            }
            return action.handler
        }
        if request.header("X-Async") == "true" {
            let id = UUID().uuidString.lowercased()
            lock.withLock {
                state.asyncRuns[id] = AsyncRun(task: nil, outcome: nil, connectionID: connectionID, providerConfigKey: key)
            }
            let task = Task {
                let outcome = await Self.run(handler, input)
                self.lock.withLock { self.state.asyncRuns[id]?.outcome = outcome }
            }
            lock.withLock { state.asyncRuns[id]?.task = task }
            return .json(["id": .string(id), "statusUrl": .string("/action/\(id)")])
        }
        switch await Self.run(handler, input) {
        case .success(let output): return .json(output)
        case .failure(let failure): throw failure
        }
    }

    private static func run(
        _ handler: @Sendable (JSONValue) async throws -> JSONValue,
        _ input: JSONValue
    ) async -> Result<JSONValue, APIFailure> {
        do {
            return .success(try await handler(input))
        } catch let failure as ActionFailure {
            var error = APIFailure(status: 500, code: "action_script_failure", message: failure.message)
            error.extra["payload"] = failure.payload ?? [:]
            return .failure(error)
        } catch {
            var failure = APIFailure(status: 500, code: "action_script_failure", message: "The action failed: \(error)")
            failure.extra["payload"] = [:]
            return .failure(failure)
        }
    }

    // MARK: Proxy

    private func proxy(_ request: RecordedRequest) async throws -> FakeReply {
        let (connectionID, key) = try connectionHeaders(request)
        let segments = request.pathSegments.dropFirst()
        let path = "/" + segments.joined(separator: "/")
        let routes = try lock.withLock { () -> [ProxyRoute] in
            _ = try state.requireConnection(connectionID, key)
            return state.proxyRoutes
        }
        guard let route = routes.first(where: { $0.matches(method: request.method, path: path, providerConfigKey: key) }) else {
            throw APIFailure(
                status: 404,
                code: "not_found",
                message: "FakeNango has no proxy handler for \(request.method.rawValue) \(path) (register one with registerProxy(method:path:handler:))."
            )
        }
        var headers: [String: String] = [:]
        for field in request.headerFields {
            let name = field.name.canonicalName
            if name.hasPrefix("nango-proxy-") { headers[String(name.dropFirst("nango-proxy-".count))] = field.value }
        }
        var parameters: [String: String] = [:]
        if !route.path.hasSuffix("*") {
            let pattern = route.path.split(separator: "/")
            let actual = path.split(separator: "/")
            for (part, value) in zip(pattern, actual) where part.hasPrefix(":") {
                parameters[String(part.dropFirst())] = String(value)
            }
        }
        let call = ProxyCall(
            method: request.method,
            path: path,
            query: request.query,
            headers: headers,
            body: request.body,
            connectionID: connectionID,
            providerConfigKey: key,
            parameters: parameters
        )
        let reply: ProxyReply
        do {
            reply = try await route.handler(call)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            // A handler that throws plays a provider that never answered: the exchange fails as on the network.
            throw NangoError.transport(
                "The proxy handler for \(request.method.rawValue) \(path) threw: \(error)",
                requestSent: true
            )
        }
        return FakeReply(status: reply.status, headers: reply.headers, body: reply.body)
    }

    // MARK: Connect sessions

    private func connect(_ method: HTTPRequest.Method, _ rest: [String], _ request: RecordedRequest) throws -> FakeReply {
        guard method == .post, rest.first == "sessions", rest.count <= 2 else { throw Self.noRoute(request) }
        let members = try WireJSON.object(request.body)
        let tags = try WireJSON.stringMap(members["tags"], "tags") ?? [:]
        var endUser = members["end_user"]
        if let value = endUser, !value.isNull, value["id"]?.stringValue == nil {
            throw APIFailure.invalidBody("end_user.id is required.", path: ["end_user", "id"])
        }
        if endUser?.isNull == true { endUser = nil }
        if case .object(var user)? = endUser, case .object(let organization)? = members["organization"] {
            // The SDK sends the organization beside the end user; the connection's end user carries it.
            user["organization"] = .object(organization)
            endUser = .object(user)
        }
        var allowed: [String]?
        if case .array(let values)? = members["allowed_integrations"] { allowed = values.compactMap(\.stringValue) }
        var reconnect: (String, String)?
        if rest.count == 2 {
            guard rest[1] == "reconnect" else { throw Self.noRoute(request) }
            reconnect = (try WireJSON.requiredString(members, "connection_id"), try WireJSON.requiredString(members, "integration_id"))
        } else if endUser == nil, tags.isEmpty {
            throw APIFailure.invalidBody("A connect session needs an end_user or tags.", path: ["end_user"])
        }
        let session = try lock.withLock { () -> ConnectSessionInfo in
            for integration in allowed ?? [] where state.integrationIndex(integration) == nil {
                throw APIFailure.invalidBody("Integration \"\(integration)\" does not exist.", path: ["allowed_integrations"])
            }
            if let (connectionID, key) = reconnect {
                _ = try state.requireConnection(connectionID, key)
            }
            let now = state.tick()
            let session = ConnectSessionInfo(
                token: "nango_connect_session_" + state.nextToken("fake").replacingOccurrences(of: "-", with: ""),
                expiresAt: now.addingTimeInterval(30 * 60),
                endUser: endUser,
                tags: tags,
                allowedIntegrations: allowed,
                reconnectConnectionID: reconnect?.0,
                reconnectProviderConfigKey: reconnect?.1
            )
            state.connectSessions.append(session)
            return session
        }
        return .json([
            "data": [
                "token": .string(session.token),
                "connect_link": .string("https://connect.nango.dev?session_token=\(session.token)"),
                "expires_at": .string(WireDate.milliseconds(session.expiresAt)),
            ],
        ], status: 201)
    }
}

// MARK: - JSON of the state

extension IntegrationEntry {
    func json(include: Set<String>) -> JSONValue {
        var members: [String: JSONValue] = [
            "unique_key": .string(uniqueKey),
            "provider": .string(provider),
            "display_name": .string(displayName),
            "logo": .string(logo),
            "forward_webhooks": .bool(forwardWebhooks),
            "created_at": .string(WireDate.milliseconds(createdAt)),
            "updated_at": .string(WireDate.milliseconds(updatedAt)),
        ]
        if include.contains("webhook") { members["webhook_url"] = webhookURL.map(JSONValue.string) ?? .null }
        if include.contains("credentials") {
            members["credentials"] = credentials.flatMap { try? JSONValue(encoding: $0) } ?? .null
        }
        return .object(members)
    }
}

extension ConnectionEntry {
    var endUserJSON: JSONValue {
        guard let endUser else { return .null }
        var members: [String: JSONValue] = [
            "id": .string(endUser.id),
            "email": endUser.email.map(JSONValue.string) ?? .null,
            "display_name": endUser.displayName.map(JSONValue.string) ?? .null,
        ]
        // The description types the end user's tags as an object: absent rather than null when there are none.
        if let tags = endUser.tags { members["tags"] = WireJSON.stringMapJSON(tags) }
        if let organization = endUser.organization {
            members["organization"] = [
                "id": .string(organization.id),
                "display_name": organization.displayName.map(JSONValue.string) ?? .null,
            ]
        } else {
            members["organization"] = .null
        }
        return .object(members)
    }

    var errorsJSON: JSONValue {
        .array(errors.map { ["type": .string($0.type.rawValue), "log_id": .string($0.logID)] })
    }

    var summaryJSON: JSONValue {
        [
            "id": .int(id),
            "connection_id": .string(connectionID),
            "provider_config_key": .string(providerConfigKey),
            "provider": .string(provider),
            "errors": errorsJSON,
            "end_user": endUserJSON,
            "tags": WireJSON.stringMapJSON(tags),
            "metadata": .object(metadata),
            "created": .string(WireDate.milliseconds(createdAt)),
        ]
    }

    var fullJSON: JSONValue {
        [
            "id": .int(id),
            "connection_id": .string(connectionID),
            "provider_config_key": .string(providerConfigKey),
            "provider": .string(provider),
            "errors": errorsJSON,
            "end_user": endUserJSON,
            "tags": WireJSON.stringMapJSON(tags),
            "metadata": .object(metadata),
            "connection_config": .object(connectionConfig),
            "webhook_url_override": webhookURLOverride.map(JSONValue.string) ?? .null,
            "created_at": .string(WireDate.microseconds(createdAt)),
            "updated_at": .string(WireDate.microseconds(updatedAt)),
            "last_fetched_at": .string(WireDate.microseconds(lastFetchedAt ?? updatedAt)),
            "credentials": credentialsJSON,
        ]
    }

    /// The credentials as Nango sends them: the types that carry the provider's raw token response always have
    /// `raw` (derived from the token when none was seeded).
    var credentialsJSON: JSONValue {
        guard case .object(var members)? = try? JSONValue(encoding: credentials) else { return [:] }
        let type = members["type"]?.stringValue ?? ""
        if ["OAUTH2", "OAUTH1", "OAUTH2_CC", "APP", "BILL", "TWO_STEP", "CUSTOM"].contains(type),
           members["raw"] == nil || members["raw"]?.isNull == true {
            var raw: [String: JSONValue] = [:]
            for name in ["access_token", "refresh_token", "oauth_token", "oauth_token_secret", "token"] {
                if let value = members[name] { raw[name] = value }
            }
            if type == "OAUTH2" || type == "OAUTH2_CC" { raw["token_type"] = "bearer" }
            members["raw"] = .object(raw)
        }
        if type == "TBA", members["config_override"] == nil { members["config_override"] = [:] }
        return .object(members)
    }
}

extension StoredRecord {
    var json: JSONValue {
        var members = payload
        members["id"] = id
        members["_nango_metadata"] = [
            "first_seen_at": .string(WireDate.microseconds(firstSeenAt)),
            "last_modified_at": .string(WireDate.microseconds(lastModifiedAt)),
            "last_action": .string(lastAction),
            "deleted_at": deletedAt.map { .string(WireDate.microseconds($0)) } ?? .null,
            "pruned_at": prunedAt.map { .string(WireDate.microseconds($0)) } ?? .null,
            "cursor": .string(cursor),
        ]
        return .object(members)
    }
}

extension FakeState {
    func statusJSON(_ key: SyncRunKey) -> JSONValue {
        let run = syncRun(key)
        let definition = syncDefinition(key.name, key.providerConfigKey)
        var counts: [String: JSONValue] = [:]
        for model in definition?.models ?? [] {
            let store = stores[RecordStoreKey(
                providerConfigKey: key.providerConfigKey, connectionID: key.connectionID, model: model, variant: key.variant
            )]
            let live = store?.records.values.filter { $0.deletedAt == nil }.count ?? 0
            counts[model] = .int(Int64(live))
        }
        var members: [String: JSONValue] = [
            "id": .string(run.id),
            "connection_id": .string(key.connectionID),
            "name": .string(key.name),
            "variant": .string(key.variant),
            "status": .string(run.status),
            "type": .string(run.type),
            "frequency": .string(run.frequency ?? definition?.frequency ?? "every hour"),
            "latestResult": .object(run.latestResult),
            "recordCount": .object(counts),
            "checkpoint": run.checkpoint,
        ]
        if let finishedAt = run.finishedAt { members["finishedAt"] = .string(WireDate.milliseconds(finishedAt)) }
        if let next = run.nextScheduledSyncAt { members["nextScheduledSyncAt"] = .string(WireDate.milliseconds(next)) }
        return .object(members)
    }

    /// Refreshes an OAuth 2 token that expired (or every refreshable token, when `force`), as Nango does when
    /// credentials are read.
    mutating func refreshIfNeeded(_ index: Int, force: Bool) {
        guard case .oauth2(var oauth) = connections[index].credentials, oauth.refreshToken != nil else { return }
        let now = Date()
        guard force || (oauth.expiresAt.map { $0 <= now } ?? false) else { return }
        oauth.accessToken = nextToken("fake-access-token")
        oauth.expiresAt = now.addingTimeInterval(3600)
        oauth.raw = ["access_token": .string(oauth.accessToken), "token_type": "bearer", "expires_in": 3600]
        connections[index].credentials = .oauth2(oauth)
        connections[index].updatedAt = tick()
    }

    /// The functions deployed on an integration: its syncs, then its actions.
    func functions(of key: String) -> [FakeFunction] {
        let deployedAt = integrations.first { $0.uniqueKey == key }?.createdAt ?? Date(timeIntervalSince1970: 0)
        var result: [FakeFunction] = []
        for (offset, sync) in syncs.filter({ $0.providerConfigKey == key }).enumerated() {
            result.append(FakeFunction(
                id: 1_000 + offset, name: sync.name, type: "sync", description: sync.description, returns: sync.models,
                runs: sync.frequency, autoStart: sync.autoStart, trackDeletes: sync.trackDeletes, deployedAt: deployedAt
            ))
        }
        for (offset, action) in actions.filter({ $0.providerConfigKey == key }).enumerated() {
            result.append(FakeFunction(
                id: 2_000 + offset, name: action.name, type: "action", description: action.description, returns: [],
                runs: nil, autoStart: false, trackDeletes: false, deployedAt: deployedAt
            ))
        }
        return result
    }
}

/// A deployed function as the functions endpoints and the scripts configuration describe it.
struct FakeFunction {
    var id: Int
    var name: String
    var type: String
    var description: String
    var returns: [String]
    var runs: String?
    var autoStart: Bool
    var trackDeletes: Bool
    var deployedAt: Date

    var jsonSchema: JSONValue {
        var definitions: [String: JSONValue] = [:]
        for model in returns {
            definitions[model] = ["type": "object", "properties": ["id": ["type": "string"]], "required": ["id"]]
        }
        return ["$schema": "http://json-schema.org/draft-07/schema#", "definitions": .object(definitions)]
    }

    var code: String {
        let kind = type == "sync" ? "createSync" : "createAction"
        return "import { \(kind) } from 'nango';\n\n// \(name): deployed on FakeNango.\nexport default \(kind)({ description: '\(description)' });\n"
    }

    var json: JSONValue {
        var members: [String: JSONValue] = [
            "id": .int(Int64(id)),
            "name": .string(name),
            "type": .string(type),
            "description": .string(description),
            "scopes": [],
            "returns": .array(returns.map(JSONValue.string)),
            "json_schema": jsonSchema,
            "enabled": true,
            "last_deployed": .string(WireDate.milliseconds(deployedAt)),
            "source": "standalone",
        ]
        if type == "sync" {
            members["runs"] = runs.map(JSONValue.string) ?? .null
            members["auto_start"] = .bool(autoStart)
            members["track_deletes"] = .bool(trackDeletes)
        }
        return .object(members)
    }

    var scriptJSON: JSONValue {
        var members: [String: JSONValue] = [
            "name": .string(name),
            "type": .string(type),
            "description": .string(description),
            "returns": .array(returns.map(JSONValue.string)),
            "scopes": [],
            "endpoints": [],
            "input": .null,
            "attributes": [:],
            "metadata": [:],
            "json_schema": jsonSchema,
            "enabled": true,
            "last_deployed": .string(WireDate.milliseconds(deployedAt)),
        ]
        if type == "sync" {
            members["runs"] = runs.map(JSONValue.string) ?? .null
            members["sync_type"] = "incremental"
            members["auto_start"] = .bool(autoStart)
            members["track_deletes"] = .bool(trackDeletes)
            members["webhookSubscriptions"] = []
        }
        return .object(members)
    }
}
