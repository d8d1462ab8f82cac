import Foundation
import HTTPTypes
import Nango
import NangoTesting
import Testing

/// A client on `fake` whose retries and polls never sleep.
private func client(_ fake: FakeNango, clock: ImmediateClock = ImmediateClock()) throws -> NangoClient {
    var configuration = NangoClient.Configuration()
    configuration.clock = clock
    return try fake.makeClient(configuration: configuration)
}

/// A fake with one integration and one connection.
private func smallFake() throws -> FakeNango {
    let fake = FakeNango()
    try fake.addIntegration(uniqueKey: "crm", provider: "hubspot")
    try fake.addConnection(
        connectionID: "conn-1",
        providerConfigKey: "crm",
        credentials: .oauth2(OAuth2Credentials(accessToken: "at-1", refreshToken: "rt-1", expiresAt: Date().addingTimeInterval(3_600))),
        tags: ["Plan": "pro"],
        metadata: ["region": "eu", "limits": ["max": 10]],
        endUser: EndUser(id: "user-1", email: "u1@example.com", organization: .init(id: "org-1"))
    )
    return fake
}

private struct Contact: Codable, Sendable, Hashable {
    var id: String
    var first_name: String?
    var last_name: String?
    var email: String
    var company: String?
}

@Suite("FakeNango: connections, integrations, metadata", .timeLimit(.minutes(1)))
struct FakeNangoConnectionTests {
    @Test("setMetadata replaces, updateMetadata merges the top level, getMetadata reads it back")
    func metadataRoundTrip() async throws {
        let fake = try smallFake()
        let nango = try client(fake)

        let set = try await nango.setMetadata(providerConfigKey: "crm", connectionID: "conn-1", metadata: ["team": "core"] as [String: JSONValue])
        #expect(set.connectionIDs == ["conn-1"])
        #expect(try await nango.getMetadata(providerConfigKey: "crm", connectionID: "conn-1") == ["team": "core"])

        try await nango.updateMetadata(
            providerConfigKey: "crm", connectionID: "conn-1",
            metadata: ["region": "us", "nested": ["a": 1]] as [String: JSONValue]
        )
        try await nango.updateMetadata(
            providerConfigKey: "crm", connectionID: "conn-1", metadata: ["nested": ["b": 2]] as [String: JSONValue]
        )
        let merged = try await nango.getMetadata(providerConfigKey: "crm", connectionID: "conn-1")
        // The merge is shallow, as Nango's: `nested` is replaced, not merged.
        #expect(merged == ["team": "core", "region": "us", "nested": ["b": 2]])
        #expect(fake.metadata(providerConfigKey: "crm", connectionID: "conn-1") == merged)
        #expect(fake.requests.map(\.method) == [.post, .get, .patch, .patch, .get])
    }

    @Test("Metadata for several connections is all or nothing")
    func metadataAllOrNothing() async throws {
        let fake = try smallFake()
        let nango = try client(fake)
        let error = await #expect(throws: NangoError.self) {
            try await nango.setMetadata(
                providerConfigKey: "crm", connectionIDs: ["conn-1", "missing"], metadata: ["x": 1] as [String: JSONValue]
            )
        }
        #expect(error?.code == .unknownConnection)
        #expect(error?.status == 400)
        #expect(fake.metadata(providerConfigKey: "crm", connectionID: "conn-1") == ["region": "eu", "limits": ["max": 10]])
    }

    @Test("An unknown connection is Nango's 404 not_found; an unknown integration too")
    func unknownConnection() async throws {
        let fake = try smallFake()
        let nango = try client(fake)
        let error = await #expect(throws: NangoError.self) {
            try await nango.getConnection(providerConfigKey: "crm", connectionID: "nope")
        }
        #expect(error?.kind == .http)
        #expect(error?.status == 404)
        #expect(error?.code == .notFound)
        #expect(error?.attempts == 1)
        let integration = await #expect(throws: NangoError.self) {
            try await nango.getIntegration(uniqueKey: "nope")
        }
        #expect(integration?.status == 404)
        #expect(integration?.code == .notFound)
    }

    @Test("Another secret key gets Nango's 401")
    func wrongKey() async throws {
        let fake = try smallFake()
        let nango = try NangoClient(secretKey: "another-key", transport: fake)
        let error = await #expect(throws: NangoError.self) { try await nango.listIntegrations() }
        #expect(error?.status == 401)
        #expect(error?.code == .unauthorized)
    }

    @Test("Connections: get with credentials, list with filters, patch, import, token, delete")
    func connectionLifecycle() async throws {
        let fake = try smallFake()
        let nango = try client(fake)

        let connection = try await nango.getConnection(providerConfigKey: "crm", connectionID: "conn-1")
        #expect(connection.provider == "hubspot")
        #expect(connection.tags == ["plan": "pro", "end_user_id": "user-1", "end_user_email": "u1@example.com", "organization_id": "org-1"])
        #expect(connection.endUser?.organization?.id == "org-1")
        guard case .oauth2(let oauth) = connection.credentials else {
            Issue.record("expected OAuth 2 credentials, got \(connection.credentials)")
            return
        }
        #expect(oauth.accessToken == "at-1")
        #expect(oauth.refreshToken == nil)
        let withRefresh = try await nango.getConnection(providerConfigKey: "crm", connectionID: "conn-1", refreshToken: true)
        guard case .oauth2(let full) = withRefresh.credentials else {
            Issue.record("expected OAuth 2 credentials")
            return
        }
        #expect(full.refreshToken == "rt-1")
        #expect(try await nango.getToken(providerConfigKey: "crm", connectionID: "conn-1") == .accessToken("at-1"))
        let refreshed = try await nango.getToken(providerConfigKey: "crm", connectionID: "conn-1", forceRefresh: true)
        #expect(refreshed.accessToken != "at-1")

        let imported = try await nango.importConnection(ImportConnectionRequest(
            providerConfigKey: "crm",
            connectionID: "conn-2",
            credentials: .apiKey(APIKeyCredentials(apiKey: "key-2")),
            tags: ["plan": "free"]
        ))
        #expect(imported.connectionID == "conn-2")
        #expect(try await nango.getToken(providerConfigKey: "crm", connectionID: "conn-2")
            == .credentials(.apiKey(APIKeyCredentials(apiKey: "key-2"))))

        #expect(try await nango.listConnections().connections.map(\.connectionID) == ["conn-2", "conn-1"])
        #expect(try await nango.listConnections(tags: ["plan": "free"]).connections.map(\.connectionID) == ["conn-2"])
        #expect(try await nango.listConnections(endUserID: "user-1").connections.map(\.connectionID) == ["conn-1"])
        #expect(try await nango.listConnections(search: "N-2").connections.map(\.connectionID) == ["conn-2"])
        #expect(try await nango.listConnections(integrationID: "other").connections.isEmpty)
        var paged: [String] = []
        for try await summary in nango.connections(pageSize: 1) { paged.append(summary.connectionID) }
        #expect(paged == ["conn-2", "conn-1"])

        try await nango.patchConnection(providerConfigKey: "crm", connectionID: "conn-2", ConnectionPatch(tags: ["plan": "team"]))
        #expect(fake.connection(providerConfigKey: "crm", connectionID: "conn-2")?.tags == ["plan": "team"])

        try await nango.deleteConnection(providerConfigKey: "crm", connectionID: "conn-2")
        #expect(fake.connection(providerConfigKey: "crm", connectionID: "conn-2") == nil)
        let gone = await #expect(throws: NangoError.self) {
            try await nango.deleteConnection(providerConfigKey: "crm", connectionID: "conn-2")
        }
        #expect(gone?.status == 404)
    }

    @Test("Integrations: create, list, get with includes, update (rename), delete")
    func integrationLifecycle() async throws {
        let fake = try smallFake()
        let nango = try client(fake)

        let created = try await nango.createIntegration(CreateIntegrationRequest(
            provider: "github",
            uniqueKey: "gh",
            displayName: "GitHub",
            credentials: IntegrationCredentials(type: .oauth2, clientID: "client", clientSecret: "secret")
        ))
        #expect(created.uniqueKey == "gh")
        #expect(try await nango.listIntegrations().map(\.uniqueKey) == ["crm", "gh"])
        let full = try await nango.getIntegration(uniqueKey: "gh", include: [.credentials])
        #expect(full.credentials?.clientID == "client")
        let duplicate = await #expect(throws: NangoError.self) {
            try await nango.createIntegration(CreateIntegrationRequest(provider: "github", uniqueKey: "gh"))
        }
        #expect(duplicate?.status == 400)
        #expect(duplicate?.code == .invalidBody)

        let renamed = try await nango.updateIntegration(uniqueKey: "crm", IntegrationPatch(uniqueKey: "crm-2", displayName: "CRM"))
        #expect(renamed.uniqueKey == "crm-2")
        #expect(renamed.displayName == "CRM")
        #expect(fake.connection(providerConfigKey: "crm-2", connectionID: "conn-1") != nil)

        try await nango.deleteIntegration(uniqueKey: "crm-2")
        #expect(fake.integrationKeys == ["gh"])
        #expect(fake.connectionCount == 0)
    }
}

@Suite("FakeNango: records", .timeLimit(.minutes(1)))
struct FakeNangoRecordsTests {
    private func seeded(_ count: Int) throws -> FakeNango {
        let fake = try smallFake()
        try fake.upsertRecords(
            (1...count).map { Contact(id: "c\($0)", first_name: "F\($0)", last_name: nil, email: "c\($0)@example.com", company: nil) },
            model: "Contact", connectionID: "conn-1", providerConfigKey: "crm"
        )
        return fake
    }

    @Test("records(...) pages through every record in cursor order")
    func pagesInOrder() async throws {
        let fake = try seeded(250)
        let nango = try client(fake)
        var ids: [String] = []
        for try await record in nango.records(
            providerConfigKey: "crm", connectionID: "conn-1", model: "Contact", as: Contact.self,
            options: ListRecordsOptions(limit: 100)
        ) {
            ids.append(record.data.id)
            #expect(record.metadata.lastAction == .added)
        }
        #expect(ids == (1...250).map { "c\($0)" })
        let pages = fake.requests.filter { $0.path == "/records/" }
        #expect(pages.count == 3)
        #expect(pages[1].queryValues("cursor").count == 1)
    }

    @Test("Cursors, updates, deletes and filters follow Nango's semantics")
    func changesAfterCursor() async throws {
        let fake = try seeded(5)
        let nango = try client(fake)
        let first = try await nango.listRecords(providerConfigKey: "crm", connectionID: "conn-1", model: "Contact", as: Contact.self)
        #expect(first.records.count == 5)
        #expect(first.nextCursor == nil)
        let checkpoint = try #require(first.records.last?.metadata.cursor)

        try fake.upsertRecords(
            [Contact(id: "c2", email: "new@example.com"), Contact(id: "c6", email: "c6@example.com")],
            model: "Contact", connectionID: "conn-1", providerConfigKey: "crm"
        )
        // Upserting an unchanged record changes nothing.
        try fake.upsertRecords([Contact(id: "c1", first_name: "F1", email: "c1@example.com")],
                               model: "Contact", connectionID: "conn-1", providerConfigKey: "crm")
        #expect(fake.deleteRecords(ids: ["c3", "missing"], model: "Contact", connectionID: "conn-1", providerConfigKey: "crm") == 1)

        let changes = try await nango.listRecords(
            providerConfigKey: "crm", connectionID: "conn-1", model: "Contact", as: Contact.self, cursor: checkpoint
        )
        #expect(changes.records.map(\.data.id) == ["c2", "c6", "c3"])
        #expect(changes.records.map(\.metadata.lastAction) == [.updated, .added, .deleted])
        #expect(changes.records[2].metadata.deletedAt != nil)

        let deleted = try await nango.listRecords(
            providerConfigKey: "crm", connectionID: "conn-1", model: "Contact", as: Contact.self, filter: .deleted
        )
        #expect(deleted.records.map(\.data.id) == ["c3"])
        let addedOrUpdated = try await nango.listRecords(
            providerConfigKey: "crm", connectionID: "conn-1", model: "Contact", as: Contact.self, filter: [.added, .updated]
        )
        #expect(addedOrUpdated.records.count == 5)
        let byID = try await nango.listRecords(
            providerConfigKey: "crm", connectionID: "conn-1", model: "Contact", as: Contact.self, ids: ["c4", "c6"]
        )
        #expect(byID.records.map(\.data.id) == ["c4", "c6"])

        let since = changes.records[1].metadata.lastModifiedAt
        let modified = try await nango.listRecords(
            providerConfigKey: "crm", connectionID: "conn-1", model: "Contact", as: Contact.self, modifiedAfter: since
        )
        #expect(modified.records.map(\.data.id) == ["c6", "c3"])
    }

    @Test("Record timestamps are written as Nango writes them and read back exactly")
    func timestamps() async throws {
        // 2024-02-29T23:59:59.123Z: a leap day, the last second of the day, milliseconds. Changes are never
        // dated before earlier ones, so the integration and connection are dated before it.
        let leapDay = Date(timeIntervalSince1970: 1_709_251_199.123)
        let fake = FakeNango()
        try fake.addIntegration(uniqueKey: "crm", provider: "hubspot", createdAt: leapDay.addingTimeInterval(-86_400))
        try fake.addConnection(connectionID: "conn-1", providerConfigKey: "crm", createdAt: leapDay.addingTimeInterval(-3_600))
        try fake.upsertRecords([Contact(id: "t", email: "t@example.com")], model: "Contact", connectionID: "conn-1",
                               providerConfigKey: "crm", at: leapDay)
        let stored = fake.storedRecords(model: "Contact", connectionID: "conn-1", providerConfigKey: "crm")
        #expect(stored.first?["_nango_metadata"]?["first_seen_at"] == "2024-02-29T23:59:59.123000+00:00")
        let page = try await client(fake).listRecords(providerConfigKey: "crm", connectionID: "conn-1", model: "Contact")
        let metadata = try #require(page.records.first?.metadata)
        #expect(abs(metadata.lastModifiedAt.timeIntervalSince(leapDay)) < 0.000_001)
        #expect(metadata.deletedAt == nil)
    }

    @Test("pruneRecords empties payloads up to a cursor and reports has_more with a limit")
    func prune() async throws {
        let fake = try seeded(4)
        let nango = try client(fake)
        let page = try await nango.listRecords(providerConfigKey: "crm", connectionID: "conn-1", model: "Contact")
        let cursor = page.records[2].metadata.cursor
        let firstRun = try await nango.pruneRecords(
            providerConfigKey: "crm", connectionID: "conn-1", model: "Contact", untilCursor: cursor, limit: 2
        )
        #expect(firstRun.count == 2)
        #expect(firstRun.hasMore)
        let secondRun = try await nango.pruneRecords(providerConfigKey: "crm", connectionID: "conn-1", model: "Contact", untilCursor: cursor)
        #expect(secondRun.count == 1)
        #expect(!secondRun.hasMore)
        let after = try await nango.listRecords(providerConfigKey: "crm", connectionID: "conn-1", model: "Contact")
        #expect(after.prunedRecords.count + after.records.count == 4)
        let stored = fake.storedRecords(model: "Contact", connectionID: "conn-1", providerConfigKey: "crm")
        #expect(stored.prefix(3).allSatisfy { $0["_nango_metadata"]?["pruned_at"]?.stringValue != nil && $0["email"] == nil })
        #expect(stored[3]["email"] == "c4@example.com")
    }

    @Test("Records of an unknown connection: Nango's unknown_connection")
    func unknownConnection() async throws {
        let fake = try seeded(1)
        let nango = try client(fake)
        let error = await #expect(throws: NangoError.self) {
            try await nango.listRecords(providerConfigKey: "crm", connectionID: "nope", model: "Contact")
        }
        #expect(error?.code == .unknownConnection)
        #expect(error?.status == 400)
    }
}

@Suite("FakeNango: syncs, actions, proxy", .timeLimit(.minutes(1)))
struct FakeNangoRuntimeTests {
    @Test("Sync status follows pause, start, trigger and finish")
    func syncStatusChanges() async throws {
        let fake = try smallFake()
        try fake.addSync("contacts", providerConfigKey: "crm", models: ["Contact"], frequency: "every hour")
        let nango = try client(fake)
        func status() async throws -> SyncState? {
            try await nango.syncStatus(providerConfigKey: "crm", syncs: ["contacts"], connectionID: "conn-1").first?.status
        }
        #expect(try await status() == .success)
        try await nango.pauseSync(providerConfigKey: "crm", syncs: ["contacts"], connectionID: "conn-1")
        #expect(try await status() == .paused)
        try await nango.startSync(providerConfigKey: "crm", syncs: ["contacts"], connectionID: "conn-1")
        #expect(try await status() == .success)
        try await nango.triggerSync(providerConfigKey: "crm", syncs: ["contacts"], connectionID: "conn-1")
        #expect(try await status() == .running)

        try fake.upsertRecords([Contact(id: "a", email: "a@example.com")], model: "Contact", connectionID: "conn-1", providerConfigKey: "crm")
        try fake.finishSync("contacts", providerConfigKey: "crm", connectionID: "conn-1")
        let finished = try #require(try await nango.syncStatus(providerConfigKey: "crm", syncs: .all).first)
        #expect(finished.status == .success)
        #expect(finished.finishedAt != nil)
        #expect(finished.recordCount == ["Contact": 1])
        #expect(finished.latestResult?["Contact"]?.added == 1)
        #expect(fake.syncStatus("contacts", providerConfigKey: "crm", connectionID: "conn-1") == "SUCCESS")

        #expect(try await nango.updateSyncConnectionFrequency(
            providerConfigKey: "crm", sync: "contacts", connectionID: "conn-1", frequency: "every 2 hours"
        ) == "every 2 hours")
        #expect(try await nango.updateSyncConnectionFrequency(
            providerConfigKey: "crm", sync: "contacts", connectionID: "conn-1", frequency: nil
        ) == "every hour")

        let variant = try await nango.createSyncVariant(providerConfigKey: "crm", connectionID: "conn-1", sync: "contacts", variant: "eu")
        #expect(variant.variant == "eu")
        #expect(try await nango.syncStatus(providerConfigKey: "crm", syncs: ["contacts"]).map(\.variant) == ["base", "eu"])
        try await nango.pauseSync(providerConfigKey: "crm", syncs: [SyncIdentifier("contacts", variant: "eu")], connectionID: "conn-1")
        let euOnly = try await nango.syncStatus(providerConfigKey: "crm", syncs: .named([SyncIdentifier("contacts", variant: "eu")]))
        #expect(euOnly.map(\.variant) == ["eu"])
        #expect(euOnly.map(\.status) == [.paused])
        #expect(fake.syncStatus("contacts", providerConfigKey: "crm", connectionID: "conn-1") == "SUCCESS")
        try await nango.deleteSyncVariant(providerConfigKey: "crm", connectionID: "conn-1", sync: "contacts", variant: "eu")

        let unknown = await #expect(throws: NangoError.self) {
            try await nango.triggerSync(providerConfigKey: "crm", syncs: ["nope"])
        }
        #expect(unknown?.code == "unknown_sync")
    }

    @Test("Actions answer with the registered closure, synchronously and asynchronously")
    func actions() async throws {
        let fake = try smallFake()
        fake.registerAction("double", providerConfigKey: "crm") { input in
            guard let value = input["value"]?.intValue else { throw FakeNango.ActionFailure("value is required", payload: ["field": "value"]) }
            return ["result": .int(value * 2)]
        }
        let nango = try client(fake)

        let output = try await nango.triggerAction(providerConfigKey: "crm", connectionID: "conn-1", action: "double", input: ["value": 21] as JSONValue)
        #expect(output == ["result": 42])

        let failure = await #expect(throws: NangoError.self) {
            try await nango.triggerAction(providerConfigKey: "crm", connectionID: "conn-1", action: "double")
        }
        #expect(failure?.kind == .actionFailed)
        #expect(failure?.payload == ["field": "value"])

        let handle = try await nango.triggerActionAsync(
            providerConfigKey: "crm", connectionID: "conn-1", action: "double", input: ["value": 5] as JSONValue
        )
        #expect(handle.statusURL == "/action/\(handle.id)")
        // Polled on the real clock: with an immediate one, the poll would spin and starve the other tests' tasks.
        let polling = try fake.makeClient()
        let result = try await polling.waitForAsyncActionResult(handle, as: JSONValue.self, pollInterval: .milliseconds(2))
        #expect(result == ["result": 10])
        await fake.waitForAsyncActions()
        if case .completed(let again) = try await nango.getAsyncActionResult(id: handle.id) {
            #expect(again == ["result": 10])
        } else {
            Issue.record("the finished action's result should be available")
        }
        #expect(try await nango.getAsyncActionResult(id: "unknown-id").output == nil)

        let missing = await #expect(throws: NangoError.self) {
            try await nango.triggerAction(providerConfigKey: "crm", connectionID: "conn-1", action: "nope")
        }
        #expect(missing?.status == 404)
    }

    @Test("An async action stays pending until its closure returns")
    func pendingAsyncAction() async throws {
        let fake = try smallFake()
        let (gate, release) = AsyncStream<Void>.makeStream()
        fake.registerAction("slow") { _ in
            for await _ in gate { break }
            return "done"
        }
        let nango = try client(fake)
        let handle = try await nango.triggerActionAsync(providerConfigKey: "crm", connectionID: "conn-1", action: "slow")
        #expect(try await nango.getAsyncActionResult(handle).output == nil)
        release.yield()
        await fake.waitForAsyncActions()
        #expect(try await nango.getAsyncActionResult(handle).output == "done")
        let webhook = try #require(try fake.asyncActionWebhook(id: handle.id))
        guard case .asyncAction(let payload) = try nango.webhook(body: webhook.body, headers: webhook.headers) else {
            Issue.record("expected an async_action webhook")
            return
        }
        #expect(payload.handle == handle)
    }

    @Test("Proxy calls reach the registered handler; an unknown route is a clear 404")
    func proxy() async throws {
        let fake = try smallFake()
        fake.registerProxy(method: .post, path: "/crm/v3/objects/:type") { call in
            #expect(call.headers["x-custom"] == "1")
            #expect(call.queryValue("archived") == "false")
            return .json(["type": .string(call.parameters["type"] ?? ""), "echo": call.json ?? .null], status: 201)
        }
        let nango = try client(fake)
        let response = try await nango.post(ProxyRequest(
            endpoint: "/crm/v3/objects/contacts",
            providerConfigKey: "crm",
            connectionID: "conn-1",
            headers: ["X-Custom": "1"],
            query: ["archived": "false"],
            body: .json(["email": "a@example.com"])
        ))
        #expect(response.status == 201)
        #expect(try response.json() == ["type": "contacts", "echo": ["email": "a@example.com"]])

        let unknown = await #expect(throws: NangoError.self) {
            try await nango.get(ProxyRequest(endpoint: "/nowhere", providerConfigKey: "crm", connectionID: "conn-1"))
        }
        #expect(unknown?.status == 404)
        #expect(unknown?.message.contains("no proxy handler for GET /nowhere") == true)
        let noConnection = await #expect(throws: NangoError.self) {
            try await nango.get(ProxyRequest(endpoint: "/crm/v3/objects/contacts", providerConfigKey: "crm", connectionID: "nope"))
        }
        #expect(noConnection?.code == .unknownConnection)
    }

    @Test("A handler slower than the attempt's deadline gives the client a timeout, and is cancelled")
    func deadline() async throws {
        let fake = try smallFake()
        let (never, _) = AsyncStream<Void>.makeStream()
        let (cancelled, cancellation) = AsyncStream<Void>.makeStream()
        fake.registerAction("hangs") { _ in
            for await _ in never {}
            cancellation.yield()
            return nil
        }
        var configuration = NangoClient.Configuration()
        configuration.actionTimeout = .milliseconds(50)
        configuration.retry = .none
        let nango = try fake.makeClient(configuration: configuration)
        let error = await #expect(throws: NangoError.self) {
            try await nango.triggerAction(providerConfigKey: "crm", connectionID: "conn-1", action: "hangs")
        }
        #expect(error?.kind == .timeout)
        var iterator = cancelled.makeAsyncIterator()
        #expect(await iterator.next() != nil)
    }

    @Test("Provider errors from a proxy handler are the provider's; a handler that throws is a network failure")
    func proxyProviderError() async throws {
        struct Unreachable: Error {}
        let fake = try smallFake()
        fake.registerProxy(method: .get, path: "/limited") { _ in .json(["message": "slow down"], status: 422) }
        fake.registerProxy(method: .get, path: "/down/*") { _ in throw Unreachable() }
        let nango = try client(fake)
        let error = await #expect(throws: NangoError.self) {
            try await nango.get(ProxyRequest(endpoint: "/limited", providerConfigKey: "crm", connectionID: "conn-1"))
        }
        #expect(error?.kind == .providerHTTP)
        #expect(error?.status == 422)
        let down = await #expect(throws: NangoError.self) {
            try await nango.get(ProxyRequest(endpoint: "/down/here", providerConfigKey: "crm", connectionID: "conn-1", retries: 0))
        }
        #expect(down?.kind == .transport)
    }
}

@Suite("FakeNango: faults, webhooks, sessions, demo", .timeLimit(.minutes(1)))
struct FakeNangoEnvironmentTests {
    @Test("Injected 429 and 503 faults are retried, then the call succeeds")
    func retriesAfterFaults() async throws {
        let fake = try smallFake()
        fake.injectFault(.status(429, retryAfter: 2), method: .get, path: "/integrations")
        fake.injectFault(.status(503), path: "/integrations")
        let clock = ImmediateClock()
        let nango = try client(fake, clock: clock)
        let integrations = try await nango.listIntegrations()
        #expect(integrations.map(\.uniqueKey) == ["crm"])
        #expect(fake.requests.count == 3)
        #expect(clock.sleeps.first == .seconds(2))
        #expect(fake.pendingFaultCount == 0)
    }

    @Test("A dropped connection is a transport error the client retries, even for a POST")
    func dropConnection() async throws {
        let fake = try smallFake()
        fake.injectFault(.dropConnection()) { $0.method == .post }
        let nango = try client(fake)
        let session = try await nango.createConnectSession(ConnectSessionRequest(endUser: EndUser(id: "user-9")))
        #expect(!session.token.value.isEmpty)
        #expect(fake.requests.count == 2)

        fake.injectFault(.dropConnection, times: 3)
        let error = await #expect(throws: NangoError.self) { try await nango.listIntegrations() }
        #expect(error?.kind == .transport)
        #expect(fake.pendingFaultCount == 0)

        // After the request may have left, a POST is not retried; a GET is.
        fake.clearRequests()
        fake.injectFault(.dropConnection(requestSent: true), times: 2)
        await #expect(throws: NangoError.self) {
            try await nango.createConnectSession(ConnectSessionRequest(endUser: EndUser(id: "user-9")))
        }
        #expect(fake.requests.count == 1)
        #expect(try await nango.listIntegrations().count == 1)
        #expect(fake.requests.count == 3)
    }

    @Test("Webhooks signed by the fake verify and decode; a tampered body does not verify")
    func webhooks() async throws {
        let fake = try smallFake()
        let nango = try client(fake)
        let payload: JSONValue = ["type": "sync", "from": "nango", "connectionId": "conn-1", "providerConfigKey": "crm",
                                  "syncName": "contacts", "model": "Contact", "success": true,
                                  "responseResults": ["added": 1, "updated": 0, "deleted": 0]]
        let (body, headers) = try fake.webhook(payload)
        #expect(headers[HTTPField.Name("X-Nango-Hmac-Sha256")!]?.count == 64)
        #expect(nango.verifyIncomingWebhookRequest(body: body, headers: headers))
        guard case .sync(let sync) = try NangoWebhook(decoding: body) else {
            Issue.record("expected a sync webhook")
            return
        }
        #expect(sync.model == "Contact")
        var tampered = body
        tampered.append(0x20)
        #expect(!nango.verifyIncomingWebhookRequest(body: tampered, headers: headers))

        let separate = FakeNango(webhookSigningKey: "whsec-fake")
        let signed = try separate.webhook(["type": "forward", "from": "github", "providerConfigKey": "gh", "payload": [:]] as JSONValue)
        #expect(try separate.makeClient().verifyIncomingWebhookRequest(body: signed.body, headers: signed.headers))
        #expect(!nango.verifyIncomingWebhookRequest(body: signed.body, headers: signed.headers))
    }

    @Test("Sync and auth webhooks describe the fake's state")
    func stateWebhooks() async throws {
        let fake = try smallFake()
        try fake.addSync("contacts", providerConfigKey: "crm", models: ["Contact"])
        let start = Date()
        try fake.upsertRecords([Contact(id: "a", email: "a@example.com"), Contact(id: "b", email: "b@example.com")],
                               model: "Contact", connectionID: "conn-1", providerConfigKey: "crm")
        let nango = try client(fake)
        let sync = try fake.syncWebhook(syncName: "contacts", providerConfigKey: "crm", connectionID: "conn-1",
                                        model: "Contact", modifiedAfter: start)
        guard case .sync(let decoded) = try nango.webhook(body: sync.body, headers: sync.headers) else {
            Issue.record("expected a sync webhook")
            return
        }
        #expect(decoded.responseResults?.added == 2)
        let auth = try fake.authWebhook(providerConfigKey: "crm", connectionID: "conn-1")
        guard case .auth(let authPayload) = try nango.webhook(body: auth.body, headers: auth.headers) else {
            Issue.record("expected an auth webhook")
            return
        }
        #expect(authPayload.authMode == .oauth2)
        #expect(authPayload.success)
    }

    @Test("Connect sessions: created, completed by the end user, found by waitForConnection; reconnect")
    func connectSessions() async throws {
        let fake = try smallFake()
        let nango = try client(fake)
        let session = try await nango.createConnectSession(ConnectSessionRequest(
            endUser: EndUser(id: "user-7", email: "u7@example.com"), allowedIntegrations: ["crm"]
        ))
        #expect(session.expiresAt > Date())
        #expect(fake.connectSessions.map(\.token) == [session.token.value])
        try fake.completeConnectSession(token: session.token.value, providerConfigKey: "crm", connectionID: "conn-7",
                                        credentials: .apiKey(APIKeyCredentials(apiKey: "k7")))
        let found = try await nango.waitForConnection(providerConfigKey: "crm", endUserID: "user-7")
        #expect(found.connectionID == "conn-7")
        #expect(found.tags["end_user_email"] == "u7@example.com")

        let reconnect = try await nango.createReconnectSession(ReconnectSessionRequest(connectionID: "conn-7", integrationID: "crm"))
        try fake.completeConnectSession(token: reconnect.token.value, providerConfigKey: "crm",
                                        credentials: .apiKey(APIKeyCredentials(apiKey: "k8")))
        #expect(try await nango.getToken(providerConfigKey: "crm", connectionID: "conn-7")
            == .credentials(.apiKey(APIKeyCredentials(apiKey: "k8"))))
        let bad = await #expect(throws: NangoError.self) {
            try await nango.createReconnectSession(ReconnectSessionRequest(connectionID: "nope", integrationID: "crm"))
        }
        #expect(bad?.code == .unknownConnection)
    }

    @Test("Environment variables, providers, functions and the scripts configuration")
    func environment() async throws {
        let fake = try smallFake()
        fake.setEnvironmentVariable("A", "1")
        fake.setEnvironmentVariable("B", "2")
        fake.setEnvironmentVariable("A", "3")
        try fake.addSync("contacts", providerConfigKey: "crm", models: ["Contact"], description: "Contacts")
        fake.registerAction("create-contact", providerConfigKey: "crm", description: "Creates one") { $0 }
        let nango = try client(fake)

        #expect(try await nango.getEnvironmentVariables().map { "\($0.name)=\($0.value)" } == ["A=3", "B=2"])
        #expect(try await nango.listProviders(search: "hub").map(\.name) == ["github", "github-app", "hubspot"])
        #expect(try await nango.getProvider("stripe").authMode == .apiKey)
        #expect(try await nango.getProviderTemplates("hubspot").map(\.name) == ["contacts", "create-contact"])

        let functions = try await nango.listFunctions(uniqueKey: "crm")
        #expect(functions.functions.map(\.name) == ["contacts", "create-contact"])
        #expect(try await nango.listFunctions(uniqueKey: "crm", type: .action).functions.map(\.name) == ["create-contact"])
        #expect(try await nango.getFunction(uniqueKey: "crm", name: "contacts").type == .sync)
        #expect(try await nango.getFunctionCode(uniqueKey: "crm", name: "create-contact").code.contains("createAction"))
        let config = try await nango.getScriptsConfig()
        #expect(config.integrations.first?.syncs.map(\.name) == ["contacts"])
        #expect(config.integrations.first?.actions.map(\.name) == ["create-contact"])
        #expect(try await nango.getScriptsConfig(format: .openAI).functions.map(\.name) == ["create-contact"])
        try await nango.deleteFunction(uniqueKey: "crm", name: "create-contact", type: .action)
        #expect(try await nango.listFunctions(uniqueKey: "crm").functions.map(\.name) == ["contacts"])
    }

    @Test("demo() seeds integrations, connections of several auth types, 3,000 contacts, syncs and an action")
    func demo() async throws {
        let fake = FakeNango.demo()
        let nango = try client(fake)
        #expect(try await nango.listIntegrations().map(\.uniqueKey) == ["github", "hubspot", "stripe", "jira"])
        let connections = try await nango.listConnections().connections
        #expect(Set(connections.map(\.connectionID)) == ["acme-github", "acme-hubspot", "acme-stripe", "globex-jira"])
        let types = try await withThrowingTaskGroup(of: AuthMode?.self) { group in
            for connection in connections {
                group.addTask {
                    try await nango.getConnection(providerConfigKey: connection.providerConfigKey, connectionID: connection.connectionID)
                        .credentials.type
                }
            }
            var types: Set<AuthMode?> = []
            for try await type in group { types.insert(type) }
            return types
        }
        #expect(types == [.oauth2, .apiKey, .basic])

        var count = 0
        var live = 0
        for try await record in nango.records(providerConfigKey: "hubspot", connectionID: "acme-hubspot", model: "Contact", as: Contact.self) {
            count += 1
            if record.metadata.deletedAt == nil { live += 1 }
        }
        #expect(count == FakeNango.demoContactCount)
        #expect(live == FakeNango.demoContactCount - 10)

        let created = try await nango.triggerAction(
            providerConfigKey: "hubspot", connectionID: "acme-hubspot", action: "create-contact",
            input: ["first_name": "Nia", "last_name": "Okafor", "email": "nia@acme.example"] as JSONValue, as: Contact.self
        )
        let latest = try await nango.listRecords(
            providerConfigKey: "hubspot", connectionID: "acme-hubspot", model: "Contact", as: Contact.self, ids: [created.id]
        )
        #expect(latest.records.first?.data == created)

        let statuses = try await nango.syncStatus(providerConfigKey: "hubspot", syncs: .all, connectionID: "acme-hubspot")
        #expect(statuses.first?.recordCount?["Contact"] == Int64(FakeNango.demoContactCount - 10 + 1))
        #expect(try await nango.syncStatus(providerConfigKey: "github", syncs: ["issues"]).first?.status == .paused)
        let customers = try await nango.get(ProxyRequest(endpoint: "/v1/customers", providerConfigKey: "stripe", connectionID: "acme-stripe"))
        #expect(try customers.json()["data"]?.arrayValue?.count == 2)
        #expect(try await nango.getEnvironmentVariables().count == 2)
    }
}

@Suite("FakeNango: the README's example", .timeLimit(.minutes(1)))
struct FakeNangoReadmeTests {
    @Test("The README's seeding, fault and retry example works as written")
    func readmeExample() async throws {
        let fake = FakeNango()
        try fake.addIntegration(uniqueKey: "crm", provider: "hubspot")
        try fake.addConnection(connectionID: "c1", providerConfigKey: "crm", credentials: .apiKey(.init(apiKey: "k")))
        try fake.upsertRecords([["id": "1", "email": "a@example.com"]], model: "Contact", connectionID: "c1", providerConfigKey: "crm")
        fake.registerAction("create-contact") { input in ["id": "2", "email": input["email"] ?? .null] }
        fake.registerProxy(method: .get, path: "/crm/v3/owners") { _ in .json(["results": []]) }
        fake.injectFault(.status(429, retryAfter: 1), times: 2) { $0.path == "/records/" }

        var configuration = NangoClient.Configuration()
        configuration.clock = ImmediateClock()
        let nango = try fake.makeClient(configuration: configuration)

        let page = try await nango.listRecords(providerConfigKey: "crm", connectionID: "c1", model: "Contact")
        #expect(page.records.map { $0.data["email"] } == ["a@example.com"])
        #expect(fake.requests.count == 3)
        let created = try await nango.triggerAction(providerConfigKey: "crm", connectionID: "c1", action: "create-contact",
                                                    input: ["email": "b@example.com"] as JSONValue)
        #expect(created == ["id": "2", "email": "b@example.com"])
        let owners = try await nango.get(ProxyRequest(endpoint: "/crm/v3/owners", providerConfigKey: "crm", connectionID: "c1"))
        #expect(try owners.json() == ["results": []])
    }
}

@Suite("FakeNango under concurrent use", .timeLimit(.minutes(1)))
struct FakeNangoConcurrencyTests {
    @Test("Concurrent metadata merges and record upserts all land")
    func concurrentWrites() async throws {
        let fake = try smallFake()
        let nango = try client(fake)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<64 {
                group.addTask {
                    try await nango.updateMetadata(
                        providerConfigKey: "crm", connectionID: "conn-1", metadata: ["key-\(index)": .int(Int64(index))] as [String: JSONValue]
                    )
                }
                group.addTask {
                    try fake.upsertRecords([Contact(id: "r\(index)", email: "r\(index)@example.com")],
                                           model: "Contact", connectionID: "conn-1", providerConfigKey: "crm")
                }
            }
            try await group.waitForAll()
        }
        let metadata = try #require(fake.metadata(providerConfigKey: "crm", connectionID: "conn-1"))
        #expect((0..<64).allSatisfy { metadata["key-\($0)"] == .int(Int64($0)) })
        var cursors: Set<String> = []
        for try await record in nango.records(providerConfigKey: "crm", connectionID: "conn-1", model: "Contact", as: Contact.self,
                                              options: ListRecordsOptions(limit: 10)) {
            cursors.insert(record.metadata.cursor)
        }
        #expect(cursors.count == 64)
        #expect(fake.requests.count >= 64 + 7)
    }
}
