import Foundation
import HTTPTypes
import Nango
import NangoTesting
import Testing

private let key = "sk-test-0123456789abcdef"

private func client(_ transport: MockTransport) throws -> NangoClient {
    try NangoClient(secretKey: key, transport: transport)
}

/// A records page as JSONDecoder reads it.
private struct FoundationPage<Record: Decodable>: Decodable {
    var records: [Record]
}

@Suite("Generated models: records of public integration templates, typed calls")
struct TypedRecordsTests {
    /// One records page of a template's model: the SDK's page decode and `JSONDecoder` give the same records.
    private func expectPage<Record: NangoModel>(
        _ type: Record.Type, _ file: String, integration: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [Record] {
        let mock = MockTransport()
        mock.enqueue(try .fixture(file, in: .module), for: .get, path: "/records/")
        let page = try await client(mock).listRecords(of: Record.self, providerConfigKey: integration, connectionID: "c1")

        let request = try #require(mock.lastRequest)
        #expect(request.method == .get, sourceLocation: sourceLocation)
        #expect(request.path == "/records/", sourceLocation: sourceLocation)
        #expect(request.rawQuery == "model=\(Record.nangoModelName)", sourceLocation: sourceLocation)
        #expect(request.header("Connection-Id") == "c1", sourceLocation: sourceLocation)
        #expect(request.header("Provider-Config-Key") == integration, sourceLocation: sourceLocation)
        #expect(request.header("Authorization") == "Bearer \(key)", sourceLocation: sourceLocation)
        #expect(request.body == nil, sourceLocation: sourceLocation)

        let foundation = try JSONDecoder().decode(FoundationPage<Record>.self, from: fixture(file))
        #expect(page.records.count == 3, sourceLocation: sourceLocation)
        #expect(page.records.map(\.data) == foundation.records, sourceLocation: sourceLocation)
        // Every record survives an encode and decode.
        for record in page.records {
            #expect(try engineDecode(Record.self, JSONEncoder().encode(record.data)) == record.data, sourceLocation: sourceLocation)
        }
        return page.records.map(\.data)
    }

    @Test("every template page decodes through listRecords(of:) exactly as JSONDecoder reads it")
    func templatePages() async throws {
        let issues = try await expectPage(Github.GithubIssue.self, "github.GithubIssue.records.json", integration: "github")
        #expect(issues[0].number == 1287)
        #expect(issues[0].createdAt == Date(timeIntervalSince1970: 1_709_287_200.123))
        #expect(issues[0].closedAt == .null)
        #expect(issues.contains { ![Github.GithubIssue.State.open, .closed].contains($0.state) })

        let contacts = try await expectPage(Hubspot.Contact.self, "hubspot.Contact.records.json", integration: "hubspot")
        #expect(contacts[0].email == "ada@example.com")
        #expect(contacts[0].leadStatus == .inProgress)
        #expect(contacts[1].firstName == nil)
        _ = try await expectPage(Hubspot.Deal.self, "hubspot.Deal.records.json", integration: "hubspot")
        _ = try await expectPage(Hubspot.Product.self, "hubspot.Product.records.json", integration: "hubspot")
        _ = try await expectPage(
            GoogleCalendar.GoogleCalendarEvent.self, "google-calendar.GoogleCalendarEvent.records.json", integration: "google-calendar"
        )
        _ = try await expectPage(Salesforce.Contact.self, "salesforce.Contact.records.json", integration: "salesforce")
        _ = try await expectPage(Salesforce.Opportunity.self, "salesforce.Opportunity.records.json", integration: "salesforce")
        let users = try await expectPage(Slack.SlackUser.self, "slack.SlackUser.records.json", integration: "slack")
        #expect(users[0].teamID == "T012AB3C4")
        _ = try await expectPage(Slack.SlackMessage.self, "slack.SlackMessage.records.json", integration: "slack")
    }

    @Test("records(of:) pages through FakeNango records seeded from generated values")
    func fakeNangoSeeding() async throws {
        let fake = FakeNango()
        try fake.addIntegration(uniqueKey: "github", provider: "github")
        _ = try fake.addConnection(connectionID: "c1", providerConfigKey: "github")
        let issues = try await expectPage(Github.GithubIssue.self, "github.GithubIssue.records.json", integration: "github")
        try fake.upsertRecords(issues, connectionID: "c1", providerConfigKey: "github")

        let nango = try fake.makeClient()
        var read: [Github.GithubIssue] = []
        for try await record in nango.records(
            of: Github.GithubIssue.self, providerConfigKey: "github", connectionID: "c1", options: ListRecordsOptions(limit: 2)
        ) {
            read.append(record.data)
            #expect(record.metadata.lastAction == .added)
        }
        #expect(read == issues)
        #expect(fake.requests.filter { $0.path == "/records/" }.allSatisfy { $0.queryValues("model") == ["GithubIssue"] })
    }

    @Test("a generated action handle sends its name, integration and typed input, and decodes its typed output")
    func typedAction() async throws {
        let mock = MockTransport()
        let issue = try #require(try JSONDecoder().decode(FoundationPage<Deployed.GithubIssue>.self, from: fixture("github.GithubIssue.records.json")).records.first)
        mock.enqueue(try .json(encoding: issue), for: .post, path: "/action/trigger")
        let nango = try client(mock)

        let input = Deployed.CreateIssueInput(owner: "NangoHQ", repo: "nango", title: "Bug", milestone: .null)
        let created = try await nango.triggerAction(
            Deployed.GithubIntegration.Actions.createIssue, connectionID: "c1", input: input
        )
        #expect(created == issue)
        let request = try #require(mock.lastRequest)
        #expect(request.method == .post)
        #expect(request.path == "/action/trigger")
        #expect(request.header("Connection-Id") == "c1")
        #expect(request.header("Provider-Config-Key") == "github")
        #expect(request.json == [
            "action_name": "create-issue",
            "input": ["owner": "NangoHQ", "repo": "nango", "title": "Bug", "milestone": nil],
        ])
    }

    @Test("an action without input, and typed sync handles")
    func actionWithoutInputAndSyncs() async throws {
        let mock = MockTransport()
        mock.enqueue(.json(#"{"repos":[{"id":1,"full_name":"o/r","private":false,"description":null}]}"#), for: .post, path: "/action/trigger")
        mock.enqueue(.json(#"{"success":true}"#), for: .post, path: "/sync/trigger")
        let nango = try client(mock)

        let repos = try await nango.triggerAction(Deployed.GithubIntegration.Actions.listRepos, connectionID: "c1")
        #expect(repos.repos.first?.fullName == "o/r")
        #expect(mock.requests[0].json == ["action_name": "list-repos"])

        try await nango.triggerSync([Deployed.GithubIntegration.Syncs.issues], connectionID: "c1")
        #expect(mock.requests[1].path == "/sync/trigger")
        #expect(mock.requests[1].json == ["provider_config_key": "github", "syncs": ["issues"], "connection_id": "c1"])
        #expect(Deployed.GithubIntegration.Syncs.issues.models == ["GithubIssue"])

        await #expect(throws: NangoError.self) { try await nango.triggerSync([]) }
        await #expect(throws: NangoError.self) {
            try await nango.triggerSync([Deployed.GithubIntegration.Syncs.issues, Deployed.HubspotIntegration.Syncs.contacts])
        }
        #expect(mock.requests.count == 2)
    }

    @Test("models of the same name in two integrations are two types; one shared model is one type")
    func scriptsModelNames() {
        #expect(Deployed.GithubUser.nangoModelName == "User")
        #expect(Deployed.HubspotUser.nangoModelName == "User")
        #expect(Deployed.GithubIssue.nangoModelName == "GithubIssue")
    }
}
