import ArgumentParser
import Foundation
import HTTPTypes
import Nango

struct WebhooksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks",
        abstract: "Check webhooks Nango sent.",
        subcommands: [Verify.self]
    )

    struct Verify: CLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a webhook's X-Nango-Hmac-Sha256 signature; exit code 0 when valid, 1 when not.",
            discussion: """
                Needs only the key Nango signs webhooks with: NANGO_WEBHOOK_SIGNING_KEY, or NANGO_SECRET_KEY when \
                the environment has no separate signing key (as Nango signs); --demo verifies with the fake's key, \
                fake-nango-secret-key. The body must be the exact bytes received: give --body FILE, or pipe them \
                on standard input (the command does not wait for typing on a terminal).

                The signature is the HMAC-SHA256 of the body with the key, in hex; to sign a body yourself:
                  openssl dgst -sha256 -hmac "$NANGO_WEBHOOK_SIGNING_KEY" -r body.json | cut -d' ' -f1
                """
        )

        @OptionGroup var global: GlobalOptions

        @Option(help: "A file holding the raw webhook body; '-' or no option reads standard input (piped, not typed).")
        var body: String?

        @Option(help: "The X-Nango-Hmac-Sha256 header's value (64 hex digits).")
        var signature: String

        func execute(in context: CLIContext) async throws {
            let bytes: Data
            if let body, body != "-" {
                do {
                    bytes = try Data(contentsOf: URL(fileURLWithPath: body))
                } catch {
                    throw CLIError.usage("cannot read \(body): \(error.localizedDescription)")
                }
            } else {
                guard !context.standardInputIsTerminal else {
                    throw CLIError.usage("give the webhook's body with --body FILE, or pipe it on standard input")
                }
                bytes = try context.readStandardInput()
            }
            var headers = HTTPFields()
            if let name = HTTPField.Name("X-Nango-Hmac-Sha256") {
                headers[name] = signature
            }
            let nango = try verifier(context)
            let valid = nango.verifyIncomingWebhookRequest(body: bytes, headers: headers)
            var kind: String?
            if valid, let webhook = try? NangoWebhook(decoding: bytes) {
                switch webhook {
                case .auth: kind = "auth"
                case .sync: kind = "sync"
                case .forward: kind = "forward"
                case .asyncAction: kind = "async_action"
                case .unknown: kind = "unknown"
                }
            }
            if global.json {
                let output: [String: JSONValue] = [
                    "valid": .bool(valid), "bytes": .int(Int64(bytes.count)), "type": kind.map(JSONValue.string) ?? .null,
                ]
                context.standardOutput.line(try JSONText.pretty(output))
            } else if valid {
                context.standardOutput.line("valid: the signature matches the \(bytes.count)-byte body\(kind.map { " (type \($0))" } ?? "").")
            }
            if !valid {
                throw CLIError.negative(global.json ? "" : "invalid: the signature does not match the body for the configured key.")
            }
        }

        /// A client that only verifies: with the signing key alone when there is no secret key (nothing is sent).
        private func verifier(_ context: CLIContext) throws -> NangoClient {
            let signingKey = (context.environment["NANGO_WEBHOOK_SIGNING_KEY"] ?? "").isEmpty
                ? nil : context.environment["NANGO_WEBHOOK_SIGNING_KEY"]
            let secretKey = context.environment["NANGO_SECRET_KEY"] ?? ""
            guard !global.demo, secretKey.isEmpty else { return try client(context) }
            guard let signingKey else {
                throw CLIError.configuration(
                    "NANGO_WEBHOOK_SIGNING_KEY is not set (nor NANGO_SECRET_KEY): set the key Nango signs webhooks with"
                )
            }
            var configuration = NangoClient.Configuration()
            configuration.webhookSigningKeys = [SecretKey(signingKey)]
            return try NangoClient(secretKey: signingKey, configuration: configuration)
        }
    }
}
