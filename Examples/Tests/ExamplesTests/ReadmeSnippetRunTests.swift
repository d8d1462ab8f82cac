import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Nango
import NangoTesting
import ReadmeSnippets
import Testing

/// The README's snippets, run against a FakeNango seeded with the names they use (`github`/`user-1`,
/// `hubspot`/`c1`, ...). The quick start and connect sessions are compiled only: the first makes a client for
/// the real Nango, the second waits for a user for 10 seconds at least.
@Suite("README snippets run against FakeNango")
struct ReadmeSnippetRunTests {
    /// A fake with every integration, connection, sync, action and proxy route the snippets use.
    static func seeded() throws -> FakeNango {
        let fake = FakeNango()
        try fake.addIntegration(uniqueKey: "github", provider: "github")
        try fake.addIntegration(uniqueKey: "gitlab", provider: "gitlab")
        try fake.addIntegration(uniqueKey: "hubspot", provider: "hubspot")
        try fake.addIntegration(uniqueKey: "stripe", provider: "stripe")
        try fake.addIntegration(uniqueKey: "google-calendar", provider: "google-calendar")
        let oauth = Credentials.oauth2(OAuth2Credentials(accessToken: "token", expiresAt: Date().addingTimeInterval(3_600)))
        try fake.addConnection(connectionID: "user-1", providerConfigKey: "github", credentials: oauth)
        try fake.addConnection(connectionID: "u1", providerConfigKey: "github", credentials: oauth)
        try fake.addConnection(connectionID: "u1", providerConfigKey: "google-calendar", credentials: oauth)
        try fake.addConnection(connectionID: "c1", providerConfigKey: "hubspot", credentials: oauth)
        try fake.upsertRecords(
            (1...5).map { ["id": .string("contact-\($0)"), "email": .string("person\($0)@example.com")] },
            model: "Contact", connectionID: "c1", providerConfigKey: "hubspot"
        )
        try fake.addSync("contacts", providerConfigKey: "hubspot", models: ["Contact"])
        try fake.addSync("deals", providerConfigKey: "hubspot", models: ["Deal"])
        fake.registerAction("create-contact", providerConfigKey: "hubspot") { input in
            ["id": "contact-new", "email": input["email"] ?? .null]
        }
        fake.registerAction("export", providerConfigKey: "github") { _ in ["exported": true] }
        fake.registerProxy(method: .post, path: "/calendar/v3/users/me/calendarList", providerConfigKey: "google-calendar") { _ in
            .json(["items": [["id": "primary", "summary": "Team"]]])
        }
        fake.registerProxy(method: .get, path: "/user", providerConfigKey: "github") { _ in .json(["login": "octocat"]) }
        return fake
    }

    @Test func configuration() async throws {
        let fake = try Self.seeded()
        try await ReadmeSnippets.configuration(nango: fake.makeClient())
        #expect(fake.requests.contains { $0.path == "/action/trigger" })
    }

    @Test func connections() async throws {
        let fake = try Self.seeded()
        try await ReadmeSnippets.connections(nango: fake.makeClient(), stripeKey: "sk_test_1")
        #expect(fake.connection(providerConfigKey: "github", connectionID: "user-1") == nil)  // deleted
        #expect(fake.connection(providerConfigKey: "stripe", connectionID: "acct-1") != nil)  // imported
    }

    @Test func records() async throws {
        let fake = try Self.seeded()
        let nango = try fake.makeClient()
        let cursor = try #require(try await nango.listRecords(providerConfigKey: "hubspot", connectionID: "c1", model: "Contact").records.last?.metadata.cursor)
        try await ReadmeSnippets.records(nango: nango, checkpoint: Date(timeIntervalSince1970: 0), lastCursor: cursor)
    }

    @Test func syncs() async throws {
        let fake = try Self.seeded()
        try await ReadmeSnippets.syncs(nango: fake.makeClient())
        #expect(fake.requests.contains { $0.path == "/sync/pause" })
    }

    @Test func actions() async throws {
        let fake = try Self.seeded()
        try await ReadmeSnippets.actions(nango: fake.makeClient())
    }

    @Test func environmentAndScripts() async throws {
        try await ReadmeSnippets.environmentAndScripts(nango: Self.seeded().makeClient())
    }

    @Test func proxy() async throws {
        let fake = try Self.seeded()
        try await ReadmeSnippets.proxy(nango: fake.makeClient(), newCalendar: NewCalendar(id: "team"))
        #expect(fake.requests.contains { $0.path.hasSuffix("/calendar/v3/users/me/calendarList") })
    }

    @Test func integrationsProvidersAndFunctions() async throws {
        let fake = FakeNango()
        try fake.addIntegration(uniqueKey: "github", provider: "github")
        try fake.addSync("issues", providerConfigKey: "github", models: ["GithubIssue"])
        try await ReadmeSnippets.integrationsProvidersAndFunctions(nango: fake.makeClient(), id: "client-id", secret: "client-secret")
        #expect(fake.integrationKeys.sorted() == ["github", "slack"])  // hubspot created, then deleted
    }

    @Test func observability() async throws {
        let careful = try await ReadmeSnippets.observability(nango: Self.seeded().makeClient())
        #expect(careful.configuration.rateLimiting == .waitWhenExhausted(maximumWait: .seconds(30)))
    }

    @Test func errors() async throws {
        // user-1 exists in the seeded fake; the demo has none, so the snippet takes its not-found branch there.
        await ReadmeSnippets.errors(nango: try Self.seeded().makeClient())
        await ReadmeSnippets.errors(nango: try FakeNango.demo().makeClient())
    }

    @Test func retries() throws {
        let configuration = ReadmeSnippets.retries()
        #expect(configuration.retry.maximumAttempts == 5)
        _ = try FakeNango().makeClient(configuration: configuration)
    }

    @Test func hummingbirdRoute() async throws {
        let fake = FakeNango()
        let router = Router()
        ReadmeSnippets.hummingbirdRoute(router: router, nango: try fake.makeClient())
        let (body, headers) = try fake.webhook([
            "type": "auth", "from": "nango", "connectionId": "u1", "providerConfigKey": "github", "provider": "github",
            "authMode": "OAUTH2", "environment": "dev", "operation": "creation", "success": true,
        ] as [String: JSONValue])
        try await Application(router: router).test(.router) { client in
            let ok = try await client.execute(uri: "/webhooks/nango", method: .post, headers: headers, body: ByteBuffer(bytes: body))
            #expect(ok.status == .ok)
            let refused = try await client.execute(uri: "/webhooks/nango", method: .post, body: ByteBuffer(bytes: body))
            #expect(refused.status == .unauthorized)
        }
    }
}
