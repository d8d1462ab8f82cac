// The README's "Testing your code" block, verbatim, with the `MyService` it tests. This target is compiled
// with Swift 6's defaults, as a user's test target depending only on NangoTesting would be.
import Nango
import NangoTesting
import Testing

/// The service of the README's test: finds an organization's connections by tag.
struct MyService {
    let nango: NangoClient

    func syncCustomer(_ organizationID: String) async throws {
        _ = try await nango.listConnections(tags: ["organization_id": organizationID])
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
