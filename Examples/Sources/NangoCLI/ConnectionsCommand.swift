import ArgumentParser
import Foundation
import Nango

struct ConnectionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connections",
        abstract: "List, inspect and delete connections; print a connection's token.",
        subcommands: [List.self, Get.self, Token.self, Delete.self]
    )

    struct List: CLICommand {
        static let configuration = CommandConfiguration(abstract: "List connections (every page).")

        @OptionGroup var global: GlobalOptions

        @Option(name: [.customLong("integration"), .customLong("provider-config-key")], help: "Only this integration's connections (repeatable).")
        var integrations: [String] = []

        @Option(help: "Only connections whose id, end user or organization contains this text.")
        var search: String?

        @Option(name: .customLong("tag"), help: "Only connections with this tag, as key=value (repeatable).")
        var tags: [String] = []

        func execute(in context: CLIContext) async throws {
            var tagFilter: [String: String] = [:]
            for tag in tags {
                guard let equals = tag.firstIndex(of: "=") else { throw CLIError.usage("--tag takes key=value, not \(tag)") }
                tagFilter[String(tag[..<equals])] = String(tag[tag.index(after: equals)...])
            }
            let nango = try client(context)
            var connections: [ConnectionSummary] = []
            let options = ListConnectionsOptions(integrationIDs: integrations, search: search, tags: tagFilter)
            for try await connection in nango.connections(options) {
                connections.append(connection)
            }
            if global.json {
                return try printJSON(["connections": connections], context)
            }
            var table = Table("CONNECTION ID", "INTEGRATION", "PROVIDER", "CREATED", "ERRORS", "TAGS")
            for connection in connections {
                table.append(
                    connection.connectionID, connection.providerConfigKey, connection.provider,
                    Format.date(connection.created), connection.errors.isEmpty ? "-" : String(connection.errors.count),
                    Format.tags(connection.tags)
                )
            }
            context.standardOutput.write(table.text(for: context))
            if context.standardOutputIsTerminal {
                context.standardOutput.line("\(connections.count) connection\(connections.count == 1 ? "" : "s")")
            }
        }
    }

    struct Get: CLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a connection (its credentials' values only with --show-secrets).",
            discussion: """
                --json prints the connection as Nango sends it, with every credential value (tokens, keys, \
                passwords, the provider's raw token response) replaced by "<redacted>"; the field names and \
                shape stay. --show-secrets prints them; `nango connections token` prints just the token.
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: ConnectionOptions

        @Flag(help: "Refresh the credentials first (OAuth).")
        var refresh = false

        @Flag(name: .customLong("show-secrets"), help: "With --json, print the credentials' values instead of <redacted>.")
        var showSecrets = false

        func execute(in context: CLIContext) async throws {
            let connection = try await client(context).getConnection(
                providerConfigKey: target.integration,
                connectionID: target.connectionID,
                forceRefresh: refresh
            )
            if global.json {
                let json = try JSONValue(encoding: connection)
                return context.standardOutput.line(try JSONText.pretty(showSecrets ? json : Secrets.redacted(json)))
            }
            var fields = Fields()
            fields.append("connection id", connection.connectionID)
            fields.append("integration", connection.providerConfigKey)
            fields.append("provider", connection.provider)
            fields.append("auth", connection.credentials.type?.rawValue)
            if case .oauth2(let oauth) = connection.credentials {
                fields.append("token expires", Format.date(oauth.expiresAt))
            }
            fields.append("created", Format.date(connection.createdAt))
            fields.append("updated", Format.date(connection.updatedAt))
            fields.append("end user", connection.endUser.map { $0.id })
            fields.append("tags", Format.tags(connection.tags))
            let metadataKeys = (connection.metadata ?? [:]).keys.sorted()
            fields.append("metadata", metadataKeys.isEmpty ? "-" : metadataKeys.joined(separator: ", "))
            fields.append("errors", connection.errors.isEmpty ? "none" : connection.errors.map { "\($0.type)" }.joined(separator: ", "))
            context.standardOutput.write(fields.text)
        }
    }

    struct Token: CLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a connection's access token (for scripts: TOKEN=$(nango connections token ...)).",
            discussion: "OAuth 1 prints the token and its secret on two lines; other auth types print their credentials as JSON."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: ConnectionOptions

        @Flag(help: "Refresh the token first.")
        var refresh = false

        func execute(in context: CLIContext) async throws {
            let token = try await client(context).getToken(
                providerConfigKey: target.integration,
                connectionID: target.connectionID,
                forceRefresh: refresh
            )
            switch token {
            case .accessToken(let accessToken):
                if global.json { return try printJSON(["access_token": accessToken], context) }
                context.standardOutput.line(accessToken)
            case .oauth1(let oauthToken, let tokenSecret):
                if global.json { return try printJSON(["oauth_token": oauthToken, "oauth_token_secret": tokenSecret], context) }
                context.standardOutput.line(oauthToken)
                context.standardOutput.line(tokenSecret)
            case .credentials(let credentials):
                try printJSON(credentials, context)
            }
        }
    }

    struct Delete: CLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a connection (asks first on a terminal; --yes otherwise).",
            discussion: "Nango deletes the connection's credentials and synced records; this cannot be undone."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: ConnectionOptions

        @Flag(help: "Do not ask for confirmation (required when standard input is not a terminal).")
        var yes = false

        func execute(in context: CLIContext) async throws {
            try confirm("Delete connection \(target.connectionID) of \(target.integration), with its credentials and records?", yes: yes, context)
            try await client(context).deleteConnection(providerConfigKey: target.integration, connectionID: target.connectionID)
            if global.json {
                return try printJSON(["deleted": ["integration": target.integration, "connection_id": target.connectionID]], context)
            }
            context.standardOutput.line("Deleted connection \(target.connectionID) of \(target.integration).")
        }
    }
}

/// Credential values kept out of output unless asked for.
enum Secrets {
    /// What a redacted value prints as.
    static let placeholder = "<redacted>"

    /// A connection's JSON with every string under `credentials` replaced by ``placeholder``, except `type` and
    /// timestamps (`expires_at`, `installed_at`, ...): the field names and the shape stay, so scripts can see which
    /// fields a credential has.
    static func redacted(_ connection: JSONValue) -> JSONValue {
        guard case .object(var members) = connection, let credentials = members["credentials"] else { return connection }
        members["credentials"] = redactingValues(credentials, key: nil)
        return .object(members)
    }

    private static func redactingValues(_ value: JSONValue, key: String?) -> JSONValue {
        switch value {
        case .string:
            guard let key, key == "type" || key.hasSuffix("_at") || key.hasSuffix("At") else { return .string(placeholder) }
            return value
        case .array(let elements):
            return .array(elements.map { redactingValues($0, key: nil) })
        case .object(let members):
            return .object(members.reduce(into: [:]) { result, member in
                result[member.key] = redactingValues(member.value, key: member.key)
            })
        default:
            return value
        }
    }
}
