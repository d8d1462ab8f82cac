import Foundation
import HTTPTypes
import Nango
import NangoCLI
import NangoTesting
import Testing

/// One run of the CLI: exit code and both streams.
struct CLIRun {
    var code: Int32
    var output: String
    var error: String
}

/// Runs `nango arguments` against `fake` (a fresh demo by default), with captured streams; standard output is a
/// terminal unless `outputTerminal` is false.
func runCLI(
    _ arguments: [String],
    fake: FakeNango = FakeNango.demo(),
    terminal: Bool = false,
    input: Data = Data(),
    inputTerminal: Bool = false,
    answers: [String] = [],
    environment: [String: String] = ["NANGO_SECRET_KEY": "ignored-the-fake-is-injected"],
    outputTerminal: Bool = true,
    width: Int? = nil
) async -> CLIRun {
    let output = CapturedOutput()
    let error = CapturedOutput()
    let scripted = ScriptedInput(answers)
    let context = CLIContext(
        standardOutput: output,
        standardError: error,
        standardErrorIsTerminal: terminal,
        standardOutputIsTerminal: outputTerminal,
        terminalWidth: width,
        environment: environment,
        readStandardInput: { input },
        standardInputIsTerminal: inputTerminal,
        readLine: { scripted.readLine() },
        makeClient: { _, _, wrap in
            guard let wrap else { return try fake.makeClient() }
            return try NangoClient(secretKey: fake.secretKey, transport: wrap(fake))
        }
    )
    let code = await NangoCommand.run(arguments, context: context)
    return CLIRun(code: code, output: output.text, error: error.text)
}

/// A request for a page of records (`GET /records/`).
func isRecordsPage(_ request: RecordedRequest) -> Bool {
    request.method == .get && request.pathSegments.first == "records"
}

func parseJSON(_ text: String) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
}

@Suite("nango CLI against FakeNango")
struct CLITests {
    @Test func connectionsListPrintsAnAlignedTable() async throws {
        let run = await runCLI(["connections", "list"])
        #expect(run.code == 0)
        #expect(run.error.isEmpty)
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("CONNECTION ID  INTEGRATION  PROVIDER") == true)
        #expect(lines.last == "4 connections")
        let rows = lines.dropFirst().dropLast()
        #expect(Set(rows.compactMap { $0.split(separator: " ").first.map(String.init) })
            == ["acme-github", "acme-hubspot", "acme-stripe", "globex-jira"])
        // Aligned: every row's second column starts where the header's does.
        let header = try #require(lines.first)
        let column = try #require(header.range(of: "INTEGRATION")).lowerBound.utf16Offset(in: header)
        for row in rows {
            let integration = String(row.dropFirst(column).prefix(while: { $0 != " " }))
            #expect(["github", "hubspot", "stripe", "jira"].contains(integration), "\(row)")
        }
        #expect(run.output.contains("globex-jira    jira         jira-basic"))
    }

    @Test func connectionsListFiltersByIntegration() async throws {
        let run = await runCLI(["--json", "connections", "list", "--integration", "stripe"])
        #expect(run.code == 0)
        let connections = try #require(try parseJSON(run.output)["connections"]?.arrayValue)
        #expect(connections.map { $0["connection_id"]?.stringValue } == ["acme-stripe"])
    }

    @Test func jsonFlagWorksBeforeOrAfterTheSubcommand() async throws {
        for arguments in [
            ["--json", "connections", "get", "--integration", "github", "--connection-id", "acme-github"],
            ["connections", "get", "--integration", "github", "--connection-id", "acme-github", "--json"],
        ] {
            let run = await runCLI(arguments)
            #expect(run.code == 0)
            let connection = try parseJSON(run.output)
            #expect(connection["connection_id"]?.stringValue == "acme-github")
            #expect(connection["provider_config_key"]?.stringValue == "github")
            #expect(connection["credentials"]?["type"]?.stringValue == "OAUTH2")
        }
        let stripe = await runCLI(["--json", "connections", "get", "--integration", "stripe", "--connection-id", "acme-stripe"])
        #expect(stripe.output.contains(#""errors" : [],"#))
        #expect(stripe.output.contains(#""connection_config" : {},"#))
    }

    @Test func connectionsGetForPeopleNeverPrintsSecrets() async throws {
        let run = await runCLI(["connections", "get", "--provider-config-key", "github", "--connection-id", "acme-github"])
        #expect(run.code == 0)
        #expect(run.output.contains("connection id:  acme-github"))
        #expect(run.output.contains("auth:           OAUTH2"))
        #expect(run.output.contains("metadata:       repositories, sync_since"))
        #expect(!run.output.contains("gho_fake"))
    }

    @Test func anUnknownConnectionPrintsNangosCodeMessageAndRequestID() async throws {
        let run = await runCLI(["connections", "get", "--integration", "github", "--connection-id", "nobody"])
        #expect(run.code == 1)
        #expect(run.output.isEmpty)
        #expect(run.error.hasPrefix("error: "))
        #expect(run.error.contains("nobody"))
        #expect(run.error.contains("code:        not_found"))
        #expect(run.error.contains("status:      404"))
        #expect(run.error.contains("request id:  "))
        #expect(run.error.contains("operation:   GET /connections/{connectionId}"))
    }

    @Test func anUnknownConnectionWithJSONPrintsAJSONError() async throws {
        let run = await runCLI(["--json", "connections", "get", "--integration", "github", "--connection-id", "nobody"])
        #expect(run.code == 1)
        let error = try #require(try parseJSON(run.error)["error"])
        #expect(error["code"]?.stringValue == "not_found")
        #expect(error["status"]?.intValue == 404)
        #expect(error["request_id"]?.stringValue?.isEmpty == false)
    }

    @Test func aMissingSecretKeySaysHowToSetIt() async throws {
        let output = CapturedOutput()
        let error = CapturedOutput()
        let context = CLIContext(standardOutput: output, standardError: error, environment: [:])
        let code = await NangoCommand.run(["connections", "list"], context: context)
        #expect(code == 78)
        #expect(output.text.isEmpty)
        #expect(error.text.contains("NANGO_SECRET_KEY is not set"))
        #expect(error.text.contains("export NANGO_SECRET_KEY=..."))
        #expect(error.text.contains("--demo"))
    }

    @Test func demoNeedsNoKeyAndNoNetwork() async throws {
        let output = CapturedOutput()
        let error = CapturedOutput()
        let context = CLIContext(standardOutput: output, standardError: error, standardOutputIsTerminal: true, environment: [:])
        let code = await NangoCommand.run(["--demo", "integrations", "list"], context: context)
        #expect(code == 0)
        #expect(output.text.contains("hubspot     hubspot     HubSpot"))
        #expect(output.text.hasSuffix("4 integrations\n"))
    }

    @Test func tokenPrintsOnlyTheAccessToken() async throws {
        let run = await runCLI(["connections", "token", "--integration", "github", "--connection-id", "acme-github"])
        #expect(run.code == 0)
        #expect(run.output == "gho_fake_acme_access_token\n")
        let apiKey = await runCLI(["connections", "token", "--integration", "stripe", "--connection-id", "acme-stripe"])
        #expect(apiKey.code == 0)
        #expect(try parseJSON(apiKey.output)["apiKey"]?.stringValue == "sk_test_fake_acme")
    }

    @Test func deleteRemovesTheConnection() async throws {
        let fake = FakeNango.demo()
        let deleted = await runCLI(["connections", "delete", "--integration", "stripe", "--connection-id", "acme-stripe", "--yes"], fake: fake)
        #expect(deleted.code == 0)
        #expect(deleted.output == "Deleted connection acme-stripe of stripe.\n")
        let again = await runCLI(["connections", "get", "--integration", "stripe", "--connection-id", "acme-stripe"], fake: fake)
        #expect(again.code == 1)
    }

    @Test func metadataSetUpdateAndGet() async throws {
        let fake = FakeNango.demo()
        let set = await runCLI(
            ["metadata", "set", "--integration", "stripe", "--connection-id", "acme-stripe", "--data", #"{"plan": "pro"}"#],
            fake: fake
        )
        #expect(set.code == 0)
        #expect(set.output == "Set metadata (plan) of 1 connection of stripe.\n")
        let update = await runCLI(
            ["metadata", "update", "--integration", "stripe", "--connection-id", "acme-stripe", "--data", #"{"seats": 5}"#],
            fake: fake
        )
        #expect(update.code == 0)
        let get = await runCLI(["--json", "metadata", "get", "--integration", "stripe", "--connection-id", "acme-stripe"], fake: fake)
        #expect(get.code == 0)
        #expect(try parseJSON(get.output) == ["plan": "pro", "seats": 5])
        let table = await runCLI(["metadata", "get", "--integration", "stripe", "--connection-id", "acme-stripe"], fake: fake)
        #expect(table.output == "KEY    VALUE\nplan   \"pro\"\nseats  5\n")
    }

    @Test func invalidJSONInputIsAUsageError() async throws {
        let run = await runCLI(["metadata", "set", "--integration", "stripe", "--connection-id", "acme-stripe", "--data", "plan=pro"])
        #expect(run.code == 64)
        #expect(run.error.contains("--data is not valid JSON"))
    }

    @Test func recordsListPrintsOnePageAndTheNextCursor() async throws {
        let run = await runCLI(["records", "list", "--integration", "hubspot", "--connection-id", "acme-hubspot", "--model", "Contact", "--limit", "3"])
        #expect(run.code == 0)
        let lines = run.output.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines[0] == "ID            LAST ACTION  LAST MODIFIED         DATA")
        #expect(lines[1].hasPrefix("contact-0001  ADDED"))
        #expect(!run.output.contains("_nango_metadata"))
        let cursorLine = try #require(lines.last)
        #expect(cursorLine.hasPrefix("3 records; next cursor: "))

        // The printed cursor continues the listing.
        let cursor = String(cursorLine.dropFirst("3 records; next cursor: ".count))
        let next = await runCLI(["--json", "records", "list", "--integration", "hubspot", "--connection-id", "acme-hubspot",
                                 "--model", "Contact", "--limit", "3", "--cursor", cursor])
        let records = try #require(try parseJSON(next.output)["records"]?.arrayValue)
        #expect(records.map { $0["id"]?.stringValue } == ["contact-0004", "contact-0005", "contact-0006"])
    }

    @Test func recordsExportWritesEveryRecordAsJSONLines() async throws {
        let fake = FakeNango.demo()
        let run = await runCLI(
            ["records", "export", "--integration", "hubspot", "--connection-id", "acme-hubspot", "--model", "Contact", "--page-size", "700"],
            fake: fake
        )
        #expect(run.code == 0)
        #expect(run.error.isEmpty)  // Not a terminal: no progress line.
        let lines = run.output.split(separator: "\n")
        #expect(lines.count == FakeNango.demoContactCount)
        let ids = try lines.map { try parseJSON(String($0))["id"]?.stringValue }
        #expect(Set(ids).count == FakeNango.demoContactCount)
        #expect(ids.first == "contact-0001")
        #expect(try parseJSON(String(lines[0]))["_nango_metadata"]?["cursor"]?.stringValue != nil)
        // Every page was requested (5 pages of 700 for 3,000 records).
        #expect(fake.requests.filter(isRecordsPage).count >= 5)
    }

    @Test func recordsExportShowsProgressOnATerminal() async throws {
        let fake = FakeNango.demo()
        let run = await runCLI(
            ["records", "export", "--integration", "hubspot", "--connection-id", "acme-hubspot", "--model", "Contact", "--page-size", "1000"],
            fake: fake,
            terminal: true
        )
        #expect(run.code == 0)
        let pages = fake.requests.filter(isRecordsPage).count
        #expect(pages >= 3)
        let finalLine = try #require(run.error.split(separator: "\r").last)
        #expect(finalLine.contains("pages \(pages) · records 3,000 · "))
        #expect(finalLine.hasSuffix(" records/s\n"))
    }

    @Test func proxyPrintsTheExternalAPIsBody() async throws {
        let run = await runCLI(["proxy", "GET", "/user", "--provider-config-key", "github", "--connection-id", "acme-github"])
        #expect(run.code == 0)
        #expect(try parseJSON(run.output).objectValue?.isEmpty == false)
        let json = await runCLI(["--json", "proxy", "get", "/v1/customers", "--integration", "stripe", "--connection-id", "acme-stripe",
                                 "--header", "X-Trace: 1"])
        #expect(json.code == 0)
        let response = try parseJSON(json.output)
        #expect(response["status"]?.intValue == 200)
        #expect(response["body"] != nil)
    }

    @Test func proxyRefusesAnUnknownMethod() async throws {
        let run = await runCLI(["proxy", "FETCH", "/user", "--integration", "github", "--connection-id", "acme-github"])
        #expect(run.code == 64)
        #expect(run.error.contains("the method must be GET, POST, PUT, PATCH or DELETE"))
    }

    @Test func actionsTriggerPrintsTheOutput() async throws {
        let run = await runCLI(["actions", "trigger", "ping", "--integration", "github", "--connection-id", "acme-github",
                                "--input", #"{"hello": "world"}"#])
        #expect(run.code == 0)
        #expect(try parseJSON(run.output) == ["pong": true, "input": ["hello": "world"]])
    }

    @Test func aFailingActionExitsNonZero() async throws {
        let run = await runCLI(["actions", "trigger", "create-contact", "--integration", "hubspot", "--connection-id", "acme-hubspot",
                                "--input", "{}"])
        #expect(run.code == 1)
        #expect(run.error.contains("error: "))
    }

    @Test func syncsPauseStartAndStatus() async throws {
        let fake = FakeNango.demo()
        let status = await runCLI(["syncs", "status", "--integration", "hubspot", "--connection-id", "acme-hubspot"], fake: fake)
        #expect(status.code == 0)
        #expect(status.output.hasPrefix("SYNC      CONNECTION    STATUS   TYPE"))
        #expect(status.output.contains("contacts  acme-hubspot  SUCCESS"))

        let paused = await runCLI(["syncs", "pause", "contacts", "--integration", "hubspot", "--connection-id", "acme-hubspot"], fake: fake)
        #expect(paused.code == 0)
        #expect(paused.output == "Paused contacts for connection acme-hubspot of hubspot.\n")
        let json = await runCLI(["--json", "syncs", "status", "contacts", "--integration", "hubspot", "--connection-id", "acme-hubspot"], fake: fake)
        #expect(try parseJSON(json.output)["syncs"]?[0]?["status"]?.stringValue == "PAUSED")

        let started = await runCLI(["syncs", "start", "contacts", "--integration", "hubspot", "--connection-id", "acme-hubspot"], fake: fake)
        #expect(started.code == 0)
        let triggered = await runCLI(["syncs", "trigger", "contacts", "--integration", "hubspot", "--full-refresh", "--yes"], fake: fake)
        #expect(triggered.code == 0)
        #expect(triggered.output == "Triggered (full refresh) contacts for every connection of hubspot.\n")
    }

    @Test func webhooksVerifySaysValidOrInvalid() async throws {
        let fake = FakeNango.demo()
        let (body, headers) = try fake.webhook([
            "type": "sync", "from": "nango", "connectionId": "acme-hubspot", "providerConfigKey": "hubspot",
            "syncName": "contacts", "model": "Contact", "success": true,
        ] as [String: JSONValue])
        let signature = try #require(headers.first { $0.name.canonicalName == "x-nango-hmac-sha256" }?.value)

        let valid = await runCLI(["webhooks", "verify", "--signature", signature], fake: fake, input: body)
        #expect(valid.code == 0)
        #expect(valid.output == "valid: the signature matches the \(body.count)-byte body (type sync).\n")

        var tampered = body
        tampered.append(UInt8(ascii: " "))
        let invalid = await runCLI(["webhooks", "verify", "--signature", signature], fake: fake, input: tampered)
        #expect(invalid.code == 1)
        #expect(invalid.error.hasPrefix("invalid: "))

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("webhook-\(UUID().uuidString).json")
        try body.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let fromFile = await runCLI(["--json", "webhooks", "verify", "--body", file.path, "--signature", signature], fake: fake)
        #expect(fromFile.code == 0)
        #expect(try parseJSON(fromFile.output) == ["valid": true, "bytes": .int(Int64(body.count)), "type": "sync"])
    }

    @Test func helpListsTheCommands() async throws {
        let run = await runCLI(["--help"])
        #expect(run.code == 0)
        for command in ["connections", "metadata", "records", "proxy", "actions", "syncs", "integrations", "webhooks"] {
            #expect(run.output.contains(command))
        }
        let group = await runCLI(["records"])
        #expect(group.code == 0)
        #expect(group.output.contains("export"))
        let named = await runCLI(["help", "records", "export"])
        #expect(named.code == 0)
        #expect(named.output.contains("--page-size"))
        let unknown = await runCLI(["connections", "explode"])
        #expect(unknown.code == 64)
    }
}
