import Foundation
import HTTPTypes
@testable import Nango
import NangoTesting
import Testing

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
        #expect(ContinuousClock.now - started < .seconds(10))
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
