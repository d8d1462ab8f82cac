import Foundation
import HTTPTypes
@testable import Nango
import NangoTesting
import Testing

@Suite("Integrations API", .timeLimit(.minutes(1)))
struct IntegrationsTests {
    @Test("listIntegrations returns the list (Node's {configs} reshaping is not needed)")
    func list() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("integrations/list"), for: .get, path: "/integrations")
        let nango = try makeClient(mock)
        let integrations = try await nango.listIntegrations()
        #expect(integrations.first?.uniqueKey == "github-prod")
        #expect(integrations.contains { $0.additionalFields["credentials_label"] != nil })
        let request = try #require(mock.lastRequest)
        #expect(request.rawQuery == nil)
        #expect(request.header("Content-Type") == nil)
        expectStandardHeaders(request)
    }

    @Test("getIntegration sends include as repeated keys and never prints the credentials")
    func getWithCredentials() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("integrations/get-with-credentials"), for: .get, path: "/integrations/github%2Fprod")
        mock.enqueue(try fixtureResponse("integrations/get"))
        let nango = try makeClient(mock)

        let integration = try await nango.getIntegration(uniqueKey: "github/prod", include: [.credentials, .webhook])
        _ = try await nango.getIntegration(uniqueKey: "github-prod")

        #expect(mock.requests[0].rawQuery == "include=webhook&include=credentials")
        #expect(mock.requests[1].rawQuery == nil)
        #expect(integration.webhookURL?.hasPrefix("https://") == true)
        #expect(integration.credentials?.type == .oauth2)
        #expect(integration.credentials?.clientSecret?.contains("canary-secret") == true)
        #expect(integration.credentials?.scopes == "repo,read:org,user:email")
        expectNoSecrets(everyRendering(of: integration))
        expectNoSecrets(everyRendering(of: integration.credentials as Any))
        #expect(everyRendering(of: integration).contains("Iv23liAbCdEf12345678"))
    }

    @Test("createIntegration POSTs the body exactly, with credentials and config")
    func create() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("integrations/create"), for: .post, path: "/integrations")
        let nango = try makeClient(mock)

        let integration = try await nango.createIntegration(.init(
            provider: "hubspot", uniqueKey: "hubspot", displayName: "HubSpot", forwardWebhooks: true,
            credentials: .oauth2(clientID: "cid", clientSecret: "canary-secret-cs", scopes: ["crm.objects.contacts.read", "oauth"]),
            integrationConfig: ["region": "eu"], custom: ["team": "growth"]
        ))

        #expect(integration.uniqueKey == "hubspot")
        #expect(mock.lastRequest?.json == [
            "provider": "hubspot", "unique_key": "hubspot", "display_name": "HubSpot", "forward_webhooks": true,
            "credentials": ["type": "OAUTH2", "client_id": "cid", "client_secret": "canary-secret-cs", "scopes": "crm.objects.contacts.read,oauth"],
            "integration_config": ["region": "eu"], "custom": ["team": "growth"],
        ])
        #expect(mock.lastRequest?.header("Content-Type") == "application/json")
    }

    @Test("createIntegration encodes GitHub App credentials; it is never retried")
    func createApp() async throws {
        let mock = MockTransport()
        mock.enqueue(.http(status: 503))
        let nango = try makeClient(mock)
        await #expect(throws: NangoError.self) {
            try await nango.createIntegration(.init(
                provider: "github-app", uniqueKey: "gh-app",
                credentials: .app(appID: "123", appLink: "https://github.com/apps/acme", privateKey: "canary-secret-pem")
            ))
        }
        #expect(mock.requests.count == 1)
        #expect(mock.lastRequest?.json?["credentials"] == [
            "type": "APP", "app_id": "123", "app_link": "https://github.com/apps/acme", "private_key": "canary-secret-pem",
        ])
    }

    @Test("createQuickstartIntegration accepts the server's single object and the spec's list")
    func quickstart() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("integrations/quickstart"), for: .post, path: "/integrations/quickstart")
        mock.enqueue(.json(#"{"data":[{"unique_key":"l","provider":"linear","created_at":"2026-08-15T07:46:00.010Z","updated_at":"2026-08-15T07:46:00.010Z"}]}"#))
        mock.enqueue(.json(#"{"data":[]}"#))
        let nango = try makeClient(mock)

        let one = try await nango.createQuickstartIntegration(.init(provider: "linear", uniqueKey: "linear-quickstart", forwardWebhooks: true))
        let fromList = try await nango.createQuickstartIntegration(.init(provider: "linear", uniqueKey: "l"))
        let error = await #expect(throws: NangoError.self) {
            try await nango.createQuickstartIntegration(.init(provider: "linear", uniqueKey: "x"))
        }

        #expect(one.uniqueKey == "linear-quickstart")
        #expect(fromList.uniqueKey == "l")
        #expect(error?.kind == .invalidResponse)
        #expect(mock.requests[0].json == ["provider": "linear", "unique_key": "linear-quickstart", "forward_webhooks": true])
    }

    @Test("updateIntegration is retried on a 503, except when it renames the integration")
    func updateRetries() async throws {
        let mock = MockTransport()
        mock.enqueue(.http(status: 503))
        mock.enqueue(try fixtureResponse("integrations/update"))
        mock.enqueue(.http(status: 503))
        let nango = try makeClient(mock)
        try await nango.updateIntegration(uniqueKey: "github-prod", .init(displayName: "x"))
        #expect(mock.requests.count == 2)
        await #expect(throws: NangoError.self) { try await nango.updateIntegration(uniqueKey: "github-prod", .init(uniqueKey: "github-main")) }
        #expect(mock.requests.count == 3)
    }

    @Test("updateIntegration PATCHes only the given fields; deleteIntegration DELETEs")
    func updateAndDelete() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("integrations/update"), for: .patch, path: "/integrations/github-prod")
        mock.enqueue(try fixtureResponse("integrations/delete"), for: .delete, path: "/integrations/github-prod")
        let nango = try makeClient(mock)

        let updated = try await nango.updateIntegration(uniqueKey: "github-prod", .init(displayName: "GitHub (Prod, renamed)", forwardWebhooks: false))
        try await nango.deleteIntegration(uniqueKey: "github-prod")

        #expect(updated.forwardWebhooks == false)
        #expect(mock.requests[0].json == ["display_name": "GitHub (Prod, renamed)", "forward_webhooks": false])
        #expect(mock.requests[1].body == nil)
        try mock.verifyAllResponsesUsed()
    }

    @Test("invalid integration input throws before sending")
    func invalid() async throws {
        let mock = MockTransport()
        let nango = try makeClient(mock)
        await #expect(throws: NangoError.self) { try await nango.getIntegration(uniqueKey: "") }
        await #expect(throws: NangoError.self) { try await nango.deleteIntegration(uniqueKey: "..") }
        await #expect(throws: NangoError.self) { try await nango.createIntegration(.init(provider: "", uniqueKey: "k")) }
        await #expect(throws: NangoError.self) { try await nango.updateIntegration(uniqueKey: "k", .init(uniqueKey: "")) }
        await #expect(throws: NangoError.self) { try await nango.listProviders(search: "") }
        await #expect(throws: NangoError.self) { try await nango.getProvider("") }
        #expect(mock.requests.isEmpty)
    }

    // MARK: providers

}
