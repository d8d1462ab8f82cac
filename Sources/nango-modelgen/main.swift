// nango-modelgen: Swift types from a Nango integration's JSON Schema (what the SwiftPM plugins run).
//
//   nango-modelgen --schema hubspot.nango-schema.json --output Sources/App/Hubspot.swift
//   nango-modelgen --scripts-config scripts.json --integration github --output Sources/App/Github.swift
//
// Exit status: 0 done, 64 bad arguments, 65 bad input (not a schema), 74 cannot read or write a file.
import Foundation
import NangoModelGen

struct Arguments {
    var schema: String?
    var scriptsConfig: String?
    var output: String?
    var access = ModelGenerator.Access.public
    var namespace: String?
    /// As the build plugin does: `NAME.nango-schema.json` gives `enum Name` unless `--namespace` says otherwise.
    var namespaceFromFileName = true
    var integrations: Set<String> = []

    static let usage = """
        usage: nango-modelgen (--schema FILE | --scripts-config FILE) [--output FILE] [--access public|internal]
                              [--namespace NAME] [--integration KEY]...

          --schema FILE              a JSON Schema with definitions (an integration's .nango/schema.json)
          --scripts-config FILE      a GET /scripts/config response (format nango): models and typed handles
          --output FILE              where to write the Swift source (standard output without it)
          --access LEVEL             public (default) or internal
          --namespace NAME           put every declaration inside `enum NAME` (by default, a file named
                                     NAME.nango-schema.json or NAME.nango-scripts.json gives `enum Name`, as
                                     the build plugin does; other names give top-level types)
          --integration KEY          with --scripts-config: only this integration (repeatable)
        """

    init(_ arguments: [String]) throws {
        var iterator = arguments.makeIterator()
        func value(_ flag: String) throws -> String {
            guard let value = iterator.next(), !value.hasPrefix("--") else { throw UsageError("\(flag) needs a value.") }
            return value
        }
        while let argument = iterator.next() {
            switch argument {
            case "--schema": schema = try value(argument)
            case "--scripts-config": scriptsConfig = try value(argument)
            case "--output": output = try value(argument)
            case "--access":
                let level = try value(argument)
                guard let access = ModelGenerator.Access(rawValue: level) else {
                    throw UsageError("--access must be public or internal, not \(level).")
                }
                self.access = access
            case "--namespace": namespace = try value(argument)
            case "--namespace-from-file-name": namespaceFromFileName = true
            case "--integration": integrations.insert(try value(argument))
            case "--help", "-h": throw UsageError(nil)
            default: throw UsageError("Unknown argument \(argument).")
            }
        }
        guard (schema == nil) != (scriptsConfig == nil) else {
            throw UsageError("Give exactly one of --schema and --scripts-config.")
        }
        if !integrations.isEmpty, scriptsConfig == nil { throw UsageError("--integration needs --scripts-config.") }
    }
}

struct UsageError: Error {
    var message: String?
    init(_ message: String?) { self.message = message }
}

func run() -> Int32 {
    let arguments: Arguments
    do {
        arguments = try Arguments(Array(CommandLine.arguments.dropFirst()))
    } catch let error as UsageError {
        if let message = error.message {
            FileHandle.standardError.write(Data("nango-modelgen: \(message)\n\n\(Arguments.usage)\n".utf8))
            return 64
        }
        print(Arguments.usage)
        return 0
    } catch {
        return 64
    }
    let input = arguments.schema ?? arguments.scriptsConfig ?? ""
    let inputURL = URL(fileURLWithPath: input)
    let data: Data
    do {
        data = try Data(contentsOf: inputURL)
    } catch {
        FileHandle.standardError.write(Data("nango-modelgen: cannot read \(input): \(error.localizedDescription)\n".utf8))
        return 74
    }
    var generator = ModelGenerator(access: arguments.access, namespace: arguments.namespace)
    if arguments.namespaceFromFileName, generator.namespace == nil {
        generator.namespace = ModelGenerator.namespace(forFileNamed: inputURL.lastPathComponent)
    }
    let source: String
    do {
        source = arguments.schema != nil
            ? try generator.generate(schema: data, source: inputURL.lastPathComponent)
            : try generator.generate(
                scriptsConfig: data, integrations: arguments.integrations.isEmpty ? nil : arguments.integrations,
                source: inputURL.lastPathComponent
            )
    } catch {
        FileHandle.standardError.write(Data("nango-modelgen: \(input): \(error)\n".utf8))
        return 65
    }
    guard let output = arguments.output else {
        print(source, terminator: "")
        return 0
    }
    let outputURL = URL(fileURLWithPath: output)
    // Unchanged output is not rewritten, so that a build does not recompile it.
    if let existing = try? Data(contentsOf: outputURL), existing == Data(source.utf8) { return 0 }
    do {
        try FileManager.default.createDirectory(at: outputURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(source.utf8).write(to: outputURL, options: .atomic)
    } catch {
        FileHandle.standardError.write(Data("nango-modelgen: cannot write \(output): \(error.localizedDescription)\n".utf8))
        return 74
    }
    return 0
}

exit(run())
