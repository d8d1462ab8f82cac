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
                Verifies with NANGO_WEBHOOK_SIGNING_KEY when set, else with NANGO_SECRET_KEY (as Nango signs); \
                --demo verifies with the fake's key, fake-nango-secret-key. The body must be the exact bytes received.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Option(help: "A file holding the raw webhook body; '-' or no option reads standard input.")
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
                bytes = try context.readStandardInput()
            }
            var headers = HTTPFields()
            if let name = HTTPField.Name("X-Nango-Hmac-Sha256") {
                headers[name] = signature
            }
            let nango = try client(context)
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
    }
}
