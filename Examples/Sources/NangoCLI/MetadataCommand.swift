import ArgumentParser
import Foundation
import Nango

struct MetadataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metadata",
        abstract: "Read and write connections' custom metadata.",
        subcommands: [Get.self, Set.self, Update.self]
    )

    struct Get: CLICommand {
        static let configuration = CommandConfiguration(abstract: "Print a connection's metadata.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: ConnectionOptions

        func execute(in context: CLIContext) async throws {
            let metadata = try await client(context).getMetadata(
                providerConfigKey: target.integration,
                connectionID: target.connectionID
            ) ?? [:]
            if global.json {
                return try printJSON(metadata, context)
            }
            guard !metadata.isEmpty else {
                return context.standardOutput.line("(no metadata)")
            }
            var table = Table("KEY", "VALUE")
            for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
                table.append(key, Format.short(try JSONText.compact(value), limit: 100))
            }
            context.standardOutput.write(table.text(for: context))
        }
    }

    /// `set` and `update` take the same input.
    struct Change: ParsableArguments {
        @Option(name: [.customLong("integration"), .customLong("provider-config-key")], help: "The integration's unique key (provider config key).")
        var integration: String

        @Option(name: .customLong("connection-id"), help: "A connection's id (repeatable: the same metadata for each).")
        var connectionIDs: [String]

        @Option(help: "The metadata, a JSON object: '{\"plan\": \"pro\"}'.")
        var data: String

        func metadata() throws -> [String: JSONValue] {
            guard case .object(let members) = try JSONText.parse(data, option: "--data") else {
                throw CLIError.usage("--data must be a JSON object, such as '{\"plan\": \"pro\"}'")
            }
            return members
        }

        func report(_ change: MetadataChange, verb: String, global: GlobalOptions, context: CLIContext) throws {
            if global.json {
                let output: [String: JSONValue] = [
                    "connection_ids": .array(change.connectionIDs.map(JSONValue.string)),
                    "provider_config_key": .string(change.providerConfigKey),
                    "metadata": .object(change.metadata),
                ]
                return context.standardOutput.line(try JSONText.pretty(output))
            }
            let count = change.connectionIDs.count
            let keys = change.metadata.keys.sorted().joined(separator: ", ")
            context.standardOutput.line(
                "\(verb) metadata (\(keys)) of \(count) connection\(count == 1 ? "" : "s") of \(change.providerConfigKey)."
            )
        }
    }

    struct Set: CLICommand {
        static let configuration = CommandConfiguration(abstract: "Replace connections' metadata with --data.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var change: Change

        func execute(in context: CLIContext) async throws {
            let change = try await client(context).setMetadata(
                providerConfigKey: self.change.integration,
                connectionIDs: self.change.connectionIDs,
                metadata: try self.change.metadata()
            )
            try self.change.report(change, verb: "Set", global: global, context: context)
        }
    }

    struct Update: CLICommand {
        static let configuration = CommandConfiguration(abstract: "Merge --data into connections' metadata.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var change: Change

        func execute(in context: CLIContext) async throws {
            let change = try await client(context).updateMetadata(
                providerConfigKey: self.change.integration,
                connectionIDs: self.change.connectionIDs,
                metadata: try self.change.metadata()
            )
            try self.change.report(change, verb: "Updated", global: global, context: context)
        }
    }
}
