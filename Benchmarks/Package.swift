// swift-tools-version: 6.1
// Benchmarks of nango-swift, kept out of the SDK's own package so that users never resolve them.
// Run from this folder: `swift package benchmark` (see README.md here).
import PackageDescription

let package = Package(
    name: "nango-swift-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        // With the AsyncHTTPClient trait, so that both transports can be measured.
        .package(name: "nango-swift", path: "..", traits: ["AsyncHTTPClient"]),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        .executableTarget(
            name: "NangoBenchmarks",
            dependencies: [
                .product(name: "Nango", package: "nango-swift"),
                .product(name: "NangoTesting", package: "nango-swift"),
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Benchmarks/NangoBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The load generator for ../shared/bench/compare.sh (and the per-call memory check).
        .executableTarget(
            name: "nango-loadgen",
            dependencies: [
                .product(name: "Nango", package: "nango-swift"),
                .product(name: "NangoTesting", package: "nango-swift"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "LoadGenerator",
            swiftSettings: [.define("AsyncHTTPClient")],
            // `rig.nango-schema.json` becomes `Rig.Contact`: the generated model measured against the hand-written one.
            plugins: [.plugin(name: "NangoModelsPlugin", package: "nango-swift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
