import Foundation
import HTTPTypes
@testable import Nango
@testable import NangoJSON
import NangoTesting
import Testing

@Suite("Connections API", .timeLimit(.minutes(1)))
struct ConnectionsTests {
    // MARK: listConnections

    @Test("listConnections with no filter sends a bare GET /connections and decodes every item")
    func listConnectionsDefault() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("connections/list"), for: .get, path: "/connections")
        let nango = try makeClient(mock)

        let list = try await nango.listConnections()

        let request = try #require(mock.lastRequest)
        #expect(request.rawQuery == nil)
        #expect(request.body == nil)
        #expect(request.header("Content-Type") == nil)
        expectStandardHeaders(request)
        #expect(list.connections.count == 3)
        let first = try #require(list.connections.first)
        #expect(first.id > 0)
        #expect(!first.connectionID.isEmpty)
        #expect(first.endUser?.organization != nil)
        #expect(first.errors.first?.type == .auth)
        #expect(list.connections[1].metadata == nil)
        #expect(list.connections[1].endUser == nil)
        #expect(list.connections[2].additionalFields["future_field"] == ["x": 1])
        try mock.verifyAllResponsesUsed()
    }

    @Test("the positional Node form (connection id, search, end user) maps to its query")
    func listConnectionsPositionalForm() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("connections/list"))
        let nango = try makeClient(mock)

        _ = try await nango.listConnections(
            connectionID: "conn 1",
            search: "git hub",
            endUserID: "u+1@example.com",
            endUserOrganizationID: "org/1"
        )

        let request = try #require(mock.lastRequest)
        #expect(request.rawQuery == "connectionId=conn+1&search=git+hub&endUserId=u%2B1%40example.com&endUserOrganizationId=org%2F1")
    }

    @Test("the object Node form maps integration ids, tag aliases, limit and page exactly as Node does")
    func listConnectionsObjectForm() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("connections/list"))
        let nango = try makeClient(mock)

        _ = try await nango.listConnections(.init(
            connectionID: "c",
            integrationIDs: ["a", "b"],
            endUserID: "u",
            tags: ["displayName": "My User", "email": "user@example.com", "Foo": "Bar"],
            limit: 5,
            page: 1
        ))

        let request = try #require(mock.lastRequest)
        // The example of node-sdk-surface.md §2.3, byte for byte.
        #expect(request.rawQuery == "connectionId=c&endUserId=u&integrationId=a%2Cb&tags%5Bend_user_display_name%5D=My+User&tags%5Bend_user_email%5D=user%40example.com&tags%5Bfoo%5D=Bar&limit=5&page=1")
        #expect(request.queryValues("tags[end_user_email]") == ["user@example.com"])
    }

    @Test("listConnections with a single integration and a tag, as in the README")
    func listConnectionsLabelled() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("connections/list"))
        let nango = try makeClient(mock)

        _ = try await nango.listConnections(integrationID: "github", tags: ["organization_id": "org-1"], page: 0)

        #expect(mock.lastRequest?.rawQuery == "integrationId=github&tags%5Borganization_id%5D=org-1&page=0")
    }

    @Test("invalid listConnections filters throw before sending", arguments: [
        ListConnectionsOptions(connectionID: ""),
        ListConnectionsOptions(search: ""),
        ListConnectionsOptions(integrationIDs: [""]),
        ListConnectionsOptions(integrationIDs: ["a,b"]),
        ListConnectionsOptions(tags: ["": "x"]),
        ListConnectionsOptions(tags: ["k": ""]),
        ListConnectionsOptions(tags: Dictionary(uniqueKeysWithValues: (0..<11).map { ("k\($0)", "v") })),
        ListConnectionsOptions(tags: ["Foo": "a", "foo": "b"]),
        ListConnectionsOptions(tags: ["email": "a@b.c", "end_user_email": "d@e.f"]),
        ListConnectionsOptions(limit: 0),
        ListConnectionsOptions(page: -1),
    ])
    func listConnectionsInvalid(options: ListConnectionsOptions) async throws {
        let mock = MockTransport()
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) { try await nango.listConnections(options) }
        #expect(error?.kind == .invalidArgument)
        #expect(mock.requests.isEmpty)
    }

    // MARK: getConnection

    @Test("getConnection sends all four query parameters and decodes the full connection")
    func getConnection() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("connections/get-oauth2"), for: .get, path: "/connections/user-1")
        let nango = try makeClient(mock)

        let connection = try await nango.getConnection(providerConfigKey: "github", connectionID: "user-1", forceRefresh: true)

        let request = try #require(mock.lastRequest)
        #expect(request.method == .get)
        #expect(request.rawQuery == "provider_config_key=github&force_refresh=true&refresh_token=false&refresh_github_app_jwt_token=false")
        #expect(request.body == nil)
        #expect(request.header("Content-Type") == nil)
        expectStandardHeaders(request)

        guard case .oauth2(let oauth) = connection.credentials else {
            Issue.record("expected OAuth 2 credentials, got \(connection.credentials)")
            return
        }
        #expect(oauth.accessToken.contains("canary-secret"))
        #expect(oauth.raw?["access_token"] != nil)
        #expect(connection.metadata?["big_id"] == .int(9_007_199_254_740_993))
        #expect(connection.webhookURLOverride == nil)
        #expect(connection.lastFetchedAt != nil)
        #expect(connection.createdAt <= connection.updatedAt)
        #expect(!connection.connectionConfig.isEmpty)
    }

    @Test("refresh flags are sent as true when asked")
    func getConnectionFlags() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("connections/get-app"))
        let nango = try makeClient(mock)

        _ = try await nango.getConnection(
            providerConfigKey: "github-app",
            connectionID: "inst-1",
            refreshToken: true,
            refreshGitHubAppJWTToken: true
        )

        #expect(mock.lastRequest?.query == [
            .init("provider_config_key", "github-app"), .init("force_refresh", "false"),
            .init("refresh_token", "true"), .init("refresh_github_app_jwt_token", "true"),
        ])
    }

    static let awkwardIDs = ["a/b", "a?b", "a#b", "100%", "a+b", "a b", "ünïcødé", "../x", "x/..", "a&b=c", "日本"]

    @Test("an id with / ? # % + space or non-ASCII stays one path segment", arguments: awkwardIDs)
    func pathSegmentEscaping(id: String) async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("connections/get-oauth2"))
        let nango = try makeClient(mock)

        _ = try await nango.getConnection(providerConfigKey: "git hub+x", connectionID: id)

        let request = try #require(mock.lastRequest)
        #expect(request.pathSegments == ["connections", id])
        let encodedSegment = try #require(request.path.split(separator: "/").last)
        #expect(encodedSegment.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-._~%".contains($0)) })
        #expect(request.queryValues("provider_config_key") == ["git hub+x"])
        #expect(request.rawQuery?.hasPrefix("provider_config_key=git+hub%2Bx&") == true)
    }

    @Test("empty, '.' and '..' ids are refused before sending", arguments: ["", ".", ".."])
    func invalidIDs(id: String) async throws {
        let mock = MockTransport()
        let nango = try makeClient(mock)
        await #expect(throws: NangoError.self) { try await nango.getConnection(providerConfigKey: "github", connectionID: id) }
        await #expect(throws: NangoError.self) { try await nango.getConnection(providerConfigKey: id, connectionID: "c") }
        await #expect(throws: NangoError.self) { try await nango.getToken(providerConfigKey: "github", connectionID: id) }
        await #expect(throws: NangoError.self) { try await nango.deleteConnection(providerConfigKey: "github", connectionID: id) }
        await #expect(throws: NangoError.self) {
            try await nango.patchConnection(providerConfigKey: "github", connectionID: id, .init(tags: [:]))
        }
        await #expect(throws: NangoError.self) { try await nango.getMetadata(providerConfigKey: "github", connectionID: id) }
        #expect(mock.requests.isEmpty)
    }

    // MARK: getToken and getRawTokenResponse

    @Test("getToken returns the OAuth 2 access token and always sends refresh_token=false")
    func getTokenOAuth2() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("connections/get-oauth2"))
        let nango = try makeClient(mock)

        let token = try await nango.getToken(providerConfigKey: "github", connectionID: "user-1", forceRefresh: true)

        guard case .accessToken(let value) = token else {
            Issue.record("expected an access token, got \(token)")
            return
        }
        #expect(value.contains("canary-secret"))
        #expect(token.accessToken == value)
        #expect(mock.lastRequest?.rawQuery == "provider_config_key=github&force_refresh=true&refresh_token=false&refresh_github_app_jwt_token=false")
        expectNoSecrets(everyRendering(of: token))
    }

    @Test("getToken returns the OAuth 1 token pair")
    func getTokenOAuth1() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("connections/get-oauth1"))
        let nango = try makeClient(mock)

        let token = try await nango.getToken(providerConfigKey: "twitter", connectionID: "u")

        guard case .oauth1(let value, let secret) = token else {
            Issue.record("expected an OAuth 1 pair, got \(token)")
            return
        }
        #expect(value.contains("canary-secret"))
        #expect(secret.contains("canary-secret"))
        expectNoSecrets(everyRendering(of: token))
    }

    @Test("getToken returns the whole credentials for other types, including {}", arguments: [
        ("connections/get-api-key", AuthMode.apiKey as AuthMode?),
        ("connections/get-basic", AuthMode.basic),
        ("connections/get-empty-credentials", nil),
    ])
    func getTokenOther(fixtureName: String, type: AuthMode?) async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse(fixtureName))
        let nango = try makeClient(mock)

        let token = try await nango.getToken(providerConfigKey: "p", connectionID: "c")

        guard case .credentials(let credentials) = token else {
            Issue.record("expected credentials, got \(token)")
            return
        }
        #expect(credentials.type == type)
    }

    @Test("getRawTokenResponse returns credentials.raw as JSON or a typed value, and nil when there is none")
    func getRawTokenResponse() async throws {
        struct TokenResponse: Decodable, Sendable {
            var access_token: String
            var token_type: String?
        }
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("connections/get-oauth2"))
        mock.enqueue(try fixtureResponse("connections/get-oauth2"))
        mock.enqueue(try fixtureResponse("connections/get-api-key"))
        let nango = try makeClient(mock)

        let json = try await nango.getRawTokenResponse(providerConfigKey: "github", connectionID: "user-1")
        #expect(json?["access_token"]?.stringValue?.contains("canary-secret") == true)
        let typed = try await nango.getRawTokenResponse(providerConfigKey: "github", connectionID: "user-1", as: TokenResponse.self)
        #expect(typed?.access_token.contains("canary-secret") == true)
        let none = try await nango.getRawTokenResponse(providerConfigKey: "stripe", connectionID: "user-1")
        #expect(none == nil)
        #expect(mock.requests.allSatisfy { $0.queryValues("refresh_token") == ["false"] })
    }

    // MARK: metadata

    @Test("patchConnection PATCHes the connection with an escaped provider_config_key and the patch body")
    func patchConnection() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("connections/patch"), for: .patch, path: "/connections/user%201")
        let nango = try makeClient(mock)

        try await nango.patchConnection(
            providerConfigKey: "g h&x=1",
            connectionID: "user 1",
            .init(tags: ["plan": "pro"], endUser: .init(id: "u1", email: "a+b@example.com"), webhookURLOverride: "")
        )

        let request = try #require(mock.lastRequest)
        #expect(request.rawQuery == "provider_config_key=g+h%26x%3D1")
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.json == [
            "tags": ["plan": "pro"],
            "end_user": ["id": "u1", "email": "a+b@example.com"],
            "webhook_url_override": "",
        ])
    }

    @Test("deleteConnection DELETEs with provider_config_key and no body")
    func deleteConnection() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("connections/delete"), for: .delete, path: "/connections/user-1")
        let nango = try makeClient(mock)

        try await nango.deleteConnection(providerConfigKey: "github", connectionID: "user-1")

        let request = try #require(mock.lastRequest)
        #expect(request.rawQuery == "provider_config_key=github")
        #expect(request.body == nil)
        #expect(request.header("Content-Type") == nil)
        try mock.verifyAllResponsesUsed()
    }

    @Test("importConnection POSTs /connections with typed credentials and decodes the connection")
    func importConnection() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("connections/import"), for: .post, path: "/connections")
        let nango = try makeClient(mock)
        let expiry = try #require(ISO8601.parse("2026-09-01T00:00:00Z"))

        let connection = try await nango.importConnection(.init(
            providerConfigKey: "github",
            connectionID: "user-1",
            credentials: .oauth2(.init(accessToken: "canary-secret-import", refreshToken: "canary-secret-refresh", expiresAt: expiry)),
            metadata: ["plan": "pro"],
            connectionConfig: ["subdomain": "acme"],
            tags: ["organization_id": "org-1"]
        ))

        let request = try #require(mock.lastRequest)
        #expect(request.json == [
            "provider_config_key": "github",
            "connection_id": "user-1",
            "credentials": [
                "type": "OAUTH2",
                "access_token": "canary-secret-import",
                "refresh_token": "canary-secret-refresh",
                "expires_at": "2026-09-01T00:00:00.000Z",
            ],
            "metadata": ["plan": "pro"],
            "connection_config": ["subdomain": "acme"],
            "tags": ["organization_id": "org-1"],
        ])
        guard case .oauth2 = connection.credentials else {
            Issue.record("expected OAuth 2 credentials")
            return
        }
    }

    @Test("importConnection encodes a GitHub App installation as the spec's APP shape")
    func importGitHubApp() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("connections/import"))
        let nango = try makeClient(mock)

        _ = try await nango.importConnection(.init(
            providerConfigKey: "github-app",
            credentials: .gitHubAppInstallation(appID: "123", installationID: "456")
        ))

        #expect(mock.lastRequest?.json == [
            "provider_config_key": "github-app",
            "credentials": ["type": "APP", "app_id": "123", "installation_id": "456"],
        ])
    }
}
