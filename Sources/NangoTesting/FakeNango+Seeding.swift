public import Foundation
public import HTTPTypes
public import Nango

// The API tests use to seed and inspect the fake's state.

extension FakeNango {
    /// Why seeding the fake failed.
    public enum SetupError: Error, Sendable, Hashable, CustomStringConvertible {
        /// No integration has this unique key.
        case unknownIntegration(String)
        /// No connection has this id in this integration.
        case unknownConnection(connectionID: String, providerConfigKey: String)
        /// An integration or connection with this key already exists.
        case duplicate(String)
        /// A record has no `id` (a non-empty string or an integer), or is not a JSON object.
        case invalidRecord(String)
        /// No connect session has this token.
        case unknownConnectSession

        /// A readable account of the failure.
        public var description: String {
            switch self {
            case .unknownIntegration(let key): return "FakeNango: no integration \"\(key)\""
            case .unknownConnection(let connectionID, let providerConfigKey):
                return "FakeNango: no connection \"\(connectionID)\" in integration \"\(providerConfigKey)\""
            case .duplicate(let key): return "FakeNango: \"\(key)\" already exists"
            case .invalidRecord(let reason): return "FakeNango: invalid record: \(reason)"
            case .unknownConnectSession: return "FakeNango: no connect session has this token"
            }
        }
    }

    // MARK: Integrations

    /// Adds an integration (what Nango calls a provider config): `uniqueKey` is the key connections and calls
    /// name (`providerConfigKey`), `provider` a provider of the catalogue (``providerNames``) or any other name.
    ///
    /// - Parameters:
    ///   - uniqueKey: The integration's unique key.
    ///   - provider: The provider it uses, such as `github`.
    ///   - displayName: Its display name; by default the provider's.
    ///   - credentials: Its OAuth app or other credentials, returned with `include: [.credentials]`.
    ///   - forwardWebhooks: Whether provider webhooks are forwarded.
    ///   - webhookURL: Its webhook URL, returned with `include: [.webhook]`.
    ///   - createdAt: Its creation date; now by default.
    /// - Throws: ``SetupError/duplicate(_:)`` when the key is taken.
    public func addIntegration(
        uniqueKey: String,
        provider: String,
        displayName: String? = nil,
        credentials: IntegrationCredentials? = nil,
        forwardWebhooks: Bool = false,
        webhookURL: String? = nil,
        createdAt: Date? = nil
    ) throws {
        try lock.withLock {
            guard state.integrationIndex(uniqueKey) == nil else { throw SetupError.duplicate(uniqueKey) }
            let date = createdAt ?? state.tick()
            state.integrations.append(IntegrationEntry(
                uniqueKey: uniqueKey,
                provider: provider,
                displayName: displayName ?? FakeProviders.find(provider)?.displayName ?? provider,
                logo: FakeProviders.logo(provider),
                forwardWebhooks: forwardWebhooks,
                credentials: credentials,
                webhookURL: webhookURL,
                createdAt: date,
                updatedAt: date
            ))
        }
    }

    /// The unique keys of the integrations, in the order they were added.
    public var integrationKeys: [String] {
        lock.withLock { state.integrations.map(\.uniqueKey) }
    }

    /// The names of the providers in the fake's built-in catalogue (what `listProviders` returns).
    public var providerNames: [String] {
        FakeProviders.catalogue.map(\.name)
    }

    // MARK: Connections

    /// Adds a connection to an integration.
    ///
    /// When `endUser` is set, the tags Nango derives from it (`end_user_id`, `end_user_email`,
    /// `organization_id`) are added unless `tags` sets them. Tag keys are lowercased, as Nango does.
    ///
    /// - Parameters:
    ///   - connectionID: The connection's id.
    ///   - providerConfigKey: The integration's unique key.
    ///   - credentials: Its credentials, of any auth type (`.unauthenticated` by default).
    ///   - tags: Its tags.
    ///   - metadata: Its metadata.
    ///   - connectionConfig: Its connection configuration.
    ///   - endUser: The end user it belongs to.
    ///   - errors: Its errors (a failed refresh, a failed sync).
    ///   - createdAt: Its creation date; now by default.
    /// - Returns: Nango's numeric id of the connection.
    /// - Throws: ``SetupError/unknownIntegration(_:)``, or ``SetupError/duplicate(_:)`` when the id is taken.
    @discardableResult
    public func addConnection(
        connectionID: String,
        providerConfigKey: String,
        credentials: Credentials = .unauthenticated,
        tags: [String: String] = [:],
        metadata: [String: JSONValue] = [:],
        connectionConfig: [String: JSONValue] = [:],
        endUser: EndUser? = nil,
        errors: [ConnectionError] = [],
        createdAt: Date? = nil
    ) throws -> Int64 {
        try lock.withLock {
            guard let integration = state.integrationIndex(providerConfigKey) else {
                throw SetupError.unknownIntegration(providerConfigKey)
            }
            guard state.connectionIndex(connectionID, providerConfigKey) == nil else {
                throw SetupError.duplicate("\(providerConfigKey)/\(connectionID)")
            }
            return state.insertConnection(
                connectionID: connectionID,
                integration: integration,
                credentials: credentials,
                tags: tags,
                metadata: metadata,
                connectionConfig: connectionConfig,
                endUser: endUser,
                errors: errors,
                createdAt: createdAt
            )
        }
    }

    /// The connection as `getConnection` returns it, or `nil` when there is none.
    ///
    /// - Parameters:
    ///   - providerConfigKey: The integration's unique key.
    ///   - connectionID: The connection's id.
    public func connection(providerConfigKey: String, connectionID: String) -> Connection? {
        let json = lock.withLock { () -> JSONValue? in
            guard let index = state.connectionIndex(connectionID, providerConfigKey) else { return nil }
            return state.connections[index].fullJSON
        }
        return try? json?.decode(as: Connection.self)
    }

    /// The connection's metadata, or `nil` when there is no such connection.
    ///
    /// - Parameters:
    ///   - providerConfigKey: The integration's unique key.
    ///   - connectionID: The connection's id.
    public func metadata(providerConfigKey: String, connectionID: String) -> [String: JSONValue]? {
        lock.withLock {
            state.connectionIndex(connectionID, providerConfigKey).map { state.connections[$0].metadata }
        }
    }

    /// How many connections the fake holds.
    public var connectionCount: Int {
        lock.withLock { state.connections.count }
    }

    // MARK: Records

    /// Adds or updates records of `model` on a connection, as a sync run would: a new id is `ADDED`, a known id
    /// whose payload changed is `UPDATED` (an unchanged one is left alone), a deleted id comes back `ADDED`.
    /// Each change gets a new cursor after every existing one.
    ///
    /// - Parameters:
    ///   - records: JSON objects, each with an `id` (a non-empty string or an integer).
    ///   - model: The model name, such as `Contact`.
    ///   - connectionID: The connection's id.
    ///   - providerConfigKey: The integration's unique key.
    ///   - variant: The sync variant (`base` by default).
    ///   - date: When the change happened; now by default (always after the previous change).
    /// - Throws: ``SetupError`` for an unknown connection or a record without an id.
    public func upsertRecords(
        _ records: [JSONValue],
        model: String,
        connectionID: String,
        providerConfigKey: String,
        variant: String? = nil,
        at date: Date? = nil
    ) throws {
        var parsed: [(String, [String: JSONValue])] = []
        for record in records {
            guard case .object(let members) = record else { throw SetupError.invalidRecord("not a JSON object") }
            guard let key = members["id"]?.recordKey else {
                throw SetupError.invalidRecord("no id (a non-empty string or an integer)")
            }
            parsed.append((key, members))
        }
        try lock.withLock {
            guard state.connectionIndex(connectionID, providerConfigKey) != nil else {
                throw SetupError.unknownConnection(connectionID: connectionID, providerConfigKey: providerConfigKey)
            }
            let storeKey = RecordStoreKey(
                providerConfigKey: providerConfigKey, connectionID: connectionID, model: model, variant: variant ?? "base"
            )
            var store = state.stores[storeKey] ?? RecordStore()
            for (key, members) in parsed {
                var payload = members
                payload["_nango_metadata"] = nil
                if var existing = store.records[key] {
                    if existing.deletedAt == nil, existing.prunedAt == nil, existing.payload == payload { continue }
                    let now = state.tick(date)
                    state.recordSequence += 1
                    existing.lastAction = existing.deletedAt == nil ? "UPDATED" : "ADDED"
                    existing.payload = payload
                    existing.id = members["id"] ?? existing.id
                    existing.deletedAt = nil
                    existing.prunedAt = nil
                    existing.lastModifiedAt = now
                    existing.sequence = state.recordSequence
                    store.records[key] = existing
                } else {
                    let now = state.tick(date)
                    state.recordSequence += 1
                    store.records[key] = StoredRecord(
                        id: members["id"] ?? .string(key),
                        payload: payload,
                        firstSeenAt: now,
                        lastModifiedAt: now,
                        lastAction: "ADDED",
                        deletedAt: nil,
                        prunedAt: nil,
                        sequence: state.recordSequence
                    )
                }
            }
            state.stores[storeKey] = store
        }
    }

    /// Adds or updates records from any `Encodable` values (each must encode to an object with an `id`).
    ///
    /// - Parameters:
    ///   - records: The records.
    ///   - model: The model name.
    ///   - connectionID: The connection's id.
    ///   - providerConfigKey: The integration's unique key.
    ///   - variant: The sync variant (`base` by default).
    ///   - date: When the change happened; now by default.
    /// - Throws: ``SetupError`` for an unknown connection or a record without an id, or an encoding error.
    public func upsertRecords<Record: Encodable>(
        _ records: [Record],
        model: String,
        connectionID: String,
        providerConfigKey: String,
        variant: String? = nil,
        at date: Date? = nil
    ) throws {
        try upsertRecords(
            try records.map { try JSONValue(encoding: $0) },
            model: model,
            connectionID: connectionID,
            providerConfigKey: providerConfigKey,
            variant: variant,
            at: date
        )
    }

    /// Adds or updates records of a generated model (or any ``NangoModel``), under the model's Nango name.
    ///
    /// ```swift
    /// try fake.upsertRecords([GithubIssue(id: "1", title: "Bug", ...)], connectionID: "c1", providerConfigKey: "github")
    /// ```
    ///
    /// - Throws: ``SetupError`` for an unknown connection or a record without an id, or an encoding error.
    public func upsertRecords<Record: NangoModel>(
        _ records: [Record],
        connectionID: String,
        providerConfigKey: String,
        variant: String? = nil,
        at date: Date? = nil
    ) throws {
        try upsertRecords(
            records, model: Record.nangoModelName, connectionID: connectionID, providerConfigKey: providerConfigKey,
            variant: variant, at: date
        )
    }

    /// Marks records as deleted, as a sync that tracks deletes does: they stay listed, with `last_action`
    /// `DELETED`, `deleted_at` set and a new cursor. Unknown or already deleted ids are ignored.
    ///
    /// - Parameters:
    ///   - ids: The ids of the records (integer ids in decimal).
    ///   - model: The model name.
    ///   - connectionID: The connection's id.
    ///   - providerConfigKey: The integration's unique key.
    ///   - variant: The sync variant (`base` by default).
    /// - Returns: How many records were marked deleted.
    @discardableResult
    public func deleteRecords(
        ids: [String],
        model: String,
        connectionID: String,
        providerConfigKey: String,
        variant: String? = nil
    ) -> Int {
        lock.withLock {
            let storeKey = RecordStoreKey(
                providerConfigKey: providerConfigKey, connectionID: connectionID, model: model, variant: variant ?? "base"
            )
            guard var store = state.stores[storeKey] else { return 0 }
            var count = 0
            for id in ids {
                guard var record = store.records[id], record.deletedAt == nil else { continue }
                let now = state.tick()
                state.recordSequence += 1
                record.lastAction = "DELETED"
                record.deletedAt = now
                record.lastModifiedAt = now
                record.sequence = state.recordSequence
                store.records[id] = record
                count += 1
            }
            state.stores[storeKey] = store
            return count
        }
    }

    /// Prunes the records up to and including `untilCursor`, as `PATCH /records/prune` does: their payloads
    /// are emptied (the id and `_nango_metadata` stay) and `pruned_at` is set.
    ///
    /// - Parameters:
    ///   - model: The model name.
    ///   - connectionID: The connection's id.
    ///   - providerConfigKey: The integration's unique key.
    ///   - untilCursor: A record's cursor.
    ///   - variant: The sync variant (`base` by default).
    /// - Returns: How many records were pruned, or `nil` when the cursor is not one of the fake's.
    @discardableResult
    public func pruneRecords(
        model: String,
        connectionID: String,
        providerConfigKey: String,
        untilCursor: String,
        variant: String? = nil
    ) -> Int? {
        lock.withLock {
            guard let limit = StoredRecord.sequence(ofCursor: untilCursor) else { return nil }
            let storeKey = RecordStoreKey(
                providerConfigKey: providerConfigKey, connectionID: connectionID, model: model, variant: variant ?? "base"
            )
            return state.prune(storeKey, untilSequence: limit, limit: nil).count
        }
    }

    /// The records of `model` on a connection as the records endpoint lists them (deleted and pruned ones
    /// included), in cursor order, each with its `_nango_metadata`.
    ///
    /// - Parameters:
    ///   - model: The model name.
    ///   - connectionID: The connection's id.
    ///   - providerConfigKey: The integration's unique key.
    ///   - variant: The sync variant (`base` by default).
    public func storedRecords(
        model: String,
        connectionID: String,
        providerConfigKey: String,
        variant: String? = nil
    ) -> [JSONValue] {
        lock.withLock {
            let storeKey = RecordStoreKey(
                providerConfigKey: providerConfigKey, connectionID: connectionID, model: model, variant: variant ?? "base"
            )
            return (state.stores[storeKey]?.records.values ?? [:].values)
                .sorted { $0.sequence < $1.sequence }
                .map(\.json)
        }
    }

    // MARK: Syncs

    /// Deploys a sync on an integration: every connection of the integration then has a run of it (variant
    /// `base`), whose status `syncStatus` reports and `triggerSync`, `startSync` and `pauseSync` change.
    ///
    /// - Parameters:
    ///   - name: The sync's name.
    ///   - providerConfigKey: The integration's unique key.
    ///   - models: The models it writes.
    ///   - frequency: How often it runs, in Nango's words (`every hour`).
    ///   - description: Its description, shown in functions and the scripts configuration.
    ///   - autoStart: Whether runs start scheduled (`SUCCESS`) or paused (`PAUSED`).
    /// - Throws: ``SetupError/unknownIntegration(_:)``, or ``SetupError/duplicate(_:)`` when the sync exists.
    public func addSync(
        _ name: String,
        providerConfigKey: String,
        models: [String],
        frequency: String = "every hour",
        description: String = "",
        autoStart: Bool = true
    ) throws {
        try lock.withLock {
            guard state.integrationIndex(providerConfigKey) != nil else {
                throw SetupError.unknownIntegration(providerConfigKey)
            }
            guard !state.syncs.contains(where: { $0.name == name && $0.providerConfigKey == providerConfigKey }) else {
                throw SetupError.duplicate("\(providerConfigKey)/\(name)")
            }
            state.syncs.append(SyncDefinition(
                name: name,
                providerConfigKey: providerConfigKey,
                models: models,
                frequency: frequency,
                description: description,
                autoStart: autoStart,
                trackDeletes: true
            ))
        }
    }

    /// Finishes a sync run, as Nango's runner would after a triggered run: the status becomes `SUCCESS` (or
    /// `ERROR`), `finishedAt` is now and `latestResult` counts the records of each model changed since the
    /// previous finish.
    ///
    /// - Parameters:
    ///   - name: The sync's name.
    ///   - providerConfigKey: The integration's unique key.
    ///   - connectionID: The connection's id.
    ///   - variant: The variant (`base` by default).
    ///   - succeeded: Whether the run succeeded.
    /// - Throws: ``SetupError/unknownConnection(connectionID:providerConfigKey:)``.
    public func finishSync(
        _ name: String,
        providerConfigKey: String,
        connectionID: String,
        variant: String = "base",
        succeeded: Bool = true
    ) throws {
        try lock.withLock {
            guard state.connectionIndex(connectionID, providerConfigKey) != nil else {
                throw SetupError.unknownConnection(connectionID: connectionID, providerConfigKey: providerConfigKey)
            }
            let key = SyncRunKey(providerConfigKey: providerConfigKey, connectionID: connectionID, name: name, variant: variant)
            var run = state.syncRun(key)
            let now = state.tick()
            var results: [String: JSONValue] = [:]
            for model in state.syncDefinition(name, providerConfigKey)?.models ?? [] {
                let storeKey = RecordStoreKey(providerConfigKey: providerConfigKey, connectionID: connectionID, model: model, variant: variant)
                var added: Int64 = 0, updated: Int64 = 0, deleted: Int64 = 0
                for record in state.stores[storeKey]?.records.values ?? [:].values
                where run.finishedAt.map({ record.lastModifiedAt > $0 }) ?? true {
                    switch record.lastAction {
                    case "ADDED": added += 1
                    case "UPDATED": updated += 1
                    default: deleted += 1
                    }
                }
                results[model] = ["added": .int(added), "updated": .int(updated), "deleted": .int(deleted)]
            }
            run.status = succeeded ? "SUCCESS" : "ERROR"
            run.type = run.finishedAt == nil ? "INITIAL" : "INCREMENTAL"
            run.finishedAt = now
            run.latestResult = results
            state.syncRuns[key] = run
        }
    }

    /// The status of a sync run as `syncStatus` reports it (`RUNNING`, `PAUSED`, `STOPPED`, `SUCCESS`,
    /// `ERROR`), or `nil` when the integration has no such sync or connection.
    ///
    /// - Parameters:
    ///   - name: The sync's name.
    ///   - providerConfigKey: The integration's unique key.
    ///   - connectionID: The connection's id.
    ///   - variant: The variant (`base` by default).
    public func syncStatus(_ name: String, providerConfigKey: String, connectionID: String, variant: String = "base") -> String? {
        lock.withLock {
            guard state.syncDefinition(name, providerConfigKey) != nil,
                  state.connectionIndex(connectionID, providerConfigKey) != nil
            else { return nil }
            return state.syncRun(SyncRunKey(
                providerConfigKey: providerConfigKey, connectionID: connectionID, name: name, variant: variant
            )).status
        }
    }

    // MARK: Actions

    /// An error an action handler throws to fail the way a Nango action does: the trigger answers 500 with
    /// `action_script_failure`, this message and payload, and the client throws a `NangoError` of kind
    /// `actionFailed`. Any other error a handler throws fails the same way with the error's description.
    public struct ActionFailure: Error, Sendable, Hashable {
        /// The failure's message.
        public var message: String
        /// The failure's payload.
        public var payload: JSONValue?

        /// Creates a failure.
        ///
        /// - Parameters:
        ///   - message: The message.
        ///   - payload: The payload (the object the action threw with).
        public init(_ message: String, payload: JSONValue? = nil) {
            self.message = message
            self.payload = payload
        }
    }

    /// Registers an action: `triggerAction` and `triggerActionAsync` with this name run `handler` with the
    /// input (`null` when none is sent) and answer with what it returns.
    ///
    /// Registering a name again replaces the handler.
    ///
    /// - Parameters:
    ///   - name: The action's name.
    ///   - providerConfigKey: The integration it is deployed on; `nil` accepts calls for every integration (it is
    ///     then not listed among an integration's functions).
    ///   - description: Its description, shown in functions and the scripts configuration.
    ///   - handler: Computes the output from the input.
    public func registerAction(
        _ name: String,
        providerConfigKey: String? = nil,
        description: String = "",
        handler: @escaping @Sendable (JSONValue) async throws -> JSONValue
    ) {
        lock.withLock {
            state.actions.removeAll { $0.name == name && $0.providerConfigKey == providerConfigKey }
            state.actions.append(ActionEntry(
                name: name, providerConfigKey: providerConfigKey, description: description, handler: handler
            ))
        }
    }

    /// Waits until every asynchronous action triggered so far has finished.
    public func waitForAsyncActions() async {
        let tasks = lock.withLock { state.asyncRuns.values.compactMap(\.task) }
        for task in tasks { await task.value }
    }

    // MARK: Proxy

    /// A proxied request as a proxy handler sees it.
    public struct ProxyCall: Sendable {
        /// The method.
        public var method: HTTPRequest.Method
        /// The provider-side path, percent-decoded: `/v1/customers`.
        public var path: String
        /// The query items, decoded.
        public var query: [RecordedRequest.QueryItem]
        /// The headers meant for the provider (`Nango-Proxy-` stripped from their names).
        public var headers: [String: String]
        /// The body, if any.
        public var body: Data?
        /// The connection's id.
        public var connectionID: String
        /// The integration's unique key.
        public var providerConfigKey: String
        /// The path's values for the route's `:name` segments.
        public var parameters: [String: String]

        /// The body parsed as JSON, or `nil`.
        public var json: JSONValue? { WireJSON.parse(body) }

        /// The value of the first query item `name`.
        public func queryValue(_ name: String) -> String? {
            query.first { $0.name == name }?.value
        }
    }

    /// What a proxy handler answers: the provider's response.
    public struct ProxyReply: Sendable {
        /// The status.
        public var status: Int
        /// The headers.
        public var headers: HTTPFields
        /// The body.
        public var body: Data

        /// Creates a reply.
        ///
        /// - Parameters:
        ///   - status: The status.
        ///   - headers: The headers.
        ///   - body: The body.
        public init(status: Int = 200, headers: HTTPFields = HTTPFields(), body: Data = Data()) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        /// A JSON reply.
        ///
        /// - Parameters:
        ///   - value: The body.
        ///   - status: The status.
        public static func json(_ value: JSONValue, status: Int = 200) -> ProxyReply {
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return ProxyReply(status: status, headers: headers, body: WireJSON.encode(value))
        }
    }

    /// Registers a proxy handler: proxy calls with `method` to `path` answer with what `handler` returns, as if
    /// the provider had.
    ///
    /// `path` is the provider-side path: exact (`/v1/customers`), with `:name` segments matching any one
    /// segment (`/repos/:owner/:repo`, values in ``ProxyCall/parameters``), or ending with `*` to match every
    /// path with that prefix. Routes are tried in the order they were registered. A call no route matches gets
    /// a 404 in Nango's envelope whose message names the method and path. A handler that throws fails the
    /// exchange as a network failure would (`NangoError.transport` with `requestSent: true`).
    ///
    /// - Parameters:
    ///   - method: The method.
    ///   - path: The provider-side path or pattern.
    ///   - providerConfigKey: The only integration it answers for; `nil` for all.
    ///   - handler: Answers a call.
    public func registerProxy(
        method: HTTPRequest.Method,
        path: String,
        providerConfigKey: String? = nil,
        handler: @escaping @Sendable (ProxyCall) async throws -> ProxyReply
    ) {
        let normalized = path.hasPrefix("/") ? path : "/" + path
        lock.withLock {
            state.proxyRoutes.append(ProxyRoute(
                method: method, path: normalized, providerConfigKey: providerConfigKey, handler: handler
            ))
        }
    }

    // MARK: Environment

    /// Sets an environment variable (`getEnvironmentVariables` lists them in the order they were first set).
    ///
    /// - Parameters:
    ///   - name: The variable's name.
    ///   - value: Its value.
    public func setEnvironmentVariable(_ name: String, _ value: String) {
        lock.withLock {
            if let index = state.environmentVariables.firstIndex(where: { $0.name == name }) {
                state.environmentVariables[index].value = value
            } else {
                state.environmentVariables.append((name, value))
            }
        }
    }

    /// Removes an environment variable.
    ///
    /// - Parameter name: The variable's name.
    public func removeEnvironmentVariable(_ name: String) {
        lock.withLock { state.environmentVariables.removeAll { $0.name == name } }
    }

    // MARK: Connect sessions

    /// A connect session the fake created.
    public struct ConnectSessionInfo: Sendable, Hashable {
        /// The session token.
        public var token: String
        /// When it expires (30 minutes after creation).
        public var expiresAt: Date
        /// The end user the session was created for, as sent.
        public var endUser: JSONValue?
        /// The tags the session was created with.
        public var tags: [String: String]
        /// The integrations the end user may connect, or `nil` for all.
        public var allowedIntegrations: [String]?
        /// For a reconnect session: the connection and its integration.
        public var reconnect: (connectionID: String, providerConfigKey: String)? {
            guard let reconnectConnectionID, let reconnectProviderConfigKey else { return nil }
            return (reconnectConnectionID, reconnectProviderConfigKey)
        }

        var reconnectConnectionID: String?
        var reconnectProviderConfigKey: String?
    }

    /// The connect sessions created so far, in order.
    public var connectSessions: [ConnectSessionInfo] {
        lock.withLock { state.connectSessions }
    }

    /// Completes a connect session as the end user finishing Nango's Connect UI would: creates the connection
    /// with the session's end user and tags (or, for a reconnect session, replaces the connection's
    /// credentials), so `waitForConnection` and `listConnections(endUserID:)` find it.
    ///
    /// - Parameters:
    ///   - token: The session's token.
    ///   - providerConfigKey: The integration the end user connected (ignored for a reconnect session).
    ///   - connectionID: The new connection's id; a UUID by default (ignored for a reconnect session).
    ///   - credentials: The credentials obtained.
    /// - Returns: The connection's id.
    /// - Throws: ``SetupError`` when the session, the integration or the reconnected connection is unknown.
    @discardableResult
    public func completeConnectSession(
        token: String,
        providerConfigKey: String,
        connectionID: String? = nil,
        credentials: Credentials = .unauthenticated
    ) throws -> String {
        try lock.withLock {
            guard let session = state.connectSessions.first(where: { $0.token == token }) else {
                throw SetupError.unknownConnectSession
            }
            if let (existingID, existingKey) = session.reconnect {
                guard let index = state.connectionIndex(existingID, existingKey) else {
                    throw SetupError.unknownConnection(connectionID: existingID, providerConfigKey: existingKey)
                }
                state.connections[index].credentials = credentials
                state.connections[index].errors = []
                state.connections[index].updatedAt = state.tick()
                return existingID
            }
            guard let integration = state.integrationIndex(providerConfigKey) else {
                throw SetupError.unknownIntegration(providerConfigKey)
            }
            let id = connectionID ?? UUID().uuidString.lowercased()
            guard state.connectionIndex(id, providerConfigKey) == nil else {
                throw SetupError.duplicate("\(providerConfigKey)/\(id)")
            }
            let endUser = session.endUser.flatMap { try? $0.decode(as: EndUser.self) }
            state.insertConnection(
                connectionID: id,
                integration: integration,
                credentials: credentials,
                tags: session.tags,
                metadata: [:],
                connectionConfig: [:],
                endUser: endUser,
                errors: [],
                createdAt: nil
            )
            return id
        }
    }
}

extension FakeState {
    @discardableResult
    mutating func insertConnection(
        connectionID: String,
        integration: Int,
        credentials: Credentials,
        tags: [String: String],
        metadata: [String: JSONValue],
        connectionConfig: [String: JSONValue],
        endUser: EndUser?,
        errors: [ConnectionError],
        createdAt: Date?
    ) -> Int64 {
        var allTags: [String: String] = [:]
        for (key, value) in tags { allTags[key.lowercased()] = value }
        if let endUser {
            if allTags["end_user_id"] == nil { allTags["end_user_id"] = endUser.id }
            if let email = endUser.email, allTags["end_user_email"] == nil { allTags["end_user_email"] = email }
            if let organization = endUser.organization, allTags["organization_id"] == nil {
                allTags["organization_id"] = organization.id
            }
        }
        let date = createdAt ?? tick()
        let id = nextConnectionNumber
        nextConnectionNumber += 1
        connections.append(ConnectionEntry(
            id: id,
            connectionID: connectionID,
            providerConfigKey: integrations[integration].uniqueKey,
            provider: integrations[integration].provider,
            credentials: credentials,
            tags: allTags,
            metadata: metadata,
            connectionConfig: connectionConfig,
            endUser: endUser,
            errors: errors,
            webhookURLOverride: nil,
            createdAt: date,
            updatedAt: date,
            lastFetchedAt: nil
        ))
        return id
    }

    func syncDefinition(_ name: String, _ providerConfigKey: String) -> SyncDefinition? {
        syncs.first { $0.name == name && $0.providerConfigKey == providerConfigKey }
    }

    /// The run of a sync on a connection: the stored one, or the initial state of a deployed sync.
    func syncRun(_ key: SyncRunKey) -> SyncRun {
        if let run = syncRuns[key] { return run }
        let autoStart = syncDefinition(key.name, key.providerConfigKey)?.autoStart ?? true
        let seed = "\(key.providerConfigKey)|\(key.connectionID)|\(key.name)|\(key.variant)"
        return SyncRun(id: FakeIDs.uuid(from: seed), status: autoStart ? "SUCCESS" : "PAUSED")
    }

    /// Prunes records of a store up to a sequence; returns the pruned records' count and whether more remain.
    mutating func prune(_ key: RecordStoreKey, untilSequence: Int, limit: Int?) -> (count: Int, hasMore: Bool) {
        guard var store = stores[key] else { return (0, false) }
        let candidates = store.records.values
            .filter { $0.sequence <= untilSequence && $0.prunedAt == nil }
            .sorted { $0.sequence < $1.sequence }
        let chosen = limit.map { Array(candidates.prefix($0)) } ?? candidates
        let now = tick()
        for record in chosen {
            guard let key = record.id.recordKey, var stored = store.records[key] else { continue }
            stored.payload = ["id": stored.id]
            stored.prunedAt = now
            store.records[key] = stored
        }
        stores[key] = store
        return (chosen.count, chosen.count < candidates.count)
    }
}

/// Stable identifiers derived from text, so the same seed always yields the same id.
enum FakeIDs {
    static func uuid(from seed: String) -> String {
        // FNV-1a, twice with different offsets, formatted as a version-4-looking UUID.
        func fnv(_ offset: UInt64) -> UInt64 {
            var hash = offset
            for byte in seed.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            return hash
        }
        let high = fnv(0xcbf2_9ce4_8422_2325)
        let low = fnv(0x8422_2325_cbf2_9ce4)
        let hex = FakeNango.hex((0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * $0)) }
            + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * $0)) })
        let characters = Array(hex)
        func part(_ range: Range<Int>) -> String { String(characters[range]) }
        return "\(part(0..<8))-\(part(8..<12))-4\(part(13..<16))-a\(part(17..<20))-\(part(20..<32))"
    }
}
