import Foundation
import Nango
import NangoTesting
import ReadmeSnippets
import Testing

/// The README's Swift blocks and the compiled snippets stay one text.
@Suite("README snippets")
struct ReadmeSnippetTests {
    /// The package's root folder (this file is Examples/Tests/ExamplesTests/ReadmeSnippetTests.swift).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// README blocks that are not Swift code of this package, by their first line, and why.
    static let notCompiled: [String: String] = [
        "// Package.swift": "a manifest fragment",
        ".package(url: \"https://github.com/<owner>/nango-swift.git\", from: \"0.1.0\", traits: [\"AsyncHTTPClient\"])":
            "a manifest fragment",
        "let nango = try NangoClient(secretKey: key, transport: AsyncHTTPClientTransport())":
            "needs the AsyncHTTPClient trait, which this package does not enable (it would build SwiftNIO's HTTP client)",
        "// Vapor 4 (its headers are name/value pairs)": "needs Vapor, which this package does not depend on",
        "let transport = AsyncHTTPClientTransport(ownClientWith: AsyncHTTPClientTransport.defaultClientConfiguration)":
            "needs the AsyncHTTPClient trait (and swift-service-lifecycle), which this package does not enable",
    ]

    /// Every ```swift block of the README, without its indentation.
    static func readmeBlocks() throws -> [String] {
        let text = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        var blocks: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == "```swift" {
                current = []
            } else if current != nil, trimmed == "```" {
                blocks.append((current ?? []).joined(separator: "\n"))
                current = nil
            } else if current != nil {
                current?.append(line)
            }
        }
        return blocks
    }

    /// Text with every run of white space made one space.
    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func source(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func everyReadmeSwiftBlockIsCompiledCode() throws {
        let blocks = try Self.readmeBlocks()
        #expect(blocks.count >= 15)
        let sources = try Self.normalized(
            Self.source("Examples/Sources/ReadmeSnippets/Snippets.swift") + "\n"
                + Self.source("Examples/Tests/ReadmeTestingSnippet/ReadmeTestingSnippet.swift")
        )
        var skipped: Set<String> = []
        for block in blocks {
            let firstLine = block.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if Self.notCompiled[firstLine] != nil {
                skipped.insert(firstLine)
                continue
            }
            // `import` lines sit at the top of the file, the rest verbatim inside a function.
            let lines = block.split(separator: "\n", omittingEmptySubsequences: false)
            let imports = lines.filter { $0.hasPrefix("import ") }.map { Self.normalized(String($0)) }
            let code = Self.normalized(lines.filter { !$0.hasPrefix("import ") }.joined(separator: "\n"))
            let compiled = sources.contains(code)
            #expect(compiled, "README block missing from the snippets (or changed):\n\(block)")
            for line in imports {
                let imported = sources.contains(line)
                #expect(imported, "\(line) is not in the snippets")
            }
        }
        // The list of exceptions names only blocks that exist.
        #expect(skipped == Set(Self.notCompiled.keys))
    }

    @Test func theCheckNoticesAChangedBlock() throws {
        let sources = try Self.normalized(Self.source("Examples/Sources/ReadmeSnippets/Snippets.swift"))
        let block = try #require(try Self.readmeBlocks().first { $0.hasPrefix("let variables") })
        #expect(sources.contains(Self.normalized(block)))
        #expect(!sources.contains(Self.normalized(block.replacingOccurrences(of: "getEnvironmentVariables", with: "getVariables"))))
    }
}
