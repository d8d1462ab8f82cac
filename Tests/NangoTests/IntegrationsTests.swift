import Foundation
import HTTPTypes
@testable import Nango
import NangoTesting
import Testing

@Suite("Integrations, providers and functions", .timeLimit(.minutes(1)))
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

    @Test("listProviders sends search (form-encoded) and decodes providers, keeping every other field")
    func providers() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("providers/list"), for: .get, path: "/providers")
        mock.enqueue(try fixtureResponse("providers/list"), for: .get, path: "/providers")
        let nango = try makeClient(mock)

        let providers = try await nango.listProviders(search: "git hub")
        _ = try await nango.listProviders()

        #expect(mock.requests[0].rawQuery == "search=git+hub")
        #expect(mock.requests[1].rawQuery == nil)
        #expect(mock.requests[0].header("Accept-Language") == nil)
        let github = try #require(providers.first)
        #expect(github.name == "github")
        #expect(github.authMode == .oauth2)
        #expect(github.additionalFields["proxy"]?["base_url"] == "https://api.github.com")
    }

    @Test("getProvider and getProviderTemplates escape the provider name")
    func providerAndTemplates() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("providers/get"), for: .get, path: "/providers/github")
        mock.enqueue(try fixtureResponse("providers/templates"), for: .get, path: "/providers/git%20hub/templates")
        let nango = try makeClient(mock)

        let provider = try await nango.getProvider("github")
        let templates = try await nango.getProviderTemplates("git hub")

        #expect(provider.displayName == "GitHub (User OAuth)")
        #expect(!templates.isEmpty)
        #expect(templates.allSatisfy { $0.type == .sync || $0.type == .action })
        #expect(templates.first?.jsonSchema != nil)
    }

    // MARK: functions

    @Test("listFunctions sends type, search, page and limit (0 included) and decodes the page")
    func listFunctions() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("functions/list"), for: .get, path: "/integrations/github-prod/functions")
        let nango = try makeClient(mock)

        let list = try await nango.listFunctions(uniqueKey: "github-prod", type: .sync, search: "issues", page: 0, limit: 20)

        #expect(mock.lastRequest?.rawQuery == "type=sync&search=issues&page=0&limit=20")
        #expect(!list.functions.isEmpty)
        #expect(list.total >= list.functions.count)
        #expect(list.functions.contains { $0.type == .onEvent })
        #expect(list.functions.first?.lastDeployed != nil)
    }

    @Test("getFunction, getFunctionCode and deleteFunction address the function and its type")
    func functionOperations() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("functions/get"), for: .get, path: "/integrations/github-prod/functions/create-issue")
        mock.enqueue(try fixtureResponse("functions/code"), for: .get, path: "/integrations/github-prod/functions/create-issue/code")
        mock.enqueue(try fixtureResponse("functions/delete"), for: .delete, path: "/integrations/github-prod/functions/create-issue")
        let nango = try makeClient(mock)

        let function = try await nango.getFunction(uniqueKey: "github-prod", name: "create-issue")
        let code = try await nango.getFunctionCode(uniqueKey: "github-prod", name: "create-issue", type: .action)
        try await nango.deleteFunction(uniqueKey: "github-prod", name: "create-issue", type: .action)

        #expect(function.type == .action)
        #expect(function.input == "CreateIssueInput")
        #expect(code.code.contains("createAction"))
        #expect(mock.requests[0].rawQuery == nil)
        #expect(mock.requests[1].rawQuery == "type=action")
        #expect(mock.requests[2].rawQuery == "type=action")
    }

    @Test("an ambiguous name is a 409 with the matches in the payload")
    func ambiguous() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("functions/ambiguous", status: 409))
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) { try await nango.getFunctionCode(uniqueKey: "g", name: "github-issues") }
        #expect(error?.code == "ambiguous_function")
        #expect(error?.payload?["matches"]?.arrayValue?.count == 2)
    }

    static let invalidPaging: [(Int?, Int?)] = [(-1, nil), (nil, 0), (nil, 101)]

    @Test("function arguments are validated", arguments: invalidPaging)
    func invalidFunctions(page: Int?, limit: Int?) async throws {
        let mock = MockTransport()
        let nango = try makeClient(mock)
        await #expect(throws: NangoError.self) { try await nango.listFunctions(uniqueKey: "g", page: page, limit: limit) }
        await #expect(throws: NangoError.self) { try await nango.deleteFunction(uniqueKey: "g", name: "n", type: .onEvent) }
        await #expect(throws: NangoError.self) { try await nango.getFunction(uniqueKey: "g", name: "") }
        #expect(mock.requests.isEmpty)
    }
}

@Suite("Connect sessions and waitForConnection", .timeLimit(.minutes(1)))
struct ConnectTests {
    @Test("createConnectSession POSTs the session and returns a token that never prints")
    func create() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("connect/session", status: 201), for: .post, path: "/connect/sessions")
        let nango = try makeClient(mock)

        let session = try await nango.createConnectSession(.init(
            endUser: .init(id: "u1", email: "a@b.c"),
            allowedIntegrations: ["github"],
            integrationsConfigDefaults: ["github": .init(connectionConfig: ["oauth_scopes_override": "repo"])],
            overrides: ["github": .init(docsConnect: "https://docs.acme.example/github")],
            tags: ["organization_id": "org-1"]
        ))

        #expect(mock.lastRequest?.json == [
            "end_user": ["id": "u1", "email": "a@b.c"],
            "allowed_integrations": ["github"],
            "integrations_config_defaults": ["github": ["connection_config": ["oauth_scopes_override": "repo"]]],
            "overrides": ["github": ["docs_connect": "https://docs.acme.example/github"]],
            "tags": ["organization_id": "org-1"],
        ])
        #expect(session.token.value.hasPrefix("nango_connect_session_"))
        #expect(session.connectLink?.contains(session.token.value) == true)
        expectNoSecrets(everyRendering(of: session.token))
        #expect(session.isExpired(at: session.expiresAt.addingTimeInterval(-1)) == false)
        #expect(session.isExpired(at: session.expiresAt))
        expectNoSecrets(everyRendering(of: session))
        let request = ConnectSessionRequest(endUser: .init(id: "u"), integrationsConfigDefaults: [
            "github": .init(connectionConfig: ["oauth_client_secret_override": "canary-secret-override"]),
        ])
        expectNoSecrets(everyRendering(of: request))
    }

    @Test("createReconnectSession POSTs connection and integration ids; neither is retried")
    func reconnect() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("connect/reconnect", status: 201), for: .post, path: "/connect/sessions/reconnect")
        mock.enqueue(.http(status: 503))
        let nango = try makeClient(mock)

        let session = try await nango.createReconnectSession(.init(connectionID: "c1", integrationID: "github"))
        await #expect(throws: NangoError.self) { try await nango.createConnectSession(.init(tags: ["organization_id": "o"])) }

        #expect(mock.requests[0].json == ["connection_id": "c1", "integration_id": "github"])
        expectNoSecrets(everyRendering(of: session))
        #expect(mock.requests.count == 2)
    }

    @Test("a session needs an end user or tags, and valid ids")
    func invalid() async throws {
        let mock = MockTransport()
        let nango = try makeClient(mock)
        await #expect(throws: NangoError.self) { try await nango.createConnectSession(.init()) }
        await #expect(throws: NangoError.self) { try await nango.createConnectSession(.init(endUser: .init(id: ""))) }
        await #expect(throws: NangoError.self) { try await nango.createConnectSession(.init(allowedIntegrations: [""], tags: ["a": "b"])) }
        await #expect(throws: NangoError.self) { try await nango.createReconnectSession(.init(connectionID: "", integrationID: "g")) }
        #expect(mock.requests.isEmpty)
    }

    @Test("waitForConnection polls with Node's timing and returns the first connection of the integration")
    func waitFound() async throws {
        let mock = MockTransport()
        mock.enqueue(.json(#"{"connections":[]}"#), for: .get, path: "/connections")
        mock.enqueue(.json(#"{"connections":[]}"#), for: .get, path: "/connections")
        mock.enqueue(try fixtureResponse("connections/list"), for: .get, path: "/connections")
        let clock = ImmediateClock()
        let nango = try makeClient(mock, clock: clock)
        let list = try decodeFixture("connections/list", as: ConnectionList.self)
        let target = try #require(list.connections.last)

        let connection = try await nango.waitForConnection(providerConfigKey: target.providerConfigKey, endUserID: "usr 1")

        #expect(connection.providerConfigKey == target.providerConfigKey)
        #expect(mock.requests.count == 3)
        #expect(mock.requests.allSatisfy { $0.rawQuery == "endUserId=usr+1" })
        #expect(clock.sleeps == [.seconds(10), .seconds(2)])
    }

    @Test("waitForConnection times out with a clear error after the attempts")
    func waitTimeout() async throws {
        let mock = MockTransport(handler: { _ in .json(#"{"connections":[]}"#) })
        let clock = ImmediateClock()
        let nango = try makeClient(mock, clock: clock)

        let error = await #expect(throws: NangoError.self) {
            try await nango.waitForConnection(providerConfigKey: "github", endUserID: "u1")
        }

        #expect(error?.kind == .timeout)
        #expect(error?.operation == "waitForConnection")
        #expect(error?.message.contains("github") == true)
        #expect(mock.requests.count == 30)
        #expect(clock.sleeps.count == 29)
        #expect(clock.sleeps.reduce(.zero, +) == .seconds(66))
    }

    @Test("waitForConnection stops promptly when cancelled, even during a request")
    func waitCancelled() async throws {
        let mock = MockTransport(handler: { _ in .delayed(.seconds(30), .json(#"{"connections":[]}"#)) })
        let nango = try makeClient(mock) { $0.clock = ContinuousClock() }
        let task = Task { try await nango.waitForConnection(providerConfigKey: "github", endUserID: "u1") }
        try await waitUntil { mock.requests.count == 1 }
        let started = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test("an HTTP error during waitForConnection ends it at once")
    func waitError() async throws {
        let mock = MockTransport()
        mock.enqueue(.json(#"{"error":{"code":"unauthorized"}}"#, status: 401))
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) { try await nango.waitForConnection(providerConfigKey: "g", endUserID: "u") }
        #expect(error?.status == 401)
        #expect(mock.requests.count == 1)
    }
}
