// swift-tools-version: 6.1
// Examples of nango-swift, kept out of the SDK's own package so that users never resolve their dependencies:
// the `nango` command-line tool, a Hummingbird webhook receiver, and the README's snippets as compiled code.
// From the repository's root: `swift run --package-path Examples nango --demo connections list`.
import PackageDescription

let package = Package(
    name: "nango-swift-examples",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "nango", targets: ["nango"]),
        .executable(name: "nango-webhook-receiver", targets: ["nango-webhook-receiver"]),
        .library(name: "NangoCLI", targets: ["NangoCLI"]),
        .library(name: "WebhookReceiver", targets: ["WebhookReceiver"]),
        .library(name: "TypedModelsExample", targets: ["TypedModelsExample"]),
    ],
    dependencies: [
        .package(name: "nango-swift", path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        // The command logic: parsing, output formatting, every subcommand; tests run it with injected streams.
        .target(
            name: "NangoCLI",
            dependencies: [
                .product(name: "Nango", package: "nango-swift"),
                .product(name: "NangoTesting", package: "nango-swift"),
                .product(name: "NangoModelGen", package: "nango-swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // `--verbose` and the retry line: the SDK's logger, written to standard error.
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .executableTarget(name: "nango", dependencies: ["NangoCLI"]),
        // A webhook receiver: verifies Nango's signature over the raw body and routes each kind to a handler.
        .target(
            name: "WebhookReceiver",
            dependencies: [
                .product(name: "Nango", package: "nango-swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "nango-webhook-receiver",
            dependencies: [
                "WebhookReceiver",
                .product(name: "Nango", package: "nango-swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // Typed models from a checked-in schema file, generated at build time by the SDK's build plugin: the
        // `hubspot.nango-schema.json` beside the code becomes `enum Hubspot { struct Contact ... }`.
        .target(
            name: "TypedModelsExample",
            dependencies: [.product(name: "Nango", package: "nango-swift")],
            plugins: [.plugin(name: "NangoModelsPlugin", package: "nango-swift")]
        ),
        // Every Swift snippet of ../README.md, as functions that compile.
        .target(
            name: "ReadmeSnippets",
            dependencies: [
                "TypedModelsExample",
                .product(name: "Nango", package: "nango-swift"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                // The README's webhook route is a Hummingbird one.
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "ExamplesTests",
            dependencies: [
                "NangoCLI",
                "WebhookReceiver",
                "ReadmeSnippets",
                "TypedModelsExample",
                .product(name: "Nango", package: "nango-swift"),
                .product(name: "NangoTesting", package: "nango-swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // The README's "Testing your code" block, in a test target like the README's own (NangoTesting only).
        .testTarget(
            name: "ReadmeTestingSnippet",
            dependencies: [.product(name: "NangoTesting", package: "nango-swift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// The SDK's strict settings, so that the examples are written as users' code should be; the README's test
// block is compiled as a user's test target would be, with Swift 6's defaults.
for target in package.targets where target.name != "ReadmeTestingSnippet" {
    var settings = target.swiftSettings ?? []
    settings.append(contentsOf: [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ])
    target.swiftSettings = settings
}
