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
