import ArgumentParser
import Foundation
import Nango

struct SyncsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "syncs",
        abstract: "Trigger, start, pause and inspect syncs.",
        subcommands: [Trigger.self, Start.self, Pause.self, Status.self]
    )

    /// The integration, the syncs (name or name@variant) and an optional connection.
    struct Selection: ParsableArguments {
        @Option(name: [.customLong("integration"), .customLong("provider-config-key")], help: "The integration's unique key (provider config key).")
        var integration: String

        @Option(name: .customLong("connection-id"), help: "Only this connection (default: every connection of the integration).")
        var connectionID: String?

        @Argument(help: "Sync names, each optionally with a variant: contacts or contacts@eu.")
        var syncs: [String] = []

        @Flag(help: "Every sync of the integration (instead of naming them).")
        var all = false

        /// The syncs of a write: named, or every one with `--all` (never by leaving the names out).
        func writeTargets(_ verb: String) throws -> [SyncIdentifier] {
            if all, !syncs.isEmpty { throw CLIError.usage("name syncs or pass --all, not both") }
            if !all, syncs.isEmpty {
                throw CLIError.usage("name the syncs to \(verb), or pass --all for every sync of \(integration)")
            }
            return identifiers
        }

        var identifiers: [SyncIdentifier] {
            syncs.map { sync in
                guard let at = sync.firstIndex(of: "@") else { return SyncIdentifier(sync) }
                return SyncIdentifier(String(sync[..<at]), variant: String(sync[sync.index(after: at)...]))
            }
        }

        func done(_ verb: String, global: GlobalOptions, context: CLIContext) throws {
            let names = syncs.isEmpty ? "every sync" : syncs.joined(separator: ", ")
            let scope = connectionID.map { "connection \($0) of \(integration)" } ?? "every connection of \(integration)"
            if global.json {
                let output: [String: JSONValue] = [
                    "done": .string(verb.lowercased()), "integration": .string(integration),
                    "syncs": .array(syncs.map(JSONValue.string)),
                    "connection_id": connectionID.map(JSONValue.string) ?? .null,
                ]
                return context.standardOutput.line(try JSONText.pretty(output))
            }
            context.standardOutput.line("\(verb) \(names) for \(scope).")
        }
    }

    struct Trigger: CLICommand {
        static let configuration = CommandConfiguration(abstract: "Run syncs now.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var selection: Selection

        @Flag(name: .customLong("full-refresh"), help: "Fetch everything again instead of changes since the last run (asks first on a terminal; --yes otherwise).")
        var fullRefresh = false

        @Flag(help: "Do not ask before a full refresh (required when standard input is not a terminal).")
        var yes = false

        func execute(in context: CLIContext) async throws {
            let syncs = try selection.writeTargets("trigger")
            if fullRefresh {
                let names = selection.all ? "every sync of \(selection.integration)" : selection.syncs.joined(separator: ", ")
                let scope = selection.connectionID.map { "connection \($0)" } ?? "every connection of \(selection.integration)"
                try confirm("Fetch everything again for \(names), on \(scope)?", yes: yes, context)
            }
            try await client(context).triggerSync(
                providerConfigKey: selection.integration,
                syncs: syncs,
                connectionID: selection.connectionID,
                mode: fullRefresh ? .fullRefresh : .incremental
            )
            try selection.done(fullRefresh ? "Triggered (full refresh)" : "Triggered", global: global, context: context)
        }
    }

    struct Start: CLICommand {
        static let configuration = CommandConfiguration(abstract: "Start (resume) syncs' schedules.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var selection: Selection

        func execute(in context: CLIContext) async throws {
            let syncs = try selection.writeTargets("start")
            try await client(context).startSync(
                providerConfigKey: selection.integration,
                syncs: syncs,
                connectionID: selection.connectionID
            )
            try selection.done("Started", global: global, context: context)
        }
    }

    struct Pause: CLICommand {
        static let configuration = CommandConfiguration(abstract: "Pause syncs' schedules.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var selection: Selection

        func execute(in context: CLIContext) async throws {
            let syncs = try selection.writeTargets("pause")
            try await client(context).pauseSync(
                providerConfigKey: selection.integration,
                syncs: syncs,
                connectionID: selection.connectionID
            )
            try selection.done("Paused", global: global, context: context)
        }
    }

    struct Status: CLICommand {
        static let configuration = CommandConfiguration(abstract: "Show syncs' status (every sync when none is named).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var selection: Selection

        func execute(in context: CLIContext) async throws {
            let statuses = try await client(context).syncStatus(
                providerConfigKey: selection.integration,
                syncs: selection.syncs.isEmpty ? .all : .named(selection.identifiers),
                connectionID: selection.connectionID
            )
            if global.json {
                return try printJSON(["syncs": statuses], context)
            }
            var table = Table("SYNC", "CONNECTION", "STATUS", "TYPE", "FINISHED", "NEXT RUN", "FREQUENCY")
            for status in statuses {
                table.append(
                    status.variant.map { $0 == "base" ? status.name : "\(status.name)@\($0)" } ?? status.name,
                    status.connectionID ?? "-",
                    status.status.rawValue,
                    status.type?.rawValue ?? "-",
                    Format.date(status.finishedAt),
                    Format.date(status.nextScheduledSyncAt),
                    status.frequency ?? "-"
                )
            }
            context.standardOutput.write(table.text(for: context))
        }
    }
}
