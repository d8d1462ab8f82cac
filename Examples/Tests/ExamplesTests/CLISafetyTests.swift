import Foundation
import HTTPTypes
import Nango
import NangoCLI
import NangoTesting
import Testing

/// `nango` used against production: secrets only on request, writes that say what they touch.
@Suite("nango CLI: secrets and confirmations")
struct CLISafetyTests {
    /// The SDK's connection fixtures, one per auth type, whose every secret contains `canary-secret`.
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/NangoTests/Fixtures/connections")

    static let authFixtures = [
        "get-oauth2", "get-oauth1", "get-oauth2-cc", "get-api-key", "get-basic", "get-basic-install-plugin", "get-app",
        "get-custom", "get-custom-github-app-oauth", "get-tba", "get-jwt", "get-bill", "get-two-step", "get-signature",
        "get-aws-sigv4", "get-unknown-type",
    ]

    @Test("connections get --json redacts every credential value of every auth type; --show-secrets prints them",
          arguments: authFixtures)
    func redactsEveryAuthType(_ name: String) async throws {
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("\(name).json"))
        let fixture = try JSONDecoder().decode(JSONValue.self, from: data)
        guard case .object(let members)? = fixture["credentials"] else { Issue.record("no credentials"); return }
        let credentials = try JSONDecoder().decode(Credentials.self, from: JSONEncoder().encode(JSONValue.object(members)))
        #expect(try String(decoding: JSONEncoder().encode(credentials), as: UTF8.self).contains("canary-secret"))

        let fake = FakeNango()
        try fake.addIntegration(uniqueKey: "crm", provider: "crm")
        _ = try fake.addConnection(connectionID: "c1", providerConfigKey: "crm", credentials: credentials)

        let redacted = await runCLI(["connections", "get", "--integration", "crm", "--connection-id", "c1", "--json"], fake: fake)
        #expect(redacted.code == 0, "\(redacted.error)")
        #expect(!redacted.output.contains("canary-secret"), "\(name): \(redacted.output)")
        let json = try parseJSON(redacted.output)
        // The shape stays: the same credential fields, their values replaced, the type shown.
        let shown = try #require(json["credentials"])
        #expect(shown["type"] == members["type"])
        let revealed = await runCLI(
            ["connections", "get", "--integration", "crm", "--connection-id", "c1", "--json", "--show-secrets"], fake: fake
        )
        #expect(revealed.code == 0)
        #expect(revealed.output.contains("canary-secret"))
        let full = try #require(try parseJSON(revealed.output)["credentials"])
        #expect(keys(of: shown) == keys(of: full))
        #expect(redacted.output.contains("\"<redacted>\""))

        // The table never shows a value either.
        let table = await runCLI(["connections", "get", "--integration", "crm", "--connection-id", "c1"], fake: fake)
        #expect(!table.output.contains("canary-secret"))
    }

    /// Every key path of a JSON value (objects' keys, recursively).
    private func keys(of value: JSONValue, prefix: String = "") -> Set<String> {
        switch value {
        case .object(let members):
            return members.reduce(into: Set<String>()) { result, member in
                result.insert(prefix + member.key)
                result.formUnion(keys(of: member.value, prefix: prefix + member.key + "."))
            }
        case .array(let elements):
            return elements.enumerated().reduce(into: Set<String>()) { result, element in
                result.formUnion(keys(of: element.element, prefix: prefix + "\(element.offset)."))
            }
        default:
            return []
        }
    }

    @Test("connections delete asks on a terminal, needs --yes otherwise, and does nothing unless told yes")
    func deleteConfirms() async throws {
        let fake = FakeNango.demo()
        let arguments = ["connections", "delete", "--integration", "stripe", "--connection-id", "acme-stripe"]

        let piped = await runCLI(arguments, fake: fake)
        #expect(piped.code == 64)
        #expect(piped.error.contains("needs --yes when standard input is not a terminal"))

        let declined = await runCLI(arguments, fake: fake, inputTerminal: true, answers: ["n"])
        #expect(declined.code == 1)
        #expect(declined.error == "Delete connection acme-stripe of stripe, with its credentials and records? [y/N] Nothing was done.\n")
        let noAnswer = await runCLI(arguments, fake: fake, inputTerminal: true, answers: [])
        #expect(noAnswer.code == 1)
        #expect(fake.connection(providerConfigKey: "stripe", connectionID: "acme-stripe") != nil)
        #expect(!fake.requests.contains { $0.method == .delete })

        let confirmed = await runCLI(arguments, fake: fake, inputTerminal: true, answers: ["yes"])
        #expect(confirmed.code == 0)
        #expect(confirmed.output == "Deleted connection acme-stripe of stripe.\n")
        #expect(fake.connection(providerConfigKey: "stripe", connectionID: "acme-stripe") == nil)
    }

    @Test("syncs trigger, start and pause need the syncs' names or --all; a full refresh asks first")
    func syncWritesNameWhatTheyTouch() async throws {
        let fake = FakeNango.demo()
        for verb in ["trigger", "start", "pause"] {
            let bare = await runCLI(["syncs", verb, "--integration", "hubspot"], fake: fake)
            #expect(bare.code == 64)
            #expect(bare.error == "error: name the syncs to \(verb), or pass --all for every sync of hubspot\n")
            let both = await runCLI(["syncs", verb, "contacts", "--all", "--integration", "hubspot"], fake: fake)
            #expect(both.code == 64)
        }
        #expect(fake.requests.isEmpty)

        let all = await runCLI(["syncs", "trigger", "--all", "--integration", "hubspot"], fake: fake)
        #expect(all.code == 0)
        #expect(all.output == "Triggered every sync for every connection of hubspot.\n")
        #expect(fake.requests.last?.json?["syncs"] == [])

        let refresh = ["syncs", "trigger", "--all", "--integration", "hubspot", "--full-refresh"]
        let piped = await runCLI(refresh, fake: fake)
        #expect(piped.code == 64)
        #expect(piped.error.contains("needs --yes"))
        let declined = await runCLI(refresh, fake: fake, inputTerminal: true, answers: ["N"])
        #expect(declined.code == 1)
        #expect(declined.error.hasPrefix("Fetch everything again for every sync of hubspot, on every connection of hubspot? [y/N] "))
        let requestsBefore = fake.requests.count
        let confirmed = await runCLI(refresh, fake: fake, inputTerminal: true, answers: ["y"])
        #expect(confirmed.code == 0)
        #expect(fake.requests.count == requestsBefore + 1)
        #expect(fake.requests.last?.json?["opts"]?["reset"] == true)
    }

    @Test("--version names the tool's and the SDK's versions; --demo's help says every run starts afresh")
    func versionAndDemoHelp() async {
        let version = await runCLI(["--version"])
        #expect(version.code == 0)
        #expect(version.output == "nango \(NangoClient.version) (nango-swift \(NangoClient.version))\n")
        let help = await runCLI(["--help"])
        #expect(help.output.contains("every run starts from the same data"))
        // The README's completion line.
        let completion = await runCLI(["--generate-completion-script", "bash"])
        #expect(completion.code == 0)
        #expect(completion.output.contains("_nango"))
        #expect(completion.output.contains("connections"))
    }

    @Test("webhooks verify needs only the signing key, never waits for typing, and names what is missing")
    func webhooksVerifyWithTheSigningKeyAlone() async throws {
        let fake = FakeNango(webhookSigningKey: "whsec-only-the-signing-key")
        let (body, headers) = try fake.webhook([
            "type": "sync", "from": "nango", "connectionId": "c1", "providerConfigKey": "hubspot",
            "syncName": "contacts", "model": "Contact", "success": true,
        ] as [String: JSONValue])
        let signature = try #require(headers.first { $0.name.canonicalName == "x-nango-hmac-sha256" }?.value)

        let valid = await runCLI(
            ["webhooks", "verify", "--signature", signature], fake: fake, input: body,
            environment: ["NANGO_WEBHOOK_SIGNING_KEY": "whsec-only-the-signing-key"]
        )
        #expect(valid.code == 0, "\(valid.error)")
        #expect(valid.output.hasPrefix("valid: the signature matches"))

        let wrongKey = await runCLI(
            ["webhooks", "verify", "--signature", signature], fake: fake, input: body,
            environment: ["NANGO_WEBHOOK_SIGNING_KEY": "another-key"]
        )
        #expect(wrongKey.code == 1)

        let noKey = await runCLI(["webhooks", "verify", "--signature", signature], fake: fake, input: body, environment: [:])
        #expect(noKey.code == 78)
        #expect(noKey.error.contains("NANGO_WEBHOOK_SIGNING_KEY is not set"))

        let typing = await runCLI(["webhooks", "verify", "--signature", signature], fake: fake, inputTerminal: true)
        #expect(typing.code == 64)
        #expect(typing.error.contains("--body FILE, or pipe it on standard input"))

        let help = await runCLI(["help", "webhooks", "verify"])
        #expect(help.output.contains("openssl dgst -sha256 -hmac"))
    }

    @Test("tables: tab-separated rows without header or count when piped; fitted to the terminal's width")
    func tables() async throws {
        let piped = await runCLI(["connections", "list"], outputTerminal: false)
        #expect(piped.code == 0)
        let lines = piped.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 6 })
        #expect(!piped.output.contains("CONNECTION ID"))
        #expect(!piped.output.contains("4 connections"))
        #expect(Set(lines.map { String($0.prefix { $0 != "\t" }) }) == ["acme-github", "acme-hubspot", "acme-stripe", "globex-jira"])

        let wide = await runCLI(["connections", "list"])
        let narrow = await runCLI(["connections", "list"], width: 60)
        #expect(wide.output.split(separator: "\n").contains { $0.count > 60 })
        #expect(narrow.output.split(separator: "\n").allSatisfy { $0.count <= 60 })
        #expect(narrow.output.hasPrefix("CONNECT"))
        #expect(narrow.output.contains("…"))
        #expect(narrow.output.hasSuffix("4 connections\n"))

        // A page of records piped: rows on standard output, the count and next cursor on standard error.
        let records = await runCLI(
            ["records", "list", "--model", "Contact", "--integration", "hubspot", "--connection-id", "acme-hubspot", "--limit", "2"],
            outputTerminal: false
        )
        #expect(records.code == 0)
        #expect(records.output.split(separator: "\n").count == 2)
        #expect(records.error.hasPrefix("2 records; next cursor: "))
    }

    /// Runs `nango arguments` against a `MockTransport` (retries on an immediate clock).
    private func runAgainst(_ mock: MockTransport, _ arguments: [String], errorTerminal: Bool = false) async -> CLIRun {
        let output = CapturedOutput()
        let error = CapturedOutput()
        let context = CLIContext(
            standardOutput: output, standardError: error, standardErrorIsTerminal: errorTerminal, standardOutputIsTerminal: true,
            environment: ["NANGO_SECRET_KEY": "sk-test"],
            makeClient: { _, _, _ in
                var configuration = NangoClient.Configuration()
                configuration.clock = ImmediateClock()
                return try NangoClient(secretKey: "sk-test", configuration: configuration, transport: mock)
            }
        )
        let code = await NangoCommand.run(arguments, context: context)
        return CLIRun(code: code, output: output.text, error: error.text)
    }

    @Test("a failed action's error shows Nango's code, the provider's answer, attempts and time, in text and JSON")
    func actionErrorCarriesWhatTheSDKKnows() async throws {
        let body = try Data(contentsOf: Self.fixtures.deletingLastPathComponent().appendingPathComponent("errors/script-http-error.json"))
        let mock = MockTransport()
        mock.enqueue(.http(status: 424, headers: [.contentType: "application/json", HTTPField.Name("X-Request-Id")!: "req-42"], body: body))
        mock.enqueue(.http(status: 424, headers: [.contentType: "application/json", HTTPField.Name("X-Request-Id")!: "req-43"], body: body))
        let arguments = ["actions", "trigger", "create-issue", "--integration", "github", "--connection-id", "c1", "--input", #"{"title":""}"#]

        let text = await runAgainst(mock, arguments)
        #expect(text.code == 1)
        #expect(text.error.hasPrefix("error: An error occurred during an HTTP call\n"))
        #expect(text.error.contains("code:        script_http_error"))
        #expect(text.error.contains("status:      424"))
        #expect(text.error.contains("operation:   POST /action/trigger"))
        #expect(text.error.contains("attempts:    1 in "))
        #expect(text.error.contains(#""status":422"#))
        #expect(text.error.contains("Validation Failed"))
        #expect(text.error.contains(#"payload:     {"method":"POST","url":"https://api.github.com/repos/acme/platform/issues"}"#))

        let json = await runAgainst(mock, ["--json"] + arguments)
        let error = try #require(try parseJSON(json.error)["error"])
        #expect(error["code"] == "script_http_error")
        #expect(error["attempts"] == 1)
        #expect(error["elapsed_seconds"]?.doubleValue != nil)
        #expect(error["details"]?["upstream"]?["body"]?["message"] == "Validation Failed")
        #expect(error["payload"]?["method"] == "POST")
        #expect(error["may_have_reached_nango"] == nil)
    }

    @Test("a dropped action says it may have run; a refused connection says it never reached Nango; retries are counted")
    func transportErrorsSayWhetherTheRequestWasSent() async throws {
        let mock = MockTransport()
        mock.enqueue(.failure(NangoError.transport("The connection was lost.", requestSent: true)))
        let dropped = await runAgainst(mock, ["--json", "actions", "trigger", "ping", "--integration", "github", "--connection-id", "c1"])
        #expect(dropped.code == 1)
        let error = try #require(try parseJSON(dropped.error)["error"])
        #expect(error["may_have_reached_nango"] == true)
        #expect(error["attempts"] == 1)

        let refused = MockTransport()
        for _ in 0..<3 { refused.enqueue(.failure(NangoError.transport("Connection refused.", requestSent: false))) }
        let text = await runAgainst(refused, ["connections", "get", "--integration", "github", "--connection-id", "c1"])
        #expect(text.code == 1)
        let squeezed = text.error.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        #expect(squeezed.contains("attempts: 3 in "))
        #expect(squeezed.contains("sent: the request never reached Nango"))

        let wasSent = MockTransport()
        wasSent.enqueue(.failure(NangoError.transport("The connection was lost.", requestSent: true)))
        let action = await runAgainst(wasSent, ["actions", "trigger", "ping", "--integration", "github", "--connection-id", "c1"])
        #expect(action.error.contains("the request may have reached Nango: a write (an action, an import) may have taken effect"))
    }

    private static func record(_ id: Int) -> String {
        #"{"id":"\#(id)","name":"r\#(id)","_nango_metadata":{"first_seen_at":"2026-07-30T12:01:15.220431+00:00","last_modified_at":"2026-07-30T12:01:15.220431+00:00","last_action":"ADDED","deleted_at":null,"pruned_at":null,"cursor":"cur-\#(id)"}}"#
    }

    @Test("retries show a line on a terminal; --verbose logs every request (never the key); --timeout is checked")
    func retriesAndVerbose() async throws {
        let connection = try Data(contentsOf: Self.fixtures.appendingPathComponent("get-api-key.json"))
        let mock = MockTransport()
        mock.enqueue(.json(#"{"error":{"code":"server_error","message":"busy"}}"#, status: 503))
        mock.enqueue(.http(status: 200, headers: [.contentType: "application/json"], body: connection))
        let arguments = ["connections", "get", "--integration", "stripe", "--connection-id", "c1"]
        let retried = await runAgainst(mock, arguments, errorTerminal: true)
        #expect(retried.code == 0, "\(retried.error)")
        #expect(retried.error.hasPrefix("\r\u{1B}[Kretrying in "))
        #expect(retried.error.hasSuffix(" s (attempt 2 of 3)…\n"))

        let quiet = MockTransport()
        quiet.enqueue(.json(#"{"error":{"code":"server_error","message":"busy"}}"#, status: 503))
        quiet.enqueue(.http(status: 200, headers: [.contentType: "application/json"], body: connection))
        #expect(await runAgainst(quiet, arguments).error.isEmpty)

        let logged = MockTransport()
        logged.enqueue(.http(status: 200, headers: [.contentType: "application/json"], body: connection))
        let verbose = await runAgainst(logged, ["--verbose"] + arguments)
        #expect(verbose.code == 0)
        #expect(verbose.error.contains("Nango request"))
        #expect(verbose.error.contains("GET /connections/{connectionId}"))
        #expect(!verbose.error.contains("sk-test"))
        #expect(!verbose.error.contains("canary-secret"))

        let zero = await runAgainst(MockTransport(), ["--timeout", "0"] + arguments)
        #expect(zero.code == 64)
        #expect(zero.error.contains("--timeout takes seconds"))
        let slow = MockTransport()
        for _ in 0..<3 { slow.enqueue(.delayed(.seconds(30), .http(status: 200, body: connection))) }
        let started = ContinuousClock.now
        let timedOut = await runAgainst(slow, ["--timeout", "0.2"] + arguments)
        #expect(timedOut.code == 1)
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("a stopped export ends its progress line, names the cursor to resume from, and resumes with --cursor")
    func exportResumes() async throws {
        let first = #"{"records":[\#(Self.record(1)),\#(Self.record(2))],"next_cursor":"page-2"}"#
        let rest = #"{"records":[\#(Self.record(3))],"next_cursor":null}"#
        let mock = MockTransport()
        mock.enqueue(.json(first))
        for _ in 0..<3 { mock.enqueue(.json(#"{"error":{"code":"server_error","message":"down"}}"#, status: 503)) }
        let arguments = ["records", "export", "--model", "Thing", "--integration", "crm", "--connection-id", "c1"]
        let stopped = await runAgainst(mock, arguments, errorTerminal: true)
        #expect(stopped.code == 1)
        #expect(stopped.output.split(separator: "\n").count == 2)
        // The progress line is ended before the message and the error.
        #expect(stopped.error.contains("records/s\nThe export stopped after 2 records; to go on, run it again with --cursor cur-2\nerror: down"))

        let resumed = MockTransport()
        resumed.enqueue(.json(rest))
        let again = await runAgainst(resumed, arguments + ["--cursor", "cur-2"])
        #expect(again.code == 0)
        #expect(again.output.split(separator: "\n").count == 1)
        #expect(resumed.lastRequest?.queryValues("cursor") == ["cur-2"])

        let json = MockTransport()
        json.enqueue(.json(#"{"error":{"code":"server_error","message":"down"}}"#, status: 400))
        let early = await runAgainst(json, ["--json"] + arguments)
        #expect(early.error.hasPrefix(#"{"export_stopped":{"cursor":null,"records":0}}"#))
    }

    @Test("--json covers the tool's own errors; a bad NANGO_HOST is a configuration error that names it")
    func toolErrorsAndConfiguration() async throws {
        let usage = await runCLI(["--json", "syncs", "trigger", "--integration", "hubspot"])
        #expect(usage.code == 64)
        #expect(try parseJSON(usage.error) == ["error": ["kind": "usage", "message": "name the syncs to trigger, or pass --all for every sync of hubspot"]])

        let output = CapturedOutput()
        let error = CapturedOutput()
        let context = CLIContext(
            standardOutput: output, standardError: error,
            environment: ["NANGO_SECRET_KEY": "sk-test", "NANGO_HOST": "ftp://nango.example"]
        )
        let code = await NangoCommand.run(["connections", "list"], context: context)
        #expect(code == 78)
        #expect(error.text.hasPrefix("error: NANGO_HOST is not a Nango host"))
        #expect(error.text.contains("ftp://nango.example"))
    }

    @Test("input the SDK refuses before sending is a usage error (64) that names the command's flags")
    func sdkValidationNamesFlags() async throws {
        let empty = await runCLI(["connections", "get", "--integration", "github", "--connection-id", ""])
        #expect(empty.code == 64)
        #expect(empty.error == "error: --connection-id must not be empty.\n")
        let limit = await runCLI(["records", "list", "--model", "Contact", "--integration", "hubspot", "--connection-id", "acme-hubspot", "--limit", "0"])
        #expect(limit.code == 64)
        #expect(limit.error.hasPrefix("error: --limit must be"))
        let json = await runCLI(["--json", "records", "list", "--model", "", "--integration", "hubspot", "--connection-id", "acme-hubspot"])
        #expect(json.code == 64)
        #expect(try parseJSON(json.error)["error"]?["message"] == "--model must not be empty.")
    }

    @Test("a refused key says what to check; a failure without a response names the host")
    func unauthorizedAndHost() async throws {
        let mock = MockTransport()
        mock.enqueue(.json(#"{"error":{"code":"unknown_account","message":"Authentication failed"}}"#, status: 401))
        let run = await runAgainst(mock, ["integrations", "list"])
        #expect(run.code == 1)
        let squeezed = run.error.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        #expect(squeezed.contains("hint: check that NANGO_SECRET_KEY is this environment's key, and NANGO_HOST its Nango server"))
        #expect(squeezed.contains("host: api.nango.dev"))

        let refused = MockTransport()
        for _ in 0..<3 { refused.enqueue(.failure(NangoError.transport("Could not connect.", requestSent: false))) }
        let json = await runAgainst(refused, ["--json", "integrations", "list"])
        #expect(try parseJSON(json.error)["error"]?["host"] == "api.nango.dev")
    }

    @Test("a proxy error shows the external API's body as received, capped, without secret-looking values")
    func proxyErrorBody() async throws {
        let mock = MockTransport()
        let body = #"{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","access_token":"gho_16C7e42F292c6912E7710c838347Ae178B4a","hint":"ghp_abcdefghijklmnopqrstuvwxyz0123456789AB"}"#
        mock.enqueue(.json(body, status: 401))
        let run = await runAgainst(mock, ["proxy", "GET", "/user", "--integration", "github", "--connection-id", "c1"])
        #expect(run.code == 1)
        #expect(run.error.contains(#""message":"Bad credentials""#))
        #expect(run.error.contains("https://docs.github.com/rest"))
        #expect(run.error.contains(#""access_token":"<redacted>""#))
        #expect(!run.error.contains("gho_16C7e42F"))
        #expect(!run.error.contains("ghp_abcdefghij"))

        let large = MockTransport()
        large.enqueue(.http(status: 502, headers: [.contentType: "text/html"], body: Data(String(repeating: "<p>upstream down</p>", count: 500).utf8)))
        let json = await runAgainst(large, ["--json", "proxy", "GET", "/user", "--integration", "github", "--connection-id", "c1"])
        let shown = try #require(try parseJSON(json.error)["error"]?["provider_body"]?.stringValue)
        #expect(shown.hasPrefix("<p>upstream down</p>"))
        #expect(shown.hasSuffix("… (10,000 bytes in all)"))
    }

    @Test("a long Retry-After is waited for with --max-retry-wait, and the error without it says so; parse errors in JSON")
    func retryAfterAndParseErrors() async throws {
        let mock = MockTransport()
        mock.enqueue(.json(#"{"error":{"code":"too_many_requests","message":"Slow down"}}"#, status: 429, headers: [.retryAfter: "100"]))
        let failed = await runAgainst(mock, ["integrations", "list"])
        #expect(failed.code == 1)
        let squeezed = failed.error.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        #expect(squeezed.contains("retry after: 100 s (asked by Nango; --max-retry-wait 100 waits for it)"))

        let waited = MockTransport()
        waited.enqueue(.json(#"{"error":{"code":"too_many_requests","message":"Slow down"}}"#, status: 429, headers: [.retryAfter: "100"]))
        waited.enqueue(.json(#"{"data":[]}"#))
        let run = await runAgainst(waited, ["--max-retry-wait", "120", "integrations", "list"], errorTerminal: true)
        #expect(run.code == 0, "\(run.error)")
        #expect(run.error == "\r\u{1B}[Kretrying in 100 s (attempt 2 of 3)…\n")

        let parse = await runCLI(["--json", "connections", "get", "--integration", "github"])
        #expect(parse.code == 64)
        #expect(try parseJSON(parse.error)["error"]?["kind"] == "usage")
        #expect(try parseJSON(parse.error)["error"]?["message"]?.stringValue?.contains("--connection-id") == true)
    }

    @Test("against FakeNango's injected faults: retry lines, a dropped action, a long Retry-After, a resumed export")
    func faultsFromFakeNango() async throws {
        let fake = FakeNango.demo()
        fake.injectFault(.status(503), times: 2, method: .get, path: "/connections/acme-github")
        let retried = await runCLI(["connections", "get", "--integration", "github", "--connection-id", "acme-github"], fake: fake, terminal: true)
        #expect(retried.code == 0)
        #expect(retried.error.components(separatedBy: "retrying in ").count == 3)
        #expect(retried.error.contains("(attempt 3 of 3)…"))

        fake.injectFault(.dropConnectionAfterSending, method: .post, path: "/action/trigger")
        let dropped = await runCLI(["--json", "actions", "trigger", "ping", "--integration", "github", "--connection-id", "acme-github"], fake: fake)
        #expect(dropped.code == 1)
        let error = try #require(try parseJSON(dropped.error)["error"])
        #expect(error["may_have_reached_nango"] == true)
        #expect(error["operation"] == "POST /action/trigger")

        fake.injectFault(.status(429, retryAfter: 100), method: .get, path: "/integrations")
        let limited = await runCLI(["--json", "integrations", "list"], fake: fake)
        #expect(limited.code == 1)
        #expect(try parseJSON(limited.error)["error"]?["retry_after_seconds"] == 100)

        // The whole export, for reference; then one that stops after its first page and is resumed.
        let export = ["records", "export", "--model", "Contact", "--integration", "hubspot", "--connection-id", "acme-hubspot"]
        let whole = await runCLI(export, fake: fake)
        #expect(whole.code == 0)
        let all = whole.output.split(separator: "\n")
        let pageSize = max(all.count / 3, 1)
        #expect(all.count > pageSize)
        fake.injectFault(.status(500), times: 1) { $0.path == "/records/" && !$0.queryValues("cursor").isEmpty }
        let paged = export + ["--page-size", String(pageSize)]
        let stopped = await runCLI(paged, fake: fake, terminal: true)
        #expect(stopped.code == 1)
        let written = stopped.output.split(separator: "\n")
        #expect(written == Array(all.prefix(pageSize)))
        let last = try #require(written.last)
        let cursor = try #require(try parseJSON(String(last))["_nango_metadata"]?["cursor"]?.stringValue)
        let shown = pageSize.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
        #expect(stopped.error.contains(
            "The export stopped after \(shown) records; to go on, run it again with --cursor \(cursor)\nerror: "
        ))
        let resumed = await runCLI(paged + ["--cursor", cursor], fake: fake)
        #expect(resumed.code == 0)
        #expect(written + resumed.output.split(separator: "\n") == all)
    }
}
