import Foundation
import PackagePlugin

/// Writes Swift types from a Nango schema file into the package, once (to check them in):
///
///     swift package --allow-writing-to-package-directory generate-nango-models \
///         --schema nango/schema.json --output Sources/App/NangoModels.swift
///
/// The arguments are `nango-modelgen`'s (`--help` lists them); relative paths are the package's.
@main
struct GenerateNangoModels: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "nango-modelgen")
        let process = Process()
        process.executableURL = tool.url
        process.arguments = arguments
        process.currentDirectoryURL = context.package.directoryURL
        // Waits without blocking a thread: the process reports its end to a continuation.
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        guard status == 0 else {
            Diagnostics.error("nango-modelgen failed (exit status \(status)).")
            throw GenerationFailed(status: status)
        }
    }
}

struct GenerationFailed: Error, CustomStringConvertible {
    var status: Int32
    var description: String { "nango-modelgen exited with status \(status)" }
}
