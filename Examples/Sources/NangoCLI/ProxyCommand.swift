import ArgumentParser
import Foundation
import HTTPTypes
import Nango

struct ProxyCommand: CLICommand {
    static let configuration = CommandConfiguration(
        commandName: "proxy",
        abstract: "Call the external API through Nango with a connection's credentials.",
        discussion: """
            Prints the response body. With --json: {"status", "headers", "body"}, the body parsed when it is JSON.
            Example: nango proxy GET /user --provider-config-key github --connection-id user-1
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The HTTP method: GET, POST, PUT, PATCH or DELETE.")
    var method: String

    @Argument(help: "The external API's path, with any query (/calendar/v3/users/me/calendarList?maxResults=10).")
    var path: String

    @OptionGroup var target: ConnectionOptions

    @Option(help: "The request body: JSON when it parses as JSON, text otherwise.")
    var data: String?

    @Option(name: .customLong("header"), help: "A header to send, as 'Name: value' (repeatable).")
    var headers: [String] = []

    @Option(help: "How many times Nango retries the external call.")
    var retries: Int?

    func execute(in context: CLIContext) async throws {
        let method = HTTPRequest.Method(rawValue: self.method.uppercased())
        guard let method, ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(method.rawValue) else {
            throw CLIError.usage("the method must be GET, POST, PUT, PATCH or DELETE, not \(self.method)")
        }
        var headerValues: [String: String] = [:]
        for header in headers {
            guard let colon = header.firstIndex(of: ":") else {
                throw CLIError.usage("--header takes 'Name: value', not \(header)")
            }
            let name = header[..<colon].trimmingCharacters(in: .whitespaces)
            headerValues[name] = header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body: ProxyBody?
        if let data {
            if let json = try? JSONDecoder().decode(JSONValue.self, from: Data(data.utf8)) {
                body = .json(json)
            } else {
                body = .text(data)
            }
        }
        let response = try await client(context).proxy(
            ProxyRequest(
                method: method,
                endpoint: path,
                providerConfigKey: target.integration,
                connectionID: target.connectionID,
                headers: headerValues,
                body: body,
                retries: retries
            )
        )
        if global.json {
            var headers: [String: JSONValue] = [:]
            for field in response.headers {
                headers[field.name.canonicalName] = .string(field.value)
            }
            let parsed = (try? response.json()) ?? response.text.map(JSONValue.string) ?? .null
            let output: [String: JSONValue] = ["status": .int(Int64(response.status)), "headers": .object(headers), "body": parsed]
            return try printJSON(output, context)
        }
        if let json = try? response.json() {
            context.standardOutput.line(try JSONText.pretty(json))
        } else if let text = response.text {
            context.standardOutput.write(text.hasSuffix("\n") || text.isEmpty ? text : text + "\n")
        } else {
            context.standardError.line("(\(response.body.count) bytes of binary body; use --json or pipe the proxy through a script)")
        }
    }
}

struct ActionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "Run actions.",
        subcommands: [Trigger.self]
    )

    struct Trigger: CLICommand {
        static let configuration = CommandConfiguration(abstract: "Run an action and print its output as JSON.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The action's name.")
        var action: String

        @OptionGroup var target: ConnectionOptions

        @Option(help: "The action's input, as JSON.")
        var input: String?

        func execute(in context: CLIContext) async throws {
            let nango = try client(context)
            let output: JSONValue
            if let input {
                output = try await nango.triggerAction(
                    providerConfigKey: target.integration,
                    connectionID: target.connectionID,
                    action: action,
                    input: try JSONText.parse(input, option: "--input")
                )
            } else {
                output = try await nango.triggerAction(
                    providerConfigKey: target.integration,
                    connectionID: target.connectionID,
                    action: action
                )
            }
            try printJSON(output, context)
        }
    }
}

struct IntegrationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "integrations",
        abstract: "The environment's integrations.",
        subcommands: [List.self]
    )

    struct List: CLICommand {
        static let configuration = CommandConfiguration(abstract: "List integrations.")

        @OptionGroup var global: GlobalOptions

        func execute(in context: CLIContext) async throws {
            let integrations = try await client(context).listIntegrations()
            if global.json {
                return try printJSON(["integrations": integrations], context)
            }
            var table = Table("UNIQUE KEY", "PROVIDER", "DISPLAY NAME", "CREATED")
            for integration in integrations {
                table.append(
                    integration.uniqueKey, integration.provider, integration.displayName ?? "-",
                    Format.date(integration.createdAt)
                )
            }
            context.standardOutput.write(table.text(for: context))
            if context.standardOutputIsTerminal {
                context.standardOutput.line("\(integrations.count) integration\(integrations.count == 1 ? "" : "s")")
            }
        }
    }
}
