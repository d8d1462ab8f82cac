import Foundation
import HTTPTypes
@testable import Nango
import NangoTesting
import Testing

@Suite("Syncs API", .timeLimit(.minutes(1)))
struct SyncsTests {
    @Test("triggerSync POSTs {syncs, provider_config_key, connection_id, opts} for a full refresh")
    func triggerFullRefresh() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("syncs/trigger"), for: .post, path: "/sync/trigger")
        let nango = try makeClient(mock)

        try await nango.triggerSync(providerConfigKey: "hubspot", syncs: ["contacts"], connectionID: "c1", mode: .fullRefresh)

        let request = try #require(mock.lastRequest)
        #expect(request.json == ["syncs": ["contacts"], "provider_config_key": "hubspot", "connection_id": "c1", "opts": ["reset": true]])
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.rawQuery == nil)
        expectStandardHeaders(request)
    }

    @Test("triggerSync modes and defaults", arguments: [(SyncTriggerMode, JSONValue?)]([
        (.incremental, nil),
        (.fullRefreshAndClearCache, .object(["reset": true, "emptyCache": true])),
        (SyncTriggerMode(reset: true, emptyCache: false), .object(["reset": true])),
    ]))
    func triggerModes(mode: SyncTriggerMode, opts: JSONValue?) async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("syncs/trigger"))
        let nango = try makeClient(mock)

        try await nango.triggerSync(providerConfigKey: "hubspot", mode: mode)

        var expected: JSONValue = ["syncs": [], "provider_config_key": "hubspot"]
        if let opts { expected["opts"] = opts }
        #expect(mock.lastRequest?.json == expected)
    }

    @Test("syncs with variants are sent as {name, variant} objects")
    func triggerVariants() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("syncs/trigger"))
        let nango = try makeClient(mock)

        try await nango.triggerSync(providerConfigKey: "hubspot", syncs: ["contacts", .init("deals", variant: "eu")])

        #expect(mock.lastRequest?.json?["syncs"] == [["name": "contacts"], ["name": "deals", "variant": "eu"]])
    }

    @Test("emptyCache without reset, and invalid names, are refused before sending")
    func triggerInvalid() async throws {
        let mock = MockTransport()
        let nango = try makeClient(mock)
        await #expect(throws: NangoError.self) {
            try await nango.triggerSync(providerConfigKey: "p", mode: .init(reset: false, emptyCache: true))
        }
        await #expect(throws: NangoError.self) { try await nango.triggerSync(providerConfigKey: "p", syncs: [""]) }
        await #expect(throws: NangoError.self) { try await nango.triggerSync(providerConfigKey: "p", syncs: ["a,b"]) }
        await #expect(throws: NangoError.self) { try await nango.triggerSync(providerConfigKey: "", syncs: ["a"]) }
        await #expect(throws: NangoError.self) { try await nango.triggerSync(providerConfigKey: "p", syncs: ["a"], connectionID: "") }
        #expect(mock.requests.isEmpty)
    }

    @Test("triggerSync is never retried after a 503; startSync is")
    func retryRules() async throws {
        let mock = MockTransport()
        mock.enqueue(.http(status: 503))
        let nango = try makeClient(mock)
        await #expect(throws: NangoError.self) { try await nango.triggerSync(providerConfigKey: "p", syncs: ["a"]) }
        #expect(mock.requests.count == 1)

        mock.enqueue(.http(status: 503))
        mock.enqueue(try fixtureResponse("syncs/start"))
        try await nango.startSync(providerConfigKey: "p", syncs: ["a"])
        #expect(mock.requests.count == 3)
    }

    @Test("startSync and pauseSync POST {syncs, provider_config_key, connection_id?}")
    func startAndPause() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("syncs/start"), for: .post, path: "/sync/start")
        mock.enqueue(try fixtureResponse("syncs/pause"), for: .post, path: "/sync/pause")
        let nango = try makeClient(mock)

        try await nango.startSync(providerConfigKey: "github", syncs: ["issues", "prs"], connectionID: "c1")
        try await nango.pauseSync(providerConfigKey: "github", syncs: [.init("issues", variant: "org")])

        #expect(mock.requests[0].json == ["syncs": ["issues", "prs"], "provider_config_key": "github", "connection_id": "c1"])
        #expect(mock.requests[1].json == ["syncs": [["name": "issues", "variant": "org"]], "provider_config_key": "github"])
        try mock.verifyAllResponsesUsed()
    }

    @Test("syncStatus for all syncs sends syncs=* and decodes typed statuses with open enums")
    func statusAll() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("syncs/status"), for: .get, path: "/sync/status")
        let nango = try makeClient(mock)

        let statuses = try await nango.syncStatus(providerConfigKey: "github", syncs: .all, connectionID: "c 1")

        let request = try #require(mock.lastRequest)
        #expect(request.rawQuery == "syncs=*&provider_config_key=github&connection_id=c+1")
        #expect(request.body == nil)
        #expect(request.header("Content-Type") == nil)
        #expect(statuses.count == 4)
        let running = statuses[0]
        #expect(running.status == .running)
        #expect(running.type == .incremental)
        #expect(running.latestResult?["GithubIssue"] == SyncResultCounts(added: 12, updated: 3, deleted: 1))
        #expect(running.recordCount?["GithubIssue"] == 1532)
        #expect(running.finishedAt != nil)
        #expect(running.connectionID != nil)
        #expect(statuses.map(\.status).contains(.error))
        #expect(statuses[3].status.rawValue == "PAUSED_BY_QUOTA")
        #expect(statuses[3].nextScheduledSyncAt == nil)
        let encoded = try JSONValue(encoding: statuses[3])
        #expect(encoded["status"] == "PAUSED_BY_QUOTA")
    }

    @Test("syncStatus for named syncs joins them, with name::variant")
    func statusNamed() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("syncs/status"))
        let nango = try makeClient(mock)

        _ = try await nango.syncStatus(providerConfigKey: "gh", syncs: ["s1", .init("s2", variant: "v"), "s3"])

        #expect(mock.lastRequest?.queryValues("syncs") == ["s1,s2::v,s3"])
        #expect(mock.lastRequest?.rawQuery == "syncs=s1%2Cs2%3A%3Av%2Cs3&provider_config_key=gh")
    }

    @Test("syncStatus with an empty list is refused")
    func statusEmpty() async throws {
        let mock = MockTransport()
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) { try await nango.syncStatus(providerConfigKey: "gh", syncs: .named([])) }
        #expect(error?.kind == .invalidArgument)
        #expect(mock.requests.isEmpty)
    }

    @Test("updateSyncConnectionFrequency PUTs the frequency (or null) and returns the frequency in force")
    func frequency() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("syncs/update-frequency"), for: .put, path: "/sync/update-connection-frequency")
        mock.enqueue(.json(#"{"frequency":null}"#))
        let nango = try makeClient(mock)

        let frequency = try await nango.updateSyncConnectionFrequency(
            providerConfigKey: "github", sync: .init("issues", variant: "org"), connectionID: "c1", frequency: "every 2 hours"
        )
        try await nango.updateSyncConnectionFrequency(providerConfigKey: "github", sync: "issues", connectionID: "c1", frequency: nil)

        #expect(frequency == "every 2 hours")
        #expect(mock.requests[0].json == [
            "sync_name": "issues", "sync_variant": "org", "provider_config_key": "github", "connection_id": "c1",
            "frequency": "every 2 hours",
        ])
        #expect(mock.requests[1].json == [
            "sync_name": "issues", "provider_config_key": "github", "connection_id": "c1", "frequency": nil,
        ])
    }

    @Test("valid frequencies pass", arguments: ["every 30 minutes", "every hour", "every day", "2h", "1.5 days", "30s", "every 2 weeks", "45 mins", "EVERY 1 HOUR"])
    func validFrequencies(text: String) throws {
        try SyncFrequency.validate(text)
    }

    @Test("invalid frequency strings are refused before sending", arguments: ["", "often", "every", "5 fortnights", "10s", "every 0 minutes", "-1h", "1..5h", "every 100"])
    func invalidFrequencies(text: String) async throws {
        let mock = MockTransport()
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) {
            try await nango.updateSyncConnectionFrequency(providerConfigKey: "p", sync: "s", connectionID: "c", frequency: text)
        }
        #expect(error?.kind == .invalidArgument)
        #expect(mock.requests.isEmpty)
    }

    @Test("createSyncVariant POSTs to /sync/{name}/variant/{variant} with escaped segments and decodes the variant")
    func createVariant() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("syncs/create-variant"), for: .post, path: "/sync/github-issues/variant/acme%2Fplatform")
        let nango = try makeClient(mock)

        let variant = try await nango.createSyncVariant(
            providerConfigKey: "github", connectionID: "c1", sync: "github-issues", variant: "acme/platform"
        )

        #expect(variant.name == "github-issues")
        #expect(!variant.id.isEmpty)
        #expect(mock.lastRequest?.json == ["provider_config_key": "github", "connection_id": "c1"])
    }

    @Test("deleteSyncVariant DELETEs with a JSON body")
    func deleteVariant() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("syncs/delete-variant"), for: .delete, path: "/sync/github-issues/variant/eu")
        let nango = try makeClient(mock)

        try await nango.deleteSyncVariant(providerConfigKey: "github", connectionID: "c1", sync: "github-issues", variant: "eu")

        let request = try #require(mock.lastRequest)
        #expect(request.json == ["provider_config_key": "github", "connection_id": "c1"])
        #expect(request.header("Content-Type") == "application/json")
    }

    @Test("the base variant cannot be created or deleted")
    func baseVariant() async throws {
        let mock = MockTransport()
        let nango = try makeClient(mock)
        await #expect(throws: NangoError.self) {
            try await nango.createSyncVariant(providerConfigKey: "p", connectionID: "c", sync: "s", variant: "base")
        }
        await #expect(throws: NangoError.self) {
            try await nango.deleteSyncVariant(providerConfigKey: "p", connectionID: "c", sync: "s", variant: "base")
        }
        #expect(mock.requests.isEmpty)
    }
}
