// Every Swift snippet of the repository's README.md, verbatim, inside functions that give it the names it uses
// (`nango`, `secretKey`, `use(...)`, ...). The test `ReadmeSnippetTests` fails when a README block is missing
// here (compared with whitespace normalised), so edit both together. Blocks that are not Swift source of this
// package (Package.swift fragments, Vapor, the AsyncHTTPClient trait) are listed in that test with the reason.
//
// The functions compile against the real SDK; the tests run those that FakeNango can answer.
public import Foundation
public import HTTPTypes
public import Hummingbird
public import Nango
import TypedModelsExample

// MARK: - Names the snippets use

/// Stands for "do something with these values" in the snippets.
func use(_ values: Any...) {}
/// Stands for storing a record.
func save<Record: Sendable>(_ record: Record) async throws {}
/// Stands for alerting someone about a failed sync.
func alert(_ name: String) {}
/// Stands for showing a connect session's token to the user.
func render(token: ConnectSessionToken, expires: Date) {}
/// Stands for reacting to a new connection.
func connected(_ connectionID: String) async {}
/// Stands for fetching a model's changed records.
func fetchChanges(model: String, after: Date?) async {}
/// Stands for handling a forwarded webhook's payload.
func handle(_ payload: JSONValue) async {}
/// Stands for collecting an async action's result.
func collect(_ handle: AsyncActionHandle) async {}
/// Stands for handling a verified webhook.
func handle(_ webhook: NangoWebhook) async throws {}

// MARK: - Quick start

/// README "Quick start".
public func quickStart(secretKey: String) async throws {
    let nango = try NangoClient(secretKey: secretKey)      // or: try NangoClient.fromEnvironment()

    // Find a customer's GitHub connection, then use its token.
    let page = try await nango.listConnections(integrationID: "github", tags: ["organization_id": "org-1"])
    let connection = try await nango.getConnection(providerConfigKey: "github", connectionID: "user-1")
    switch connection.credentials {
    case .oauth2(let oauth): print("token expires at", oauth.expiresAt as Any)
    case .apiKey(let key): use(key.apiKey)
    default: break
    }

    let token = try await nango.getToken(providerConfigKey: "github", connectionID: "user-1")
    try await nango.updateMetadata(providerConfigKey: "github", connectionIDs: ["a", "b"], metadata: ["plan": "pro"])
    use(page, token)
}


// MARK: - Configuration

/// README "Configuration": a derived client.
public func configuration(nango: NangoClient) async throws {
    let patient = try nango.withConfiguration { $0.timeout = .seconds(90); $0.retry = .none }
    let export = try await patient.triggerAction(providerConfigKey: "github", connectionID: "u1", action: "export")
    use(export)
}

// MARK: - Connections

/// README "Connections".
public func connections(nango: NangoClient, stripeKey: String) async throws {
    // List (one page). Filters: connection id, integrations, search, end user, organization, tags, limit, page.
    let list = try await nango.listConnections(.init(integrationIDs: ["github", "gitlab"], tags: ["email": "a@b.c"], limit: 100))

    // Get, with optional refreshes.
    let connection = try await nango.getConnection(providerConfigKey: "github", connectionID: "user-1",
                                                   forceRefresh: true, refreshToken: true)

    // Token: the OAuth 2 access token, the OAuth 1 pair, or the whole credentials.
    switch try await nango.getToken(providerConfigKey: "github", connectionID: "user-1") {
    case .accessToken(let token): use(token)
    case .oauth1(let token, let secret): use(token, secret)
    case .credentials(let credentials): use(credentials)
    }
    let raw = try await nango.getRawTokenResponse(providerConfigKey: "github", connectionID: "user-1")  // JSONValue?

    // Metadata: typed in and out.
    struct Settings: Codable, Sendable { var plan: String; var seats: Int }
    try await nango.setMetadata(providerConfigKey: "github", connectionID: "user-1", metadata: Settings(plan: "pro", seats: 5))
    let settings = try await nango.getMetadata(providerConfigKey: "github", connectionID: "user-1", as: Settings.self)

    // Edit, delete, import.
    try await nango.patchConnection(providerConfigKey: "github", connectionID: "user-1", .init(tags: ["plan": "pro"]))
    try await nango.deleteConnection(providerConfigKey: "github", connectionID: "user-1")
    let imported = try await nango.importConnection(.init(providerConfigKey: "stripe", connectionID: "acct-1",
                                                          credentials: .apiKey(.init(apiKey: stripeKey))))
    use(list, connection, raw as Any, settings as Any, imported)
}

// MARK: - Records

/// README "Records".
public func records(nango: NangoClient, checkpoint: Date, lastCursor: String) async throws {
    struct Contact: Codable, Sendable { let id: String; let email: String? }

    // One page: model, variant, cursor, modifiedAfter (sent in UTC), limit, filter, ids.
    let page = try await nango.listRecords(providerConfigKey: "hubspot", connectionID: "c1", model: "Contact",
                                           as: Contact.self, modifiedAfter: checkpoint, limit: 500)
    for record in page.records {
        print(record.data.email ?? "-", record.metadata.lastAction, record.metadata.cursor)
    }

    // Every record, one page at a time, until Nango's next_cursor is null.
    for try await record in nango.records(providerConfigKey: "hubspot", connectionID: "c1", model: "Contact", as: Contact.self) {
        try await save(record.data)
    }

    // Untyped records, and pruning (empties payloads up to a cursor, keeps metadata).
    let json = try await nango.listRecords(providerConfigKey: "hubspot", connectionID: "c1", model: "Contact")
    let pruned = try await nango.pruneRecords(providerConfigKey: "hubspot", connectionID: "c1", model: "Contact",
                                              untilCursor: lastCursor)
    use(json, pruned)
}

// MARK: - Typed models

/// README "Typed models": `Hubspot.Contact` is generated by the build plugin in `TypedModelsExample`.
public func typedModels(nango: NangoClient, id: String) async throws {
    for try await record in nango.records(of: Hubspot.Contact.self, providerConfigKey: "hubspot", connectionID: id) {
        print(record.data.email ?? "-", record.data.leadStatus == .inProgress, record.data.createdDate)
    }
}

/// README "Typed models": a typed action.
public func typedActions(nango: NangoClient) async throws {
    // Generated as HubspotIntegration.Actions.createContact from a scripts configuration; spelled out here.
    let createContact = ActionHandle<Hubspot.CreateContactInput, Hubspot.Contact>(providerConfigKey: "hubspot", name: "create-contact")
    let contact = try await nango.triggerAction(createContact, connectionID: "c1",
                                                input: Hubspot.CreateContactInput(firstName: "Ada", email: "ada@example.com"))
    use(contact)
}

// MARK: - Syncs

/// README "Syncs".
public func syncs(nango: NangoClient) async throws {
    try await nango.triggerSync(providerConfigKey: "hubspot", syncs: ["contacts"], connectionID: "c1", mode: .fullRefresh)
    try await nango.startSync(providerConfigKey: "hubspot", syncs: ["contacts", .init("deals", variant: "eu")])
    try await nango.pauseSync(providerConfigKey: "hubspot", syncs: ["contacts"], connectionID: "c1")

    let statuses = try await nango.syncStatus(providerConfigKey: "hubspot", syncs: .all, connectionID: "c1")
    for status in statuses where status.status == .error { alert(status.name) }

    try await nango.updateSyncConnectionFrequency(providerConfigKey: "hubspot", sync: "contacts", connectionID: "c1",
                                                  frequency: "every 2 hours")   // nil restores the default
    let variant = try await nango.createSyncVariant(providerConfigKey: "hubspot", connectionID: "c1", sync: "contacts", variant: "eu")
    try await nango.deleteSyncVariant(providerConfigKey: "hubspot", connectionID: "c1", sync: "contacts", variant: "eu")
    use(variant)
}

// MARK: - Actions

/// README "Actions".
public func actions(nango: NangoClient) async throws {
    struct NewContact: Encodable, Sendable { let email: String }
    struct Created: Decodable, Sendable { let id: String }

    let created = try await nango.triggerAction(providerConfigKey: "hubspot", connectionID: "c1",
                                                action: "create-contact", input: NewContact(email: "a@b.c"), as: Created.self)

    // In the background: start, then poll (cancellable) or check once.
    let handle = try await nango.triggerActionAsync(providerConfigKey: "hubspot", connectionID: "c1",
                                                    action: "create-contact", input: NewContact(email: "a@b.c"), maxRetries: 2)
    let result = try await nango.waitForAsyncActionResult(handle, as: Created.self, pollInterval: .seconds(2))
    switch try await nango.getAsyncActionResult(handle, as: Created.self) {
    case .pending: break                       // Nango answers 404 while the action runs
    case .completed(let output): use(output)
    }
    use(created, result)
}

// MARK: - Environment and scripts

/// README "Environment and scripts".
public func environmentAndScripts(nango: NangoClient) async throws {
    let variables = try await nango.getEnvironmentVariables()          // values never print
    let integrations = try await nango.getScriptsConfig().integrations  // syncs, actions, on-event scripts
    let functions = try await nango.getScriptsConfig(format: .openAI).functions
    use(variables, integrations, functions)
}

// MARK: - Proxy

/// The calendar the README's proxy snippet creates.
public struct NewCalendar: Encodable, Sendable {
    /// The calendar's id.
    public var id: String

    /// A calendar to add.
    public init(id: String) {
        self.id = id
    }
}

/// README "Proxy".
public func proxy(nango: NangoClient, newCalendar: NewCalendar) async throws {
    struct CalendarEntry: Decodable, Sendable { let id: String; let summary: String }
    struct CalendarList: Decodable, Sendable { let items: [CalendarEntry] }

    let response = try await nango.proxy(.init(method: .post, endpoint: "/calendar/v3/users/me/calendarList",
                                               providerConfigKey: "google-calendar", connectionID: "u1",
                                               headers: ["X-Custom": "1"], query: ["maxResults": "10"],
                                               body: .json(newCalendar), retries: 3))
    let calendars = try response.decode(as: CalendarList.self)   // also response.status, .headers, .body, .json()
    let me = try await nango.get(.init(endpoint: "/user", providerConfigKey: "github", connectionID: "u1"))
    use(calendars, me)
}

// MARK: - Integrations, providers and functions

/// README "Integrations, providers and functions".
public func integrationsProvidersAndFunctions(nango: NangoClient, id: String, secret: String) async throws {
    let integrations = try await nango.listIntegrations()
    let github = try await nango.getIntegration(uniqueKey: "github", include: [.webhook, .credentials])
    let created = try await nango.createIntegration(.init(provider: "hubspot", uniqueKey: "hubspot",
        credentials: .oauth2(clientID: id, clientSecret: secret, scopes: ["crm.objects.contacts.read"])))
    let quick = try await nango.createQuickstartIntegration(.init(provider: "slack", uniqueKey: "slack"))
    try await nango.updateIntegration(uniqueKey: "hubspot", .init(displayName: "HubSpot (EU)"))
    try await nango.deleteIntegration(uniqueKey: "hubspot")

    let providers = try await nango.listProviders(search: "git")
    let provider = try await nango.getProvider("github")
    let templates = try await nango.getProviderTemplates("github")

    let functions = try await nango.listFunctions(uniqueKey: "github", type: .sync, page: 0, limit: 20)
    let function = try await nango.getFunction(uniqueKey: "github", name: "issues")
    let code = try await nango.getFunctionCode(uniqueKey: "github", name: "issues", type: .sync)
    try await nango.deleteFunction(uniqueKey: "github", name: "issues", type: .sync)
    use(integrations, github, created, quick, providers, provider, templates, functions, function, code)
}

// MARK: - Connect sessions

/// README "Connect sessions".
public func connectSessions(nango: NangoClient) async throws {
    let session = try await nango.createConnectSession(.init(endUser: .init(id: "u1", email: "a@b.c"),
                                                             allowedIntegrations: ["github"]))
    render(token: session.token, expires: session.expiresAt)           // the token never prints
    let again = try await nango.createReconnectSession(.init(connectionID: "c1", integrationID: "github"))

    // Wait (cancellably) until the user has connected: 30 checks, 10 s then 2 s apart, by default.
    let connection = try await nango.waitForConnection(providerConfigKey: "github", endUserID: "u1")
    use(again, connection)
}

// MARK: - Webhooks

/// README "Webhooks": verify, then decode, in a route of any server framework (here Hummingbird's request).
public func webhooks(
    secretKey: String,
    currentKey: String,
    previousKey: String,
    rawBody: Data,
    request: Request
) async throws -> HTTPResponse.Status {
    var configuration = NangoClient.Configuration()
    configuration.webhookSigningKeys = [SecretKey(currentKey), SecretKey(previousKey)]   // rotation: both verify
    let nango = try NangoClient(secretKey: secretKey, configuration: configuration)

    // In your webhook route, with the raw body bytes exactly as received:
    guard nango.verifyIncomingWebhookRequest(body: rawBody, headers: request.headers) else { return .unauthorized }
    switch try NangoWebhook(decoding: rawBody) {
    case .auth(let auth) where auth.success: await connected(auth.connectionID)
    case .sync(let sync): await fetchChanges(model: sync.model, after: sync.modifiedAfter)
    case .forward(let forward): await handle(forward.payload)
    case .asyncAction(let done): await collect(done.handle)
    default: break
    }
    return .ok
}

/// README "Webhooks": `webhook(body:headers:)` in a Hummingbird 2 route.
public func hummingbirdRoute<Context: RequestContext>(router: Router<Context>, nango: NangoClient) {
    // Hummingbird 2
    router.post("webhooks/nango") { request, _ -> HTTPResponse.Status in
        let body = try await request.body.collect(upTo: 1 << 20)
        do {
            try await handle(nango.webhook(body: body.readableBytesView, headers: request.headers))
            return .ok
        } catch let error as NangoError where error.kind == .invalidSignature {
            return .unauthorized
        }
    }
}

// MARK: - Observability

/// README "Observability": a call's response details, and a client that waits out an exhausted window.
public func observability(nango: NangoClient) async throws -> NangoClient {
    let (connection, response) = try await nango.withResponse {
        try await nango.getConnection(providerConfigKey: "github", connectionID: "user-1")
    }
    print(connection.connectionID, response?.requestID ?? "-", response?.rateLimit?.remaining ?? -1)

    // Hold calls back instead of sending calls certain to get a 429: the client counts its calls against the last
    // window and waits for the reset when none are left (a longer wait fails at once with kind .rateLimited).
    let careful = try nango.withConfiguration { $0.rateLimiting = .waitWhenExhausted(maximumWait: .seconds(30)) }
    return careful
}

// MARK: - Errors

/// README "Errors".
public func errors(nango: NangoClient) async {
    do {
        _ = try await nango.getConnection(providerConfigKey: "github", connectionID: "user-1")
    } catch let error as NangoError {
        switch error.kind {
        case .http where error.code == .notFound: print("no such connection")
        case .http: print(error.status ?? 0, error.code ?? "-", error.message, error.requestID ?? "")
        case .invalidArgument: print("bad input, nothing was sent:", error.message)
        case .timeout, .transport: print("network problem after \(error.attempts) attempts:", error.message)
        case .decoding: print("unexpected response:", error.message)
        default: print(error)
        }
    } catch {
        print(error)
    }
}

// MARK: - Retries

/// README "Retries".
public func retries() -> NangoClient.Configuration {
    var configuration = NangoClient.Configuration()
    configuration.retry = RetryPolicy(maximumAttempts: 5, initialBackoff: .milliseconds(200))
    return configuration
}

// MARK: - Transports

/// README "Transports": the protocol as the README shows it (the SDK's own is `Nango.HTTPTransport`).
public enum TransportProtocolSnippet {
    public protocol HTTPTransport: Sendable {
        func send(_ request: HTTPRequest, body: Data?) async throws -> (HTTPResponse, Data)
    }
}
