import ArgumentParser
import Foundation
import Nango
import NangoModelGen

struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "Swift types for an integration's models.",
        subcommands: [Generate.self]
    )

    struct Generate: CLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Write Swift types from a schema file, or from the deployed scripts of integrations.",
            discussion: """
                With --schema, reads a JSON Schema with definitions (an integrations repository's \
                .nango/schema.json). Without it, reads the deployed scripts' models from Nango \
                (GET /scripts/config) for --integration (repeatable) or --all, and also writes typed handles of \
                their syncs and actions. The output is the same for the same input: check it in, or let the \
                NangoModelsPlugin build plugin generate it at build time instead.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Option(help: "A JSON Schema file with definitions (an integration's .nango/schema.json).")
        var schema: String?

        @Option(name: [.customLong("integration"), .customLong("provider-config-key")], help: "An integration whose deployed models to generate (repeatable).")
        var integrations: [String] = []

        @Flag(help: "Every integration's deployed models.")
        var all = false

        @Option(help: "Where to write the Swift source (standard output without it).")
        var output: String?

        @Option(help: "The declarations' access level: public or internal.")
        var access: String = "public"

        @Option(help: "Put every declaration inside `enum NAME`.")
        var namespace: String?

        func execute(in context: CLIContext) async throws {
            guard let access = ModelGenerator.Access(rawValue: access) else {
                throw CLIError.usage("--access must be public or internal, not \(access)")
            }
            var generator = ModelGenerator(access: access, namespace: namespace)
            let source: String
            do {
                if let schema {
                    guard integrations.isEmpty, !all else {
                        throw CLIError.usage("--schema reads a file: --integration and --all read the deployed scripts instead")
                    }
                    let url = URL(fileURLWithPath: schema)
                    let data: Data
                    do {
                        data = try Data(contentsOf: url)
                    } catch {
                        throw CLIError.usage("cannot read --schema \(schema): \(error.localizedDescription)")
                    }
                    if generator.namespace == nil {
                        generator.namespace = ModelGenerator.namespace(forFileNamed: url.lastPathComponent)
                    }
                    source = try generator.generate(schema: data, source: url.lastPathComponent)
                } else {
                    guard all != !integrations.isEmpty else {
                        throw CLIError.usage("give --schema FILE, or --integration KEY (repeatable) or --all for the deployed scripts")
                    }
                    let config = try await client(context).getScriptsConfig(format: .nango)
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = .sortedKeys
                    source = try generator.generate(
                        scriptsConfig: try encoder.encode(config.integrations),
                        integrations: all ? nil : Set(integrations),
                        source: all ? "the deployed scripts" : "the deployed scripts of \(integrations.sorted().joined(separator: ", "))"
                    )
                }
            } catch let error as ModelGenerationError {
                throw CLIError.invalidInput(error.message)
            }
            guard let output else {
                return context.standardOutput.write(source)
            }
            do {
                let url = URL(fileURLWithPath: output)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(source.utf8).write(to: url, options: .atomic)
            } catch {
                throw CLIError.usage("cannot write --output \(output): \(error.localizedDescription)")
            }
            let models = source.components(separatedBy: ": NangoModel {").count - 1
            if global.json {
                context.standardOutput.line(try JSONText.compact(["output": JSONValue.string(output), "models": .int(Int64(models))]))
            } else {
                context.standardOutput.line("Wrote \(models) model\(models == 1 ? "" : "s") to \(output).")
            }
        }
    }
}
