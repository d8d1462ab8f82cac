// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "nango-swift",
    // A server-side SDK (it holds a secret key): built and tested on Linux, and on macOS where server developers
    // write code. No API newer than these may be used (`Scripts/check-availability.py`, run by CI).
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Nango", targets: ["Nango"]),
        .library(name: "NangoTesting", targets: ["NangoTesting"]),
        // Swift types from an integration's JSON Schema: the generator as a library, its command-line tool, a
        // build-tool plugin (types generated at build time) and a command plugin (types written once).
        .library(name: "NangoModelGen", targets: ["NangoModelGen"]),
        .executable(name: "nango-modelgen", targets: ["nango-modelgen"]),
        .plugin(name: "NangoModelsPlugin", targets: ["NangoModelsPlugin"]),
        .plugin(name: "GenerateNangoModels", targets: ["GenerateNangoModels"]),
    ],
    traits: [
        .trait(
            name: "AsyncHTTPClient",
            description: "Compiles AsyncHTTPClientTransport, a SwiftNIO-based transport for high-throughput servers."
        ),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        // HMAC-SHA256 for webhook verification; both majors are API-compatible for what the SDK uses.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        // Spans and metrics through the ecosystem's API packages: silent until the application bootstraps a backend.
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        // Only resolved and built with the AsyncHTTPClient trait.
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // The JSON engine: parser, index, Decoder, direct readers, concurrent page decoding. Internal to the
        // package (no product); the only target with unsafe pointer code.
        .target(name: "NangoJSON"),
        .target(
            name: "Nango",
            dependencies: [
                "NangoJSON",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HTTPTypesFoundation", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(
                    name: "AsyncHTTPClient",
                    package: "async-http-client",
                    condition: .when(traits: ["AsyncHTTPClient"])
                ),
                .product(
                    name: "ServiceLifecycle",
                    package: "swift-service-lifecycle",
                    condition: .when(traits: ["AsyncHTTPClient"])
                ),
            ]
        ),
        .target(
            name: "NangoTesting",
            dependencies: [
                "Nango",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                // FakeNango signs the webhooks it sends, as Nango does.
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The generator from Nango's JSON Schema to Swift: reads schemas with the engine, needs nothing else.
        .target(name: "NangoModelGen", dependencies: ["NangoJSON"]),
        .executableTarget(name: "nango-modelgen", dependencies: ["NangoModelGen"]),
        .plugin(name: "NangoModelsPlugin", capability: .buildTool(), dependencies: ["nango-modelgen"]),
        .plugin(
            name: "GenerateNangoModels",
            capability: .command(
                intent: .custom(verb: "generate-nango-models", description: "Writes Swift types from a Nango schema file"),
                permissions: [.writeToPackageDirectory(reason: "Writes the generated Swift file where --output says")]
            ),
            dependencies: ["nango-modelgen"]
        ),
        .testTarget(
            name: "NangoTests",
            dependencies: [
                "Nango",
                "NangoJSON",
                "NangoTesting",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "NangoTransportTests",
            dependencies: [
                "Nango",
                "NangoTesting",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(
                    name: "ServiceLifecycle",
                    package: "swift-service-lifecycle",
                    condition: .when(traits: ["AsyncHTTPClient"])
                ),
            ]
        ),
        // The generator's output from the fixtures' schemas, compiled by the build plugin and decoded.
        .testTarget(
            name: "NangoModelGenTests",
            dependencies: [
                "Nango",
                "NangoJSON",
                "NangoModelGen",
                "NangoTesting",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.process("Fixtures")],
            plugins: [.plugin(name: "NangoModelsPlugin")]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Strict settings for every target, so the compiler checks concurrency, existentials and imports.
for target in package.targets where target.type != .plugin {
    var settings = target.swiftSettings ?? []
    settings.append(contentsOf: [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ])
    target.swiftSettings = settings
}
