import Foundation
import HTTPTypes
@testable import Nango
@testable import NangoJSON
import NangoTesting
import Testing

/// Forwards to a fake and keeps every exchange, so the responses can be checked against the OpenAPI document.
private final class ExchangeRecorder: HTTPTransport, @unchecked Sendable {
    struct Exchange {
        var request: RecordedRequest
        var status: Int
        var body: Data
    }

    // Safety: `recorded` is guarded by `lock`.
    private let lock = NSLock()
    private var recorded: [Exchange] = []
    let fake: FakeNango

    init(_ fake: FakeNango) {
        self.fake = fake
    }

    var exchanges: [Exchange] { lock.withLock { recorded } }

    func send(_ request: HTTPRequest, body: Data?) async throws -> (HTTPResponse, Data) {
        let (response, data) = try await fake.send(request, body: body)
        lock.withLock { recorded.append(Exchange(request: RecordedRequest(request: request, body: body), status: response.status.code, body: data)) }
        return (response, data)
    }
}

private struct ContactRecord: Codable, Sendable {
    var id: String
    var email: String?
}

@Suite("FakeNango answers with the OpenAPI description's shapes", .timeLimit(.minutes(2)))
struct FakeNangoSpecTests {
    /// The OpenAPI document, converted to JSON by `Scripts/generate-openapi-json.py`, parsed once (with the
    /// SDK's own JSON engine, which builds a `JSONValue` far faster than `JSONDecoder`).
    private static let document = Result<JSONValue, any Error> {
        let data = try Fixtures.data("Fixtures/openapi/nango-openapi.json", in: .module)
        return try NangoCoding.jsonValue(from: data)
    }

    static func validator() throws -> SchemaValidator {
        SchemaValidator(document: try document.get())
    }

    /// Where the description and the live server differ, the fake follows the server (as the SDK does);
    /// these responses are exempt from the check, each for the reason given.
    static let knownDeviations: [String: String] = [
        "GET /scripts/config 200": "for format=nango the description shows one object; Nango answers a list of integrations, which the SDK decodes",
    ]

    /// Every public method of `NangoClient`'s API, by name, with a call that exercises it against the fake.
    /// Methods that send nothing (webhook verification) are listed in `localMethods`.
    typealias Call = @Sendable (NangoClient, FakeNango) async throws -> Void

    static let localMethods: Set<String> = ["verifyIncomingWebhookRequest", "verifyWebhookSignature", "webhook"]

    static let calls: [(name: String, call: Call)] = [
        ("listProviders", { nango, _ in _ = try await nango.listProviders(search: "git") }),
        ("getProvider", { nango, _ in _ = try await nango.getProvider("github") }),
        ("getProviderTemplates", { nango, _ in _ = try await nango.getProviderTemplates("hubspot") }),
        ("listIntegrations", { nango, _ in _ = try await nango.listIntegrations() }),
        ("getIntegration", { nango, _ in _ = try await nango.getIntegration(uniqueKey: "github", include: [.webhook, .credentials]) }),
        ("createIntegration", { nango, _ in
            _ = try await nango.createIntegration(CreateIntegrationRequest(
                provider: "slack", uniqueKey: "slack",
                credentials: IntegrationCredentials(type: .oauth2, clientID: "client-id", clientSecret: "client-secret")
            ))
        }),
        ("createQuickstartIntegration", { nango, _ in
            _ = try await nango.createQuickstartIntegration(QuickstartIntegrationRequest(provider: "salesforce", uniqueKey: "salesforce"))
        }),
        ("updateIntegration", { nango, _ in _ = try await nango.updateIntegration(uniqueKey: "slack", IntegrationPatch(displayName: "Slack!")) }),
        ("listFunctions", { nango, _ in _ = try await nango.listFunctions(uniqueKey: "hubspot") }),
        ("getFunction", { nango, _ in _ = try await nango.getFunction(uniqueKey: "hubspot", name: "contacts") }),
        ("getFunctionCode", { nango, _ in _ = try await nango.getFunctionCode(uniqueKey: "hubspot", name: "create-contact") }),
        ("listConnections", { nango, _ in _ = try await nango.listConnections(tags: ["plan": "enterprise"]) }),
        ("connections", { nango, _ in for try await _ in nango.connections(pageSize: 2) {} }),
        ("getConnection", { nango, _ in _ = try await nango.getConnection(providerConfigKey: "github", connectionID: "acme-github", refreshToken: true) }),
        ("getToken", { nango, _ in _ = try await nango.getToken(providerConfigKey: "stripe", connectionID: "acme-stripe") }),
        ("getRawTokenResponse", { nango, _ in _ = try await nango.getRawTokenResponse(providerConfigKey: "github", connectionID: "acme-github") }),
        ("importConnection", { nango, _ in
            _ = try await nango.importConnection(ImportConnectionRequest(
                providerConfigKey: "jira", connectionID: "imported-jira",
                credentials: .basic(BasicCredentials(username: "u", password: "p"))
            ))
        }),
        ("patchConnection", { nango, _ in
            try await nango.patchConnection(providerConfigKey: "jira", connectionID: "imported-jira", ConnectionPatch(tags: ["tier": "gold"]))
        }),
        ("getMetadata", { nango, _ in _ = try await nango.getMetadata(providerConfigKey: "github", connectionID: "acme-github") }),
        ("setMetadata", { nango, _ in
            try await nango.setMetadata(providerConfigKey: "github", connectionID: "acme-github", metadata: ["a": 1] as [String: JSONValue])
        }),
        ("updateMetadata", { nango, _ in
            try await nango.updateMetadata(
                providerConfigKey: "github", connectionIDs: ["acme-github"], metadata: ["b": 2] as [String: JSONValue]
            )
        }),
        ("listRecords", { nango, _ in
            _ = try await nango.listRecords(providerConfigKey: "hubspot", connectionID: "acme-hubspot", model: "Contact",
                                            options: ListRecordsOptions(limit: 20))
        }),
        ("records", { nango, _ in
            var count = 0
            for try await _ in nango.records(providerConfigKey: "hubspot", connectionID: "acme-hubspot", model: "Contact",
                                             as: ContactRecord.self, options: ListRecordsOptions(limit: 4, filter: .deleted)) {
                count += 1
            }
            #expect(count == 10)
        }),
        ("pruneRecords", { nango, _ in
            let page = try await nango.listRecords(providerConfigKey: "hubspot", connectionID: "acme-hubspot", model: "Contact",
                                                   options: ListRecordsOptions(limit: 3))
            let cursor = try #require(page.records.last?.metadata.cursor)
            _ = try await nango.pruneRecords(providerConfigKey: "hubspot", connectionID: "acme-hubspot", model: "Contact", untilCursor: cursor)
        }),
        ("triggerSync", { nango, _ in try await nango.triggerSync(providerConfigKey: "hubspot", syncs: ["contacts"], connectionID: "acme-hubspot") }),
        ("pauseSync", { nango, _ in try await nango.pauseSync(providerConfigKey: "github", syncs: ["issues"]) }),
        ("startSync", { nango, _ in try await nango.startSync(providerConfigKey: "github", syncs: ["issues"], connectionID: "acme-github") }),
        ("syncStatus", { nango, _ in _ = try await nango.syncStatus(providerConfigKey: "hubspot", syncs: .all) }),
        ("updateSyncConnectionFrequency", { nango, _ in
            _ = try await nango.updateSyncConnectionFrequency(
                providerConfigKey: "hubspot", sync: "contacts", connectionID: "acme-hubspot", frequency: "every day"
            )
        }),
        ("createSyncVariant", { nango, _ in
            _ = try await nango.createSyncVariant(providerConfigKey: "hubspot", connectionID: "acme-hubspot", sync: "contacts", variant: "eu")
        }),
        ("deleteSyncVariant", { nango, _ in
            try await nango.deleteSyncVariant(providerConfigKey: "hubspot", connectionID: "acme-hubspot", sync: "contacts", variant: "eu")
        }),
        ("triggerAction", { nango, _ in
            _ = try await nango.triggerAction(providerConfigKey: "hubspot", connectionID: "acme-hubspot", action: "create-contact",
                                              input: ["email": "spec@acme.example"] as JSONValue)
        }),
        ("triggerActionAsync", { nango, fake in
            let handle = try await nango.triggerActionAsync(providerConfigKey: "stripe", connectionID: "acme-stripe", action: "ping")
            await fake.waitForAsyncActions()
            _ = handle
        }),
        ("getAsyncActionResult", { nango, fake in
            let handle = try await nango.triggerActionAsync(providerConfigKey: "stripe", connectionID: "acme-stripe", action: "ping",
                                                            input: ["n": 1] as JSONValue)
            await fake.waitForAsyncActions()
            #expect(try await nango.getAsyncActionResult(handle).output != nil)
        }),
        ("waitForAsyncActionResult", { nango, fake in
            let handle = try await nango.triggerActionAsync(providerConfigKey: "stripe", connectionID: "acme-stripe", action: "ping")
            // Finished first, so the client's immediate clock never spins through empty polls.
            await fake.waitForAsyncActions()
            _ = try await nango.waitForAsyncActionResult(handle, as: JSONValue.self, pollInterval: .milliseconds(1))
        }),
        ("proxy", { nango, _ in
            _ = try await nango.proxy(ProxyRequest(endpoint: "/v1/customers", providerConfigKey: "stripe", connectionID: "acme-stripe"))
        }),
        ("get", { nango, _ in _ = try await nango.get(ProxyRequest(endpoint: "/user", providerConfigKey: "github", connectionID: "acme-github")) }),
        ("post", { nango, _ in _ = try await nango.post(ProxyRequest(endpoint: "/echo", providerConfigKey: "github", connectionID: "acme-github", body: .json(["a": 1]))) }),
        ("put", { nango, _ in _ = try await nango.put(ProxyRequest(endpoint: "/echo", providerConfigKey: "github", connectionID: "acme-github", body: .text("x"))) }),
        ("patch", { nango, _ in _ = try await nango.patch(ProxyRequest(endpoint: "/echo", providerConfigKey: "github", connectionID: "acme-github")) }),
        ("delete", { nango, _ in _ = try await nango.delete(ProxyRequest(endpoint: "/echo", providerConfigKey: "github", connectionID: "acme-github")) }),
        ("getEnvironmentVariables", { nango, _ in _ = try await nango.getEnvironmentVariables() }),
        ("getScriptsConfig", { nango, _ in
            _ = try await nango.getScriptsConfig()
            _ = try await nango.getScriptsConfig(format: .openAI)
        }),
        ("createConnectSession", { nango, _ in
            _ = try await nango.createConnectSession(ConnectSessionRequest(
                endUser: EndUser(id: "usr-new", email: "new@acme.example"), organization: .init(id: "org-acme")
            ))
        }),
        ("createReconnectSession", { nango, _ in
            _ = try await nango.createReconnectSession(ReconnectSessionRequest(connectionID: "acme-github", integrationID: "github"))
        }),
        ("waitForConnection", { nango, _ in
            _ = try await nango.waitForConnection(providerConfigKey: "github", endUserID: "usr-acme-1")
        }),
        ("deleteFunction", { nango, _ in try await nango.deleteFunction(uniqueKey: "hubspot", name: "create-contact", type: .action) }),
        ("deleteConnection", { nango, _ in try await nango.deleteConnection(providerConfigKey: "jira", connectionID: "imported-jira") }),
        ("deleteIntegration", { nango, _ in try await nango.deleteIntegration(uniqueKey: "slack") }),
    ]

    /// Refusals whose envelopes are checked too: (what, call).
    static let refusals: [(name: String, call: Call)] = [
        ("unknown connection", { nango, _ in _ = try await nango.getConnection(providerConfigKey: "github", connectionID: "nope") }),
        ("unknown integration", { nango, _ in _ = try await nango.getIntegration(uniqueKey: "nope") }),
        ("unknown provider", { nango, _ in _ = try await nango.getProvider("nope") }),
        ("unknown function", { nango, _ in _ = try await nango.getFunction(uniqueKey: "hubspot", name: "nope") }),
        ("unknown variant", { nango, _ in
            try await nango.deleteSyncVariant(providerConfigKey: "hubspot", connectionID: "acme-hubspot", sync: "contacts", variant: "nope")
        }),
        ("unknown sync variant connection", { nango, _ in
            _ = try await nango.createSyncVariant(providerConfigKey: "hubspot", connectionID: "nope", sync: "contacts", variant: "x")
        }),
        ("failed action", { nango, _ in
            _ = try await nango.triggerAction(providerConfigKey: "hubspot", connectionID: "acme-hubspot", action: "always-fails")
        }),
    ]

    @Test("Every public API method of NangoClient is exercised")
    func everyMethodListed() throws {
        let apiFolder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Nango/API")
        var declared: Set<String> = []
        for name in try FileManager.default.contentsOfDirectory(atPath: apiFolder.path) where name.hasSuffix(".swift") {
            let text = try String(contentsOf: apiFolder.appendingPathComponent(name), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard trimmed.hasPrefix("public func ") else { continue }
                let rest = trimmed.dropFirst("public func ".count)
                declared.insert(String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }))
            }
        }
        #expect(declared.count > 40)
        let covered = Set(Self.calls.map(\.name)).union(Self.localMethods)
        #expect(declared.subtracting(covered).isEmpty, "not exercised: \(declared.subtracting(covered).sorted())")
        #expect(covered.subtracting(declared).isEmpty, "not public API methods: \(covered.subtracting(declared).sorted())")
    }

    @Test("Every response body matches the OpenAPI response schema of its operation and status")
    func responsesMatchTheDescription() async throws {
        let validator = try Self.validator()
        let fake = FakeNango.demo()
        fake.registerAction("always-fails") { _ in throw FakeNango.ActionFailure("it always fails") }
        fake.registerProxy(method: .post, path: "/echo") { call in .json(call.json ?? .null) }
        fake.registerProxy(method: .put, path: "/echo") { _ in .init(status: 204) }
        fake.registerProxy(method: .patch, path: "/echo") { _ in .json(["patched": true]) }
        fake.registerProxy(method: .delete, path: "/echo") { _ in .init(status: 204) }
        let recorder = ExchangeRecorder(fake)
        var configuration = NangoClient.Configuration()
        configuration.clock = ImmediateClock()
        var clientConfiguration = configuration
        clientConfiguration.retry = .none
        let nango = try NangoClient(secretKey: FakeNango.defaultSecretKey, configuration: clientConfiguration, transport: recorder)

        var withSchema: [String] = []
        var withoutSchema: [String] = []
        for (name, call) in Self.calls {
            let before = recorder.exchanges.count
            do {
                try await call(nango, fake)
            } catch {
                Issue.record("\(name) failed against the fake: \(error)")
                continue
            }
            let exchanges = recorder.exchanges.dropFirst(before)
            #expect(!exchanges.isEmpty, "\(name) sent no request")
            var validated = false
            for exchange in exchanges {
                validated = check(exchange, validator, method: name) || validated
            }
            if validated { withSchema.append(name) } else { withoutSchema.append(name) }
        }

        var refusalsChecked = 0
        for (name, call) in Self.refusals {
            let before = recorder.exchanges.count
            await #expect(throws: NangoError.self, "\(name)") { try await call(nango, fake) }
            for exchange in recorder.exchanges.dropFirst(before) where check(exchange, validator, method: name) {
                refusalsChecked += 1
            }
        }

        let total = withSchema.count + withoutSchema.count
        print("""
            FakeNango spec check: \(withSchema.count) of \(total) API methods had a response schema to validate against; \
            without one: \(withoutSchema.sorted().joined(separator: ", ")). \(refusalsChecked) of \(Self.refusals.count) \
            refusals validated against their error schemas.
            """)
        // The proxy passes the provider's response through, which the description leaves without a schema.
        #expect(Set(withoutSchema).isSubset(of: ["proxy", "get", "post", "put", "patch", "delete"]),
                "no schema for: \(withoutSchema)")
        #expect(refusalsChecked == Self.refusals.count)
    }

    /// Validates one exchange; returns whether a schema was found for it.
    private func check(_ exchange: ExchangeRecorder.Exchange, _ validator: SchemaValidator, method name: String) -> Bool {
        let method = exchange.request.method.rawValue
        let (template, schema) = validator.responseSchema(method: method, segments: exchange.request.pathSegments, status: exchange.status)
        let key = "\(method) \(template ?? exchange.request.path) \(exchange.status)"
        let openAIConfig = exchange.request.queryValues("format") == ["openai"]
        guard Self.knownDeviations[key] == nil || openAIConfig else { return false }
        #expect(template != nil, "\(name): \(method) \(exchange.request.path) is not in the description")
        guard var schema else {
            print("FakeNango spec check: no schema for \(name): \(key)")
            return false
        }
        // The trigger's two answers are `oneOf` branches that overlap (any object matches the first): the
        // header says which one the answer must match.
        if template == "/action/trigger", exchange.status == 200, let branches = schema["oneOf"]?.arrayValue, branches.count == 2 {
            schema = branches[exchange.request.header("X-Async") == "true" ? 1 : 0]
        }
        guard let body = try? JSONDecoder().decode(JSONValue.self, from: exchange.body) else {
            Issue.record("\(name): \(key) answered a body that is not JSON")
            return true
        }
        let errors = validator.errors(body, schema)
        #expect(errors.isEmpty, "\(name): \(key): \(errors.prefix(5).joined(separator: "\n"))")
        return true
    }
}

@Suite("The JSON Schema validator used by the spec check")
struct SchemaValidatorTests {
    let validator = SchemaValidator(document: [
        "components": ["schemas": [
            "Base": ["type": "object", "additionalProperties": false, "required": ["id"], "properties": ["id": ["type": "integer"]]],
            "Full": ["allOf": [["$ref": "#/components/schemas/Base"],
                               ["type": "object", "additionalProperties": false, "properties": ["name": ["type": ["string", "null"]]]]]],
        ]],
    ])

    @Test("Accepts valid values and reports each kind of violation")
    func violations() {
        let full: JSONValue = ["$ref": "#/components/schemas/Full"]
        #expect(validator.errors(["id": 1, "name": "a"], full).isEmpty)
        #expect(validator.errors(["id": 1, "name": nil], full).isEmpty)
        #expect(validator.errors(["id": 1.5], full).count == 1)
        #expect(validator.errors(["name": "a"], full).count == 1)
        #expect(validator.errors(["id": 1, "other": true], full).count == 2)
        let choice: JSONValue = ["oneOf": [["type": "string"], ["type": "integer"]], "enum": ["a", 1]]
        #expect(validator.errors("a", choice).isEmpty)
        #expect(!validator.errors("b", choice).isEmpty)
        #expect(!validator.errors(true, choice).isEmpty)
        let list: JSONValue = ["type": "array", "items": ["anyOf": [["type": "boolean"], ["type": "null"]]]]
        #expect(validator.errors([true, nil], list).isEmpty)
        #expect(validator.errors([true, 1], list) == ["$[1]: matches none of anyOf ($[1]: expected boolean, found integer | $[1]: expected null, found integer)"])
        #expect(validator.errors(nil, ["type": "string", "nullable": true]).isEmpty)
        #expect(!validator.errors(1, ["$ref": "#/components/schemas/Missing"]).isEmpty)
    }
}

@Suite("FakeNango: credentials of every auth type, and refusals of bad requests", .timeLimit(.minutes(1)))
struct FakeNangoCredentialsTests {
    static let expires = Date(timeIntervalSince1970: 1_900_000_000)

    static let everyType: [Credentials] = [
        .oauth2(OAuth2Credentials(accessToken: "at", refreshToken: "rt", expiresAt: expires)),
        .oauth1(OAuth1Credentials(oauthToken: "ot", oauthTokenSecret: "ots")),
        .oauth2ClientCredentials(OAuth2ClientCredentials(token: "t", clientID: "id", clientSecret: "secret", expiresAt: expires)),
        .apiKey(APIKeyCredentials(apiKey: "key")),
        .basic(BasicCredentials(username: "user", password: "pass")),
        .app(AppCredentials(accessToken: "ghs", expiresAt: expires)),
        .custom(CustomCredentials(raw: ["session": "s"])),
        .tba(TBACredentials(tokenID: "tid", tokenSecret: "tsecret")),
        .jwt(JWTCredentials(token: "jwt", expiresAt: expires, additionalFields: ["privateKey": "pk", "issuerId": "iss"])),
        .bill(BillCredentials(username: "u", password: "p", organizationID: "org", devKey: "dev", sessionID: "sid")),
        .twoStep(TwoStepCredentials(token: "tok", refreshToken: "ref", expiresAt: expires, raw: ["access_token": "tok"])),
        .signature(SignatureCredentials(username: "u", password: "p", token: "wsse", expiresAt: expires)),
        .awsSigV4(AWSSigV4Credentials(roleARN: "arn:aws:iam::1:role/r", region: "eu-west-1", service: "s3",
                                      accessKeyID: "AKIA", secretAccessKey: "secret")),
        .unauthenticated,
    ]

    @Test("A connection of each auth type reads back with its type, in the description's ConnectionFull shape")
    func everyAuthType() async throws {
        let validator = try FakeNangoSpecTests.validator()
        let connectionSchema: JSONValue = ["$ref": "#/components/schemas/ConnectionFull"]
        let fake = FakeNango()
        try fake.addIntegration(uniqueKey: "any", provider: "unauthenticated")
        let nango = try fake.makeClient()
        var validated = 0
        for (index, credentials) in Self.everyType.enumerated() {
            let id = "c\(index)"
            try fake.addConnection(connectionID: id, providerConfigKey: "any", credentials: credentials)
            let connection = try await nango.getConnection(providerConfigKey: "any", connectionID: id, refreshToken: true)
            #expect(connection.credentials.type == credentials.type, "\(credentials)")
            let token = try await nango.getToken(providerConfigKey: "any", connectionID: id)
            switch credentials {
            case .oauth2(let oauth): #expect(token == .accessToken(oauth.accessToken))
            case .oauth1(let oauth): #expect(token == .oauth1(token: oauth.oauthToken, tokenSecret: oauth.oauthTokenSecret))
            case .apiKey, .basic, .unauthenticated: #expect(token == .credentials(credentials))
            default: break
            }
            // AWS SigV4 and unauthenticated (`{"type": "NONE"}`) connections are absent from the description. The
            // shape is checked as sent by default, without the refresh token (the description has no place for a
            // TWO_STEP refresh token, which Nango sends when asked for it).
            guard credentials.type != .awsSigV4, credentials != .unauthenticated else { continue }
            let (response, data) = try await fake.send(
                HTTPRequest(method: .get, scheme: "https", authority: "api.nango.dev",
                            path: "/connections/\(id)?provider_config_key=any&refresh_token=false",
                            headerFields: [.authorization: "Bearer \(FakeNango.defaultSecretKey)"]),
                body: nil
            )
            #expect(response.status == .ok)
            let errors = validator.errors(try JSONDecoder().decode(JSONValue.self, from: data), connectionSchema)
            #expect(errors.isEmpty, "\(credentials.type?.rawValue ?? "?"): \(errors.prefix(4))")
            validated += 1
        }
        #expect(validated == Self.everyType.count - 2)
    }

    private func raw(_ fake: FakeNango, _ method: HTTPRequest.Method, _ path: String, body: String?, headers: HTTPFields = [:]) async throws -> (Int, JSONValue?) {
        var fields = headers
        fields[.authorization] = "Bearer \(FakeNango.defaultSecretKey)"
        fields[.contentType] = "application/json"
        let (response, data) = try await fake.send(
            HTTPRequest(method: method, scheme: "https", authority: "api.nango.dev", path: path, headerFields: fields),
            body: body.map { Data($0.utf8) }
        )
        return (response.status.code, try? JSONDecoder().decode(JSONValue.self, from: data))
    }

    @Test("Bad bodies, queries and headers get Nango's 400 envelopes; unknown routes a 404")
    func badRequests() async throws {
        let fake = FakeNango.demo()
        let validator = try FakeNangoSpecTests.validator()
        let stdError: JSONValue = ["$ref": "#/components/schemas/StdError"]

        let notJSON = try await raw(fake, .post, "/connections/metadata", body: "{not json")
        #expect(notJSON.0 == 400)
        #expect(notJSON.1?["error"]?["code"] == "invalid_body")
        #expect(validator.errors(notJSON.1 ?? nil, stdError).isEmpty)

        let noMetadata = try await raw(fake, .patch, "/connections/metadata",
                                       body: #"{"connection_id": "acme-github", "provider_config_key": "github", "metadata": 3}"#)
        #expect(noMetadata.0 == 400)
        #expect(noMetadata.1?["error"]?["errors"]?[0]?["path"] == ["metadata"])

        let noModel = try await raw(fake, .get, "/records/", body: nil,
                                    headers: [HTTPField.Name("Connection-Id")!: "acme-hubspot", HTTPField.Name("Provider-Config-Key")!: "hubspot"])
        #expect(noModel.0 == 400)
        #expect(noModel.1?["error"]?["code"] == "invalid_query_params")

        let noHeaders = try await raw(fake, .get, "/records/?model=Contact", body: nil)
        #expect(noHeaders.1?["error"]?["code"] == "invalid_headers")

        let badCursor = try await raw(fake, .get, "/records/?model=Contact&cursor=bm9wZQ", body: nil,
                                      headers: [HTTPField.Name("Connection-Id")!: "acme-hubspot", HTTPField.Name("Provider-Config-Key")!: "hubspot"])
        #expect(badCursor.0 == 400)

        let badFrequency = try await raw(fake, .put, "/sync/update-connection-frequency", body: """
            {"sync_name": "contacts", "provider_config_key": "hubspot", "connection_id": "acme-hubspot", "frequency": "whenever"}
            """)
        #expect(badFrequency.0 == 400)

        let unknownRoute = try await raw(fake, .get, "/nowhere", body: nil)
        #expect(unknownRoute.0 == 404)
        #expect(unknownRoute.1?["error"]?["code"] == "not_found")
        #expect(validator.errors(unknownRoute.1 ?? nil, stdError).isEmpty)
    }
}
