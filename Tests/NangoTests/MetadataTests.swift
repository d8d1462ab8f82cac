import Foundation
import HTTPTypes
@testable import Nango
import NangoTesting
import Testing

@Suite("Metadata API", .timeLimit(.minutes(1)))
struct MetadataTests {
    @Test("getMetadata decodes the user's type; sends all four flags as false")
    func getMetadataTyped() async throws {
        struct Settings: Decodable, Sendable {
            var big_id: Int64
        }
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("connections/get-oauth2"))
        let nango = try makeClient(mock)

        let settings = try await nango.getMetadata(providerConfigKey: "github", connectionID: "user-1", as: Settings.self)

        #expect(settings?.big_id == 9_007_199_254_740_993)
        #expect(mock.lastRequest?.rawQuery == "provider_config_key=github&force_refresh=false&refresh_token=false&refresh_github_app_jwt_token=false")
    }

    @Test("getMetadata is nil when the connection's metadata is null")
    func getMetadataNull() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("connections/get-nullables"))
        let nango = try makeClient(mock)

        let metadata = try await nango.getMetadata(providerConfigKey: "github", connectionID: "user-1")

        #expect(metadata == nil)
    }

    @Test("setMetadata for one id POSTs {metadata, connection_id, provider_config_key} with a string id")
    func setMetadataOne() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("connections/set-metadata", status: 201), for: .post, path: "/connections/metadata")
        let nango = try makeClient(mock)

        let change = try await nango.setMetadata(providerConfigKey: "github", connectionID: "user-1", metadata: ["plan": "pro"])

        let request = try #require(mock.lastRequest)
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.rawQuery == nil)
        #expect(request.json == ["metadata": ["plan": "pro"], "connection_id": "user-1", "provider_config_key": "github"])
        expectStandardHeaders(request)
        #expect(change.connectionIDs.count == 1)
        #expect(!change.providerConfigKey.isEmpty)
    }

    @Test("updateMetadata for several ids PATCHes with an array of ids and any Encodable metadata")
    func updateMetadataMany() async throws {
        struct Plan: Encodable, Sendable {
            var plan: String
            var seats: Int64
        }
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("connections/update-metadata-many"), for: .patch, path: "/connections/metadata")
        let nango = try makeClient(mock)

        let change = try await nango.updateMetadata(
            providerConfigKey: "github",
            connectionIDs: ["a", "b"],
            metadata: Plan(plan: "pro", seats: 9_007_199_254_740_993)
        )

        let request = try #require(mock.lastRequest)
        #expect(request.json == [
            "metadata": ["plan": "pro", "seats": .int(9_007_199_254_740_993)],
            "connection_id": ["a", "b"],
            "provider_config_key": "github",
        ])
        #expect(change.connectionIDs.count >= 2)
    }

    @Test("setMetadata takes a list of ids and updateMetadata a single one")
    func metadataOtherForms() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("connections/update-metadata-many", status: 201), for: .post, path: "/connections/metadata")
        mock.enqueue(try fixtureResponse("connections/set-metadata"), for: .patch, path: "/connections/metadata")
        let nango = try makeClient(mock)

        try await nango.setMetadata(providerConfigKey: "github", connectionIDs: ["a"], metadata: ["plan": "pro"])
        try await nango.updateMetadata(providerConfigKey: "github", connectionID: "a", metadata: ["seats": 3])

        #expect(mock.requests[0].json?["connection_id"] == ["a"])
        #expect(mock.requests[1].json == ["metadata": ["seats": 3], "connection_id": "a", "provider_config_key": "github"])
    }

    @Test("metadata writes refuse an empty id list, an empty id and non-object metadata, sending nothing")
    func metadataInvalid() async throws {
        let mock = MockTransport()
        let nango = try makeClient(mock)
        let empty = await #expect(throws: NangoError.self) {
            try await nango.updateMetadata(providerConfigKey: "github", connectionIDs: [], metadata: ["plan": "pro"])
        }
        #expect(empty?.kind == .invalidArgument)
        await #expect(throws: NangoError.self) {
            try await nango.setMetadata(providerConfigKey: "github", connectionIDs: ["a", ""], metadata: ["plan": "pro"])
        }
        await #expect(throws: NangoError.self) {
            try await nango.setMetadata(providerConfigKey: "", connectionID: "a", metadata: ["plan": "pro"])
        }
        let notObject = await #expect(throws: NangoError.self) {
            try await nango.setMetadata(providerConfigKey: "github", connectionID: "a", metadata: ["not", "an", "object"])
        }
        #expect(notObject?.kind == .invalidArgument)
        #expect(mock.requests.isEmpty)
    }

    // MARK: patch, delete, import
}
