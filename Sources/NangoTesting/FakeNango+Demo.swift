import Foundation
import HTTPTypes
import Nango

extension FakeNango {
    /// The connection of ``demo()`` that holds the synced `Contact` records: `acme-hubspot`.
    public static let demoContactsConnectionID = "acme-hubspot"

    /// The integration of ``demo()``'s `Contact` records: `hubspot`.
    public static let demoContactsProviderConfigKey = "hubspot"

    /// How many `Contact` records ``demo()`` seeds: 3,000.
    public static let demoContactCount = 3_000

    /// A fake seeded with a small, realistic account, the same every time:
    ///
    /// - Integrations: `github` (GitHub, OAuth 2), `hubspot` (HubSpot, OAuth 2), `stripe` (Stripe, API key) and
    ///   `jira` (Jira, basic auth).
    /// - Connections: `acme-github` (OAuth 2 with a refresh token, end user `usr-acme-1` of organization
    ///   `org-acme`, tags, metadata), `acme-hubspot` (OAuth 2, same end user), `acme-stripe` (API key, tags) and
    ///   `globex-jira` (basic auth, end user `usr-globex-1`, a failed-sync error).
    /// - Records: 3,000 `Contact` records on `hubspot`/`acme-hubspot` (`id`, `first_name`, `last_name`,
    ///   `email`, `company`, `updated_at`), the last 50 updated and 10 of those deleted.
    /// - Syncs: `contacts` on `hubspot` (writes `Contact`, finished successfully) and `issues` on `github`
    ///   (writes `GithubIssue`, paused).
    /// - Actions: `create-contact` on `hubspot` adds a `Contact` record from `first_name`, `last_name`,
    ///   `email` and `company` and returns it (`email` is required: without it the action fails);
    ///   `ping` on every integration returns `{"pong": true, "input": <input>}`.
    /// - Proxy: `GET /v1/customers` (stripe) lists two customers; `GET /user` (github) returns the user.
    /// - Environment variables `SUPPORT_EMAIL` and `SYNC_LOOKBACK_DAYS`.
    public static func demo() -> FakeNango {
        let fake = FakeNango()
        // Every value below is valid, so seeding cannot fail; `try?` keeps the demo total.
        try? fake.seedDemo()
        return fake
    }

    private static func demoContactID(_ number: Int) -> String {
        let digits = String(number)
        return "contact-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private func seedDemo() throws {
        let base = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60 - 3 * 86_400)
        func day(_ offset: Double) -> Date { base.addingTimeInterval(offset * 3_600) }

        try addIntegration(uniqueKey: "github", provider: "github", displayName: "GitHub", forwardWebhooks: true, createdAt: day(0))
        try addIntegration(uniqueKey: "hubspot", provider: "hubspot", displayName: "HubSpot", createdAt: day(0.5))
        try addIntegration(uniqueKey: "stripe", provider: "stripe", displayName: "Stripe", createdAt: day(1))
        try addIntegration(uniqueKey: "jira", provider: "jira-basic", displayName: "Jira", createdAt: day(1.5))

        let acme = EndUser(
            id: "usr-acme-1",
            email: "ada@acme.example",
            displayName: "Ada Lovelace",
            organization: EndUser.Organization(id: "org-acme", displayName: "Acme Inc.")
        )
        try addConnection(
            connectionID: "acme-github",
            providerConfigKey: "github",
            credentials: .oauth2(OAuth2Credentials(
                accessToken: "gho_fake_acme_access_token",
                refreshToken: "ghr_fake_acme_refresh_token",
                expiresAt: Date().addingTimeInterval(8 * 3_600),
                raw: ["access_token": "gho_fake_acme_access_token", "token_type": "bearer", "scope": "repo,read:user"]
            )),
            tags: ["plan": "enterprise"],
            metadata: ["repositories": ["acme/platform", "acme/web"], "sync_since": "2026-01-01"],
            connectionConfig: ["owner": "acme"],
            endUser: acme,
            createdAt: day(2)
        )
        try addConnection(
            connectionID: Self.demoContactsConnectionID,
            providerConfigKey: Self.demoContactsProviderConfigKey,
            credentials: .oauth2(OAuth2Credentials(
                accessToken: "hs_fake_acme_access_token",
                refreshToken: "hs_fake_acme_refresh_token",
                expiresAt: Date().addingTimeInterval(6 * 3_600)
            )),
            tags: ["plan": "enterprise"],
            metadata: ["portal_id": 4_021_337],
            endUser: acme,
            createdAt: day(2.5)
        )
        try addConnection(
            connectionID: "acme-stripe",
            providerConfigKey: "stripe",
            credentials: .apiKey(APIKeyCredentials(apiKey: "sk_test_fake_acme")),
            tags: ["plan": "enterprise", "region": "eu"],
            metadata: ["account": "acct_fake_acme"],
            createdAt: day(3)
        )
        try addConnection(
            connectionID: "globex-jira",
            providerConfigKey: "jira",
            credentials: .basic(BasicCredentials(username: "bot@globex.example", password: "fake-jira-password")),
            metadata: ["project": "OPS"],
            connectionConfig: ["subdomain": "globex"],
            endUser: EndUser(id: "usr-globex-1", email: "hank@globex.example", displayName: "Hank Scorpio"),
            errors: [ConnectionError(type: .sync, logID: "fake-log-globex-1")],
            createdAt: day(3.5)
        )

        try addSync("contacts", providerConfigKey: "hubspot", models: ["Contact"], frequency: "every hour",
                    description: "Fetches every contact of the HubSpot account.")
        try addSync("issues", providerConfigKey: "github", models: ["GithubIssue"], frequency: "every 30 minutes",
                    description: "Fetches the issues of the selected repositories.", autoStart: false)

        let first = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "John", "Katherine", "Linus",
                     "Margaret", "Niklaus", "Radia", "Ken", "Shafi", "Tim", "Hedy", "Dennis", "Sophie", "Claude"]
        let last = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Backus", "Johnson",
                    "Torvalds", "Hamilton", "Wirth", "Perlman", "Thompson", "Goldwasser", "Berners-Lee", "Lamarr",
                    "Ritchie", "Wilson", "Shannon"]
        let companies = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises"]
        let seedStart = base.addingTimeInterval(4 * 3_600)
        var contacts: [JSONValue] = []
        contacts.reserveCapacity(Self.demoContactCount)
        for number in 1...Self.demoContactCount {
            let given = first[number % first.count]
            let family = last[(number / first.count) % last.count]
            let company = companies[number % companies.count]
            let domain = company.lowercased().replacingOccurrences(of: " ", with: "-") + ".example"
            contacts.append([
                "id": .string(Self.demoContactID(number)),
                "first_name": .string(given),
                "last_name": .string(family),
                "email": .string("\(given.lowercased()).\(family.lowercased()).\(number)@\(domain)"),
                "company": .string(company),
                "updated_at": .string(WireDate.milliseconds(seedStart.addingTimeInterval(Double(number)))),
            ])
        }
        try upsertRecords(contacts, model: "Contact", connectionID: Self.demoContactsConnectionID,
                          providerConfigKey: Self.demoContactsProviderConfigKey, at: seedStart)
        let updated = contacts.suffix(50).map { contact -> JSONValue in
            guard case .object(var members) = contact else { return contact }
            members["company"] = "Acme"
            members["updated_at"] = .string(WireDate.milliseconds(base.addingTimeInterval(2 * 86_400)))
            return .object(members)
        }
        try upsertRecords(updated, model: "Contact", connectionID: Self.demoContactsConnectionID,
                          providerConfigKey: Self.demoContactsProviderConfigKey, at: base.addingTimeInterval(2 * 86_400))
        deleteRecords(
            ids: (Self.demoContactCount - 9...Self.demoContactCount).map(Self.demoContactID),
            model: "Contact", connectionID: Self.demoContactsConnectionID, providerConfigKey: Self.demoContactsProviderConfigKey
        )
        try finishSync("contacts", providerConfigKey: "hubspot", connectionID: Self.demoContactsConnectionID)

        registerAction("create-contact", providerConfigKey: "hubspot", description: "Creates a contact in HubSpot.") { [weak self] input in
            guard let email = input["email"]?.stringValue, !email.isEmpty else {
                throw ActionFailure("email is required", payload: ["field": "email"])
            }
            let contact: JSONValue = [
                "id": .string("contact-" + UUID().uuidString.lowercased()),
                "first_name": input["first_name"] ?? .null,
                "last_name": input["last_name"] ?? .null,
                "email": .string(email),
                "company": input["company"] ?? .null,
                "updated_at": .string(WireDate.milliseconds(Date())),
            ]
            try self?.upsertRecords([contact], model: "Contact", connectionID: Self.demoContactsConnectionID,
                                    providerConfigKey: Self.demoContactsProviderConfigKey)
            return contact
        }
        registerAction("ping", description: "Answers pong.") { input in
            ["pong": true, "input": input]
        }

        registerProxy(method: .get, path: "/v1/customers", providerConfigKey: "stripe") { _ in
            .json([
                "object": "list",
                "has_more": false,
                "data": [
                    ["id": "cus_fake_1", "object": "customer", "email": "billing@acme.example"],
                    ["id": "cus_fake_2", "object": "customer", "email": "billing@globex.example"],
                ],
            ])
        }
        registerProxy(method: .get, path: "/user", providerConfigKey: "github") { _ in
            .json(["login": "acme-bot", "id": 4_242, "type": "User"])
        }

        setEnvironmentVariable("SUPPORT_EMAIL", "support@acme.example")
        setEnvironmentVariable("SYNC_LOOKBACK_DAYS", "30")
    }
}
