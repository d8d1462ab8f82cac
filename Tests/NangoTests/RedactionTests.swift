import Foundation
import Logging
@testable import Nango
import NangoTesting
import Testing

/// Every model that can hold a secret, printed every way Swift prints: `print`, `dump`, `String(reflecting:)`.
@Suite("Secrets never leak", .timeLimit(.minutes(1)))
struct RedactionTests {
    private static let connectionJSON = """
    {"id":7,"connection_id":"c1","provider_config_key":"hubspot","provider":"hubspot","errors":[],"end_user":null,
    "tags":{"team":"sales"},"metadata":{"api_key":"canary-secret-meta"},
    "connection_config":{"subdomain":"canary-secret-sub","oauth_client_secret_override":"canary-secret-override"},
    "webhook_url_override":null,"created_at":"2026-08-01T10:20:30.123Z","updated_at":"2026-08-01T10:20:30.123Z",
    "last_fetched_at":null,"provider_key":"canary-secret-unknown","nested_unknown":{"token":"canary-secret-nested"},
    "credentials":{"type":"OAUTH2","access_token":"canary-secret-token","raw":{"access_token":"canary-secret-raw"}}}
    """

    private func printed(_ value: Any) -> String {
        var printedText = ""
        print(value, to: &printedText)
        return printedText + everyRendering(of: value)
    }

    @Test("a connection shows its config, metadata and unknown field keys, never their values")
    func connection() throws {
        let connection = try NangoCoding.decode(Connection.self, from: Data(Self.connectionJSON.utf8), context: .init(operation: "test"))
        let text = printed(connection)
        expectNoSecrets(text)
        #expect(text.contains("oauth_client_secret_override"))
        #expect(text.contains("provider_key"))
        #expect(text.contains("api_key"))
        #expect(text.contains("c1") && text.contains("hubspot"))
        // The secrets are still there for code that asks for them.
        #expect(connection.connectionConfig["subdomain"] == "canary-secret-sub")
        #expect(connection.additionalFields["provider_key"] == "canary-secret-unknown")
    }

    @Test("a connection summary shows metadata and unknown field keys, never their values")
    func summary() throws {
        let json = """
        {"id":1,"connection_id":"c1","provider_config_key":"p","provider":"p","created":"2026-08-01T10:20:30Z",
        "metadata":{"k":"canary-secret-m"},"tags":{},"errors":[],"end_user":null,"extra":"canary-secret-x"}
        """
        let summary = try NangoCoding.decode(ConnectionSummary.self, from: Data(json.utf8), context: .init(operation: "test"))
        let text = printed(summary)
        expectNoSecrets(text)
        #expect(text.contains("extra"))
    }

    @Test("an integration hides its credentials and unknown field values")
    func integration() throws {
        let json = """
        {"unique_key":"github","provider":"github","display_name":"GitHub","logo":"l","forward_webhooks":true,
        "created_at":"2026-08-01T10:20:30Z","updated_at":"2026-08-01T10:20:30Z",
        "credentials":{"type":"OAUTH2","client_id":"id","client_secret":"canary-secret-cs","scopes":"repo"},
        "custom":{"private_key":"canary-secret-pk"}}
        """
        let integration = try NangoCoding.decode(Integration.self, from: Data(json.utf8), context: .init(operation: "test"))
        let text = printed(integration)
        expectNoSecrets(text)
        #expect(text.contains("custom"))
    }

    @Test("requests that carry credentials or config print redacted")
    func requests() {
        let values: [Any] = [
            ImportConnectionRequest(
                providerConfigKey: "p",
                connectionID: "c",
                credentials: .apiKey(.init(apiKey: "canary-secret-api")),
                metadata: ["m": "canary-secret-meta"],
                connectionConfig: ["k": "canary-secret-config"]
            ),
            CreateIntegrationRequest(
                provider: "github",
                uniqueKey: "gh",
                credentials: .init(type: .oauth2, clientID: "id", clientSecret: "canary-secret-cs", privateKey: "canary-secret-pk"),
                integrationConfig: ["secret": "canary-secret-ic"],
                custom: ["private_key": "canary-secret-custom"]
            ),
            IntegrationPatch(
                credentials: .init(type: .oauth2, clientSecret: "canary-secret-cs"),
                integrationConfig: ["secret": "canary-secret-ic"],
                custom: ["k": "canary-secret-custom"]
            ),
            OAuthClientOverride(clientID: "id", clientSecret: "canary-secret-override"),
            MetadataChange(connectionIDs: ["c"], providerConfigKey: "p", metadata: ["token": "canary-secret-meta"]),
            SecretKey("canary-secret-key"),
            ConnectSession(token: ConnectSessionToken("canary-secret-session"), connectLink: "https://connect.example/x", expiresAt: Date()),
            ConnectSessionToken("canary-secret-session"),
            IntegrationConfigDefaults(authorizationParams: ["secret": "canary-secret-ap"], connectionConfig: ["k": "canary-secret-cc"]),
            EnvironmentVariable(name: "API_TOKEN", value: "canary-secret-env"),
            ConnectionToken.accessToken("canary-secret-access"),
            ConnectionToken.oauth1(token: "canary-secret-t", tokenSecret: "canary-secret-ts"),
            ConnectionToken.credentials(.basic(.init(username: "canary-secret-u", password: "canary-secret-p"))),
            ProxyRequest(endpoint: "/x", providerConfigKey: "p", connectionID: "c", headers: ["Authorization": "Bearer canary-secret-h"],
                         query: ["api_key": "canary-secret-q"], body: .text("canary-secret-body")),
            ProxyResponse(status: 200, body: Data(#"{"token":"canary-secret-response"}"#.utf8)),
        ]
        for value in values {
            expectNoSecrets(printed(value))
        }
    }

    @Test("a JSON value nested beyond the limit prints a placeholder instead of overflowing the stack")
    func deepJSONValue() {
        var deep = JSONValue.string("canary-leaf")
        for _ in 0..<10_000 { deep = .array([deep]) }
        #expect(deep.description.contains("nested too deeply"))
    }

    @Test("the client, its key and its configuration never print the key")
    func clientRedacted() throws {
        let nango = try makeClient(MockTransport())
        expectNoSecrets(everyRendering(of: nango))
        expectNoSecrets(everyRendering(of: nango.secretKey))
        expectNoSecrets(everyRendering(of: SecretKey("canary-secret-standalone")))
        #expect(nango.description.contains("<redacted>"))
    }

    @Test("errors never carry the key or the request headers")
    func errorsRedacted() async throws {
        let mock = MockTransport()
        mock.enqueue(.json(#"{"error":{"code":"unauthorized","message":"Bad key"}}"#, status: 401))
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) { try await nango.listConnections() }
        expectNoSecrets(everyRendering(of: error as Any))
        expectNoSecrets(error?.localizedDescription ?? "")
    }

    @Test("captured logs carry operation, attempt and status, never the key, headers, ids or bodies")
    func logsRedacted() async throws {
        let store = CapturingLogHandler.Store()
        let logger = Logger(label: "test") { _ in CapturingLogHandler(store: store) }
        let mock = MockTransport()
        mock.enqueue(.http(status: 503))
        mock.enqueue(try fixtureResponse("connections/get-oauth2"))
        let nango = try makeClient(mock) { $0.logger = logger }

        _ = try await nango.getConnection(providerConfigKey: "github", connectionID: "canary-secret-connection-id")

        let text = store.text
        #expect(store.count >= 3)
        #expect(text.contains("GET /connections/{connectionId}"))
        #expect(text.contains("http.status"))
        #expect(text.contains("nango.attempt"))
        expectNoSecrets(text)
        #expect(!text.contains(canaryKey))
    }

    @Test("a response preview keeps JSON structure but drops every string value")
    func previews() {
        let preview = Redaction.preview(of: Data(#"{"access_token": "canary-secret-zzz", "n": 5, "list": ["a"]}"#.utf8))
        #expect(preview.contains(#""access_token": "…""#))
        #expect(preview.contains(#""n": 5"#))
        expectNoSecrets(preview)
        let text = Redaction.preview(of: Data("Service Unavailable: token canary-secret-abcdef0123456789 expired".utf8))
        #expect(text.contains("Service Unavailable"))
        expectNoSecrets(text)
        #expect(Redaction.preview(of: Data()) == "empty")
        let long = Redaction.preview(of: Data(String(repeating: "x ", count: 500).utf8))
        #expect(long.count < 160)
    }
}
