import Foundation
import PackagePlugin

/// Generates Swift types at build time from the Nango schema files of a target: every file named
/// `nango-schema.json` (types at the top level) or `NAME.nango-schema.json` (types inside `enum NAME`), and
/// `nango-scripts.json` or `NAME.nango-scripts.json` (a saved `GET /scripts/config` response: models and typed
/// sync and action handles).
/// Nothing generated is checked in: the types are rebuilt when a schema file changes.
@main
struct NangoModelsPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let tool = try context.tool(named: "nango-modelgen")
        return target.sourceFiles.compactMap { file -> Command? in
            let name = file.url.lastPathComponent
            let isScripts = name == "nango-scripts.json" || name.hasSuffix(".nango-scripts.json")
            guard name == "nango-schema.json" || name.hasSuffix(".nango-schema.json") || isScripts else { return nil }
            // Named after the file's path in the target, so that two folders' `nango-schema.json` do not collide.
            let relative = file.url.path.hasPrefix(target.directoryURL.path + "/")
                ? String(file.url.path.dropFirst(target.directoryURL.path.count + 1)) : name
            let output = context.pluginWorkDirectoryURL.appendingPathComponent(
                String(relative.dropLast(".json".count))
                    .map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }.map(String.init).joined() + ".swift"
            )
            return .buildCommand(
                displayName: "Generating Nango models from \(name)",
                executable: tool.url,
                arguments: [
                    isScripts ? "--scripts-config" : "--schema", file.url.path,
                    "--output", output.path,
                    "--namespace-from-file-name",
                ],
                inputFiles: [file.url],
                outputFiles: [output]
            )
        }
    }
}
