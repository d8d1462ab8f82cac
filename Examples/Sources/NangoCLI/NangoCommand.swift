public import ArgumentParser
import Foundation
import Logging
import Nango

/// `nango`: the command-line tool for scripts and operations, built on nango-swift.
///
/// Run it with ``NangoCommand/run(_:context:)``, which parses, runs and reports errors, and returns the exit
/// code: 0 on success, 1 when Nango refuses a call (or a webhook signature is invalid), 64 for a usage error,
/// 65 for input that is not what a command reads (a schema file that is not one), 78 when `NANGO_SECRET_KEY` is
/// missing.
public struct NangoCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "nango",
        abstract: "Nango from the command line: connections, metadata, records, proxy, actions, syncs, webhooks, models.",
        discussion: """
            Reads NANGO_SECRET_KEY (required) and NANGO_HOST (optional). --demo runs against an in-process fake \
            Nango with sample data: no account, no network, and every run starts from the same data (changes do \
            not persist between runs).
            """,
        version: "nango \(NangoCommand.toolVersion) (nango-swift \(NangoClient.version))",
        subcommands: [
            ConnectionsCommand.self, MetadataCommand.self, RecordsCommand.self, ProxyCommand.self,
            ActionsCommand.self, SyncsCommand.self, IntegrationsCommand.self, WebhooksCommand.self,
            ModelsCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions

    /// The tool's version (it is released with the SDK, so it is the SDK's).
    public static let toolVersion = NangoClient.version

    /// Creates the command (for ArgumentParser).
    public init() {}

    /// Parses `arguments` (without the program name), runs the command in `context`, prints any error on
    /// `context.standardError`, and returns the process's exit code.
    public static func run(_ arguments: [String], context: CLIContext) async -> Int32 {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            return report(parsingError: error, json: arguments.contains("--json"), context: context)
        }
        guard let runnable = command as? any CLICommand else {
            // A command group without a subcommand (`nango connections`), or `help`: the help of the command the
            // arguments name.
            context.standardOutput.write(helpMessage(for: helpTarget(arguments)) + "\n")
            return 0
        }
        do {
            try await runnable.execute(in: context)
            return 0
        } catch {
            return report(error, json: runnable.global.json, context: context)
        }
    }

    /// The deepest command that `arguments` name (`nango help records export` names `records export`).
    private static func helpTarget(_ arguments: [String]) -> any ParsableCommand.Type {
        var target: any ParsableCommand.Type = NangoCommand.self
        for argument in arguments where !argument.hasPrefix("-") {
            let next = target.configuration.subcommands.first { subcommand in
                (subcommand.configuration.commandName ?? String(describing: subcommand).lowercased()) == argument
            }
            if let next { target = next }
        }
        return target
    }

    private static func report(parsingError error: any Error, json: Bool, context: CLIContext) -> Int32 {
        let code = exitCode(for: error).rawValue
        let message = fullMessage(for: error)
        if json, code != 0 {
            // An argument the tool cannot parse, for a script that asked for JSON: the first line of the message.
            let first = message.split(separator: "\n").first.map(String.init) ?? message
            let text = first.hasPrefix("Error: ") ? String(first.dropFirst("Error: ".count)) : first
            context.standardError.line((try? JSONText.compact(["error": ["kind": "usage", "message": text]])) ?? "{}")
            return code
        }
        if code == 0 {
            context.standardOutput.write(message + "\n")
        } else {
            context.standardError.write(message + "\n")
        }
        return code
    }

    static func report(_ error: any Error, json: Bool, context: CLIContext) -> Int32 {
        let output = context.standardError
        if json, let (kind, message, code) = toolError(error) {
            output.line((try? JSONText.compact(["error": ["kind": kind, "message": message]])) ?? "{}")
            return code
        }
        switch error {
        case CLIError.usage(let message):
            output.line("error: \(message)")
            return 64
        case CLIError.missingSecretKey:
            output.line("error: NANGO_SECRET_KEY is not set.")
            output.line("Set it to your environment's secret key (Nango dashboard, Environment Settings):")
            output.line("    export NANGO_SECRET_KEY=...")
            output.line("or try the tool without an account, against sample data: nango --demo connections list")
            return 78
        case CLIError.negative(let message):
            if !message.isEmpty { output.line(message) }
            return 1
        case CLIError.invalidInput(let message):
            output.line("error: \(message)")
            return 65
        case CLIError.configuration(let message):
            output.line("error: \(message)")
            return 78
        case let error as NangoError where error.kind == .invalidArgument:
            // Refused by the SDK before anything was sent: bad input, named as the command's flags.
            output.line("error: \(Self.namingFlags(error.message))")
            return 64
        case let error as NangoError:
            if json {
                output.line((try? JSONText.compact(["error": ErrorReport(error)])) ?? "{}")
            } else {
                output.write(ErrorReport(error).text)
            }
            return 1
        case is CancellationError:
            output.line("error: cancelled")
            return 130
        default:
            output.line("error: \(error)")
            return 1
        }
    }
}

extension NangoCommand {
    /// The SDK's parameter names in a message, as the command's flags spell them (`connectionID must not be
    /// empty` → `--connection-id must not be empty`).
    static func namingFlags(_ message: String) -> String {
        let flags: [(String, String)] = [
            ("connectionID", "--connection-id"), ("providerConfigKey", "--integration"), ("modifiedAfter", "--modified-after"),
            ("pageSize", "--page-size"), ("maxRetries", "--max-retries"), ("cursor", "--cursor"), ("limit", "--limit"),
            ("variant", "--variant"), ("model", "--model"),
        ]
        var result = message
        for (parameter, flag) in flags {
            // A camel-case name anywhere; a plain word (`model`, `limit`) only as the message's subject.
            let anywhere = parameter.contains(where: \.isUppercase)
            result = result.replacingOccurrences(
                of: (anywhere ? "(?<![A-Za-z-])" : "^") + parameter + "(?![A-Za-z])", with: flag, options: .regularExpression
            )
        }
        return result
    }

    /// The tool's own errors as (kind, message, exit code), for `--json`; `nil` for Nango's and others.
    static func toolError(_ error: any Error) -> (String, String, Int32)? {
        switch error {
        case CLIError.usage(let message): return ("usage", message, 64)
        case CLIError.missingSecretKey: return ("configuration", "NANGO_SECRET_KEY is not set.", 78)
        case CLIError.configuration(let message): return ("configuration", message, 78)
        case CLIError.invalidInput(let message): return ("invalid_input", message, 65)
        case CLIError.negative(let message): return ("negative", message, 1)
        case let error as NangoError where error.kind == .invalidArgument: return ("usage", namingFlags(error.message), 64)
        default: return nil
        }
    }
}

/// Options every command takes, before or after the subcommand's name.
struct GlobalOptions: ParsableArguments {
    @Flag(help: "Machine output: JSON on standard output (errors as JSON on standard error).")
    var json = false

    @Flag(help: "Run against an in-process fake Nango with sample data (no account, no network; every run starts from the same data).")
    var demo = false

    @Option(help: "Seconds one attempt may take (default 30; the whole call, retries included, at least 120).")
    var timeout: Double?

    @Flag(help: "Log every request, response and retry of the SDK on standard error (never keys, bodies or ids).")
    var verbose = false

    @Option(name: .customLong("max-retry-wait"), help: "Seconds to wait at most when Nango answers 429 with Retry-After (default 60).")
    var maxRetryWait: Double?
}

/// A command the CLI runs with its context (the leaves of the command tree).
protocol CLICommand: ParsableCommand {
    var global: GlobalOptions { get }
    func execute(in context: CLIContext) async throws
}

extension CLICommand {
    /// A client for this run: `--demo`'s fake, or the environment's key and host.
    func client(
        _ context: CLIContext,
        wrap: (@Sendable (any HTTPTransport) -> any HTTPTransport)? = nil
    ) throws -> NangoClient {
        let nango: NangoClient
        do {
            nango = try context.makeClient(global.demo, context.environment, wrap)
        } catch let error as NangoError where error.kind == .invalidArgument && !global.demo {
            if (context.environment["NANGO_SECRET_KEY"] ?? "").isEmpty { throw CLIError.missingSecretKey }
            if let host = context.environment["NANGO_HOST"], !host.isEmpty {
                throw CLIError.configuration("NANGO_HOST is not a Nango host (\(error.message)): \(host)")
            }
            throw error
        }
        if let timeout = global.timeout, !(timeout > 0 && timeout <= 86_400) {
            throw CLIError.usage("--timeout takes seconds, more than 0 and at most 86400, not \(timeout)")
        }
        if let wait = global.maxRetryWait, !(wait >= 0 && wait <= 86_400) {
            throw CLIError.usage("--max-retry-wait takes seconds, from 0 to 86400, not \(wait)")
        }
        // A retry line on a terminal's standard error, or every log line of the SDK with --verbose.
        let showsRetries = global.verbose || context.standardErrorIsTerminal
        guard global.timeout != nil || global.maxRetryWait != nil || showsRetries else { return nango }
        return try nango.withConfiguration { configuration in
            if let wait = global.maxRetryWait {
                let maximum = Duration.milliseconds(Int64(wait * 1000))
                configuration.retry.maximumRetryAfter = maximum
                // The call's total time must leave room for the waits.
                configuration.totalTimeout = max(configuration.totalTimeout, maximum * configuration.retry.maximumAttempts + .seconds(60))
            }
            if let timeout = global.timeout {
                configuration.timeout = .milliseconds(Int64(timeout * 1000))
                configuration.totalTimeout = max(configuration.totalTimeout, configuration.timeout * 4)
            }
            if showsRetries {
                let handler = StandardErrorLogHandler(
                    output: context.standardError, verbose: global.verbose,
                    maximumAttempts: configuration.retry.maximumAttempts, isTerminal: context.standardErrorIsTerminal
                )
                configuration.logger = Logger(label: "nango", factory: { _ in handler })
            }
        }
    }

    /// Asks `question` on a terminal before a write that cannot be undone; `yes` (`--yes`) skips the question,
    /// and without a terminal it is required.
    ///
    /// - Throws: `CLIError.usage` without `--yes` when standard input is not a terminal; `CLIError.negative`
    ///   when the answer is not yes (nothing was done).
    func confirm(_ question: String, yes: Bool, _ context: CLIContext) throws {
        if yes { return }
        guard context.standardInputIsTerminal else {
            throw CLIError.usage("\(question.dropLast()) needs --yes when standard input is not a terminal")
        }
        context.standardError.write("\(question) [y/N] ")
        let answer = context.readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
        guard answer == "y" || answer == "yes" else { throw CLIError.negative("Nothing was done.") }
    }

    /// Writes `value` as pretty JSON on standard output.
    func printJSON<Value: Encodable>(_ value: Value, _ context: CLIContext) throws {
        context.standardOutput.line(try JSONText.pretty(value))
    }
}

/// What the CLI prints about a Nango error: code, message, status, request id, operation.
struct ErrorReport: Encodable {
    var kind: String
    var code: String?
    var message: String
    var status: Int?
    var requestID: String?
    var operation: String?
    /// The server a failure without a response was talking to, or that refused the key.
    var host: String?
    var attempts: Int
    var elapsedSeconds: Double?
    var retryAfterSeconds: Double?
    /// For failures without a response (transport, timeout): whether the request may have reached Nango.
    var mayHaveReachedNango: Bool?
    var payload: JSONValue?
    var details: JSONValue?
    /// For a proxy call the external API refused: its body as received (at most 4 KB), with the values of
    /// secret-looking keys and long token-like runs redacted.
    var providerBody: String?

    init(_ error: NangoError) {
        kind = error.kind.description
        code = error.code?.rawValue
        message = error.message
        status = error.status
        requestID = error.requestID
        operation = error.operation
        host = error.host
        attempts = error.attempts
        elapsedSeconds = error.elapsed.map(Self.seconds)
        retryAfterSeconds = error.retryAfter.map(Self.seconds)
        mayHaveReachedNango = error.status == nil && (error.kind == .transport || error.kind == .timeout)
            ? error.mayHaveBeenSent : nil
        payload = error.payload
        // Nango's whole error object: shown when it says more than the code and message already printed.
        if case .object(let members)? = error.details, Set(members.keys).isSubset(of: ["code", "message"]) {
            details = nil
        } else {
            details = error.details
        }
        if error.kind == .providerHTTP {
            providerBody = error.readableResponseBody()
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        // Milliseconds are enough for people and scripts.
        return ((Double(seconds) + Double(attoseconds) / 1e18) * 1000).rounded() / 1000
    }

    private enum CodingKeys: String, CodingKey {
        case kind, code, message, status, operation, host, attempts, payload, details
        case providerBody = "provider_body"
        case requestID = "request_id"
        case elapsedSeconds = "elapsed_seconds"
        case retryAfterSeconds = "retry_after_seconds"
        case mayHaveReachedNango = "may_have_reached_nango"
    }

    var text: String {
        var lines = ["error: \(message)"]
        var fields = Fields()
        if let code { fields.append("code", code) }
        if let status { fields.append("status", String(status)) }
        if let requestID { fields.append("request id", requestID) }
        if let operation { fields.append("operation", operation) }
        if let host { fields.append("host", host) }
        if code == nil, status == nil { fields.append("kind", kind) }
        if attempts > 1 || elapsedSeconds != nil {
            let time = elapsedSeconds.map { " in \(Self.formatted($0)) s" } ?? ""
            fields.append("attempts", "\(attempts)\(time)")
        }
        if let retryAfterSeconds {
            fields.append(
                "retry after",
                "\(Self.formatted(retryAfterSeconds)) s (asked by Nango; --max-retry-wait \(Int(retryAfterSeconds.rounded(.up))) waits for it)"
            )
        }
        if let mayHaveReachedNango {
            fields.append("sent", mayHaveReachedNango
                ? "the request may have reached Nango: a write (an action, an import) may have taken effect"
                : "the request never reached Nango")
        }
        if status == 401 {
            fields.append("hint", "check that NANGO_SECRET_KEY is this environment's key, and NANGO_HOST its Nango server")
        }
        if let payload { fields.append("payload", Format.short((try? JSONText.compact(payload)) ?? "-", limit: 2_000)) }
        if let providerBody { fields.append("provider body", providerBody) }
        if let details { fields.append("details", Format.short((try? JSONText.compact(details)) ?? "-", limit: 2_000)) }
        lines.append(fields.text.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        return lines.joined(separator: "\n") + "\n"
    }

    private static func formatted(_ seconds: Double) -> String {
        seconds >= 10 ? String(Int(seconds.rounded())) : String(format: "%.1f", seconds)
    }
}

/// The connection a command is about: `--integration` (also `--provider-config-key`) and `--connection-id`.
struct ConnectionOptions: ParsableArguments {
    @Option(name: [.customLong("integration"), .customLong("provider-config-key")], help: "The integration's unique key (provider config key).")
    var integration: String

    @Option(name: .customLong("connection-id"), help: "The connection's id.")
    var connectionID: String
}
