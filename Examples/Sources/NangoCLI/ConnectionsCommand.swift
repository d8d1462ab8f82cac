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
            context.standardOutput.write(table.text)
            context.standardOutput.line("\(connections.count) connection\(connections.count == 1 ? "" : "s")")
        }
    }

    struct Get: CLICommand {
        static let configuration = CommandConfiguration(abstract: "Show a connection (never its secrets, unless --json).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: ConnectionOptions

        @Flag(help: "Refresh the credentials first (OAuth).")
        var refresh = false

        func execute(in context: CLIContext) async throws {
            let connection = try await client(context).getConnection(
                providerConfigKey: target.integration,
                connectionID: target.connectionID,
                forceRefresh: refresh
            )
            if global.json {
                return try printJSON(connection, context)
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
        static let configuration = CommandConfiguration(abstract: "Delete a connection.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: ConnectionOptions

        func execute(in context: CLIContext) async throws {
            try await client(context).deleteConnection(providerConfigKey: target.integration, connectionID: target.connectionID)
            if global.json {
                return try printJSON(["deleted": ["integration": target.integration, "connection_id": target.connectionID]], context)
            }
            context.standardOutput.line("Deleted connection \(target.connectionID) of \(target.integration).")
        }
    }
}
