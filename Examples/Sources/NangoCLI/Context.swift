public import Foundation
public import Nango
import NangoTesting

/// Everything a command touches outside itself: its streams, its environment and how it gets a client.
/// The executable uses ``CLIContext/standard``; tests inject captured output and a `FakeNango` client.
public struct CLIContext: Sendable {
    /// Makes the client a command calls. `demo` is `--demo`; `wrap`, when given, wraps the transport (the
    /// export counts its page requests through it).
    public typealias ClientFactory = @Sendable (
        _ demo: Bool,
        _ environment: [String: String],
        _ wrap: (@Sendable (any HTTPTransport) -> any HTTPTransport)?
    ) throws -> NangoClient

    /// Where results go.
    public var standardOutput: any TextOutput
    /// Where errors and progress go.
    public var standardError: any TextOutput
    /// Whether standard error is a terminal: the export's progress line is shown only then.
    public var standardErrorIsTerminal: Bool
    /// Whether standard output is a terminal: tables are aligned under a header (with counts after them) only
    /// then, and tab-separated rows otherwise.
    public var standardOutputIsTerminal: Bool
    /// The terminal's width in columns, which aligned tables fit (`nil`: unknown, no limit).
    public var terminalWidth: Int?
    /// The process environment (`NANGO_SECRET_KEY`, `NANGO_HOST`, `NANGO_WEBHOOK_SIGNING_KEY`).
    public var environment: [String: String]
    /// Reads all of standard input (`webhooks verify` without `--body`).
    public var readStandardInput: @Sendable () throws -> Data
    /// Whether standard input is a terminal: a write that asks for confirmation asks only then (and otherwise
    /// needs `--yes`).
    public var standardInputIsTerminal: Bool
    /// Reads one line of standard input (the answer to a confirmation), or `nil` at its end.
    public var readLine: @Sendable () -> String?
    /// Makes clients; ``CLIContext/defaultClientFactory`` unless a test injects one.
    public var makeClient: ClientFactory

    /// A context; every argument but the streams has the process's own default.
    public init(
        standardOutput: any TextOutput,
        standardError: any TextOutput,
        standardErrorIsTerminal: Bool = false,
        standardOutputIsTerminal: Bool = false,
        terminalWidth: Int? = nil,
        environment: [String: String] = [:],
        readStandardInput: @escaping @Sendable () throws -> Data = { Data() },
        standardInputIsTerminal: Bool = false,
        readLine: @escaping @Sendable () -> String? = { nil },
        makeClient: @escaping ClientFactory = CLIContext.defaultClientFactory
    ) {
        self.standardInputIsTerminal = standardInputIsTerminal
        self.readLine = readLine
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.standardErrorIsTerminal = standardErrorIsTerminal
        self.standardOutputIsTerminal = standardOutputIsTerminal
        self.terminalWidth = terminalWidth
        self.environment = environment
        self.readStandardInput = readStandardInput
        self.makeClient = makeClient
    }

    /// The process's own streams and environment.
    public static var standard: CLIContext {
        CLIContext(
            standardOutput: FileDescriptorOutput.standardOutput,
            standardError: FileDescriptorOutput.standardError,
            standardErrorIsTerminal: FileDescriptorOutput.standardError.isTerminal,
            standardOutputIsTerminal: FileDescriptorOutput.standardOutput.isTerminal,
            terminalWidth: FileDescriptorOutput.standardOutput.terminalColumns,
            environment: ProcessInfo.processInfo.environment,
            readStandardInput: { FileHandle.standardInput.readDataToEndOfFile() },
            standardInputIsTerminal: isatty(0) == 1,
            readLine: { Swift.readLine(strippingNewline: true) }
        )
    }

    /// `--demo`: a fresh `FakeNango.demo()` in the process (no account, no network). Otherwise
    /// `NangoClient.fromEnvironment`: `NANGO_SECRET_KEY` and `NANGO_HOST`, over `URLSessionTransport`;
    /// `NANGO_WEBHOOK_SIGNING_KEY`, when set, is the key webhooks are verified with.
    public static let defaultClientFactory: ClientFactory = { demo, environment, wrap in
        if demo {
            let fake = FakeNango.demo()
            guard let wrap else { return try fake.makeClient() }
            return try NangoClient(secretKey: fake.secretKey, transport: wrap(fake))
        }
        var configuration = NangoClient.Configuration()
        if let signingKey = environment["NANGO_WEBHOOK_SIGNING_KEY"], !signingKey.isEmpty {
            configuration.webhookSigningKeys = [SecretKey(signingKey)]
        }
        return try NangoClient.fromEnvironment(
            environment,
            configuration: configuration,
            transport: wrap?(URLSessionTransport.shared) ?? URLSessionTransport.shared
        )
    }
}

/// A failure of the CLI itself (bad input, a missing key), printed as `error: message` with an exit code.
enum CLIError: Error {
    /// Input the command cannot use; exit code 64 (`EX_USAGE`).
    case usage(String)
    /// `NANGO_SECRET_KEY` is missing; exit code 78 (`EX_CONFIG`).
    case missingSecretKey
    /// The command ran and its answer is "no" (an invalid webhook signature); exit code 1, message on stderr.
    case negative(String)
    /// Input that is not what the command reads (a schema that is not one); exit code 65 (`EX_DATAERR`).
    case invalidInput(String)
    /// The environment lacks what the command needs (a variable, named in the message); exit code 78
    /// (`EX_CONFIG`).
    case configuration(String)
}
