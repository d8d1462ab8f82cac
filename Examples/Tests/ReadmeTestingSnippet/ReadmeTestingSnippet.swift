// The README's "Testing your code" blocks, verbatim, with the `MyService` they test. This target is compiled
// with Swift 6's defaults, as a user's test target depending only on NangoTesting would be.
import Nango
import NangoTesting
import Testing

/// The service of the README's tests.
struct MyService {
    let nango: NangoClient

    /// Finds an organization's connections by tag.
    func syncCustomer(_ organizationID: String) async throws {
        _ = try await nango.listConnections(tags: ["organization_id": organizationID])
    }

    /// Marks a HubSpot connection's metadata as tagged.
    func tagContacts(connectionID: String) async throws {
        let tagged: [String: JSONValue] = ["tagged": true]
        try await nango.updateMetadata(providerConfigKey: "hubspot", connectionID: connectionID, metadata: tagged)
    }

    /// The emails of every `Contact` record of a connection.
    func contactEmails(integration: String, connectionID: String) async throws -> [String] {
        struct Contact: Decodable, Sendable { let email: String }
        var emails: [String] = []
        let records = nango.records(providerConfigKey: integration, connectionID: connectionID, model: "Contact", as: Contact.self)
        for try await record in records {
            emails.append(record.data.email)
        }
        return emails
    }
}

@Test func findsTheCustomersConnection() async throws {
    let mock = MockTransport()
    mock.enqueue(.json(#"{"connections": []}"#), for: .get, path: "/connections")
    let nango = try NangoClient(secretKey: "test", transport: mock)

    try await MyService(nango: nango).syncCustomer("org-1")

    #expect(mock.requests[0].queryValues("tags[organization_id]") == ["org-1"])
    try mock.verifyAllResponsesUsed()
}

// The README's FakeNango block.

@Test func tagsNewContacts() async throws {
    let fake = FakeNango.demo()              // integrations, connections, 3,000 Contact records, syncs, actions
    let nango = try fake.makeClient()        // the fake's key, the fake as transport

    try await MyService(nango: nango).tagContacts(connectionID: "acme-hubspot")

    #expect(fake.metadata(providerConfigKey: "hubspot", connectionID: "acme-hubspot")?["tagged"] == true)
}

@Test func survivesRateLimits() async throws {
    let fake = FakeNango()
    try fake.addIntegration(uniqueKey: "crm", provider: "hubspot")
    try fake.addConnection(connectionID: "c1", providerConfigKey: "crm", credentials: .apiKey(.init(apiKey: "k")))
    try fake.upsertRecords([["id": "1", "email": "a@example.com"]], model: "Contact", connectionID: "c1", providerConfigKey: "crm")
    fake.registerAction("create-contact") { input in ["id": "2", "email": input["email"] ?? .null] }
    fake.registerProxy(method: .get, path: "/crm/v3/owners") { _ in .json(["results": []]) }
    fake.injectFault(.status(429, retryAfter: 1), times: 2) { $0.path == "/records/" }

    var configuration = NangoClient.Configuration()
    configuration.clock = ImmediateClock()   // the retries wait for nothing
    let nango = try fake.makeClient(configuration: configuration)
    #expect(try await MyService(nango: nango).contactEmails(integration: "crm", connectionID: "c1") == ["a@example.com"])
    // ... and assert on fake.requests, fake.storedRecords(...), fake.syncStatus(...) ...
}
