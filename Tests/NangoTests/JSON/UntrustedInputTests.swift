import Foundation
import Testing
@testable import Nango
@testable import NangoJSON

/// Bodies from the network: nothing may crash, hang or overflow the stack; every failure names where.
@Suite("Untrusted bodies")
struct UntrustedInputTests {
    func parseError(_ bytes: [UInt8], maxDepth: Int = 512) -> JSONEngineError? {
        do {
            _ = try JSONIndex(parsing: bytes, maxDepth: maxDepth)
            return nil
        } catch {
            return error
        }
    }

    @Test("100,000 opening brackets: a depth error at the 513th")
    func deepArrays() {
        let error = parseError(Array(repeating: UInt8(ascii: "["), count: 100_000))
        #expect(error == JSONEngineError(.tooDeep(limit: 512), at: 512))
    }

    @Test("deep objects, closed: a depth error, never a crash")
    func deepObjects() {
        let text = String(repeating: #"{"a":"#, count: 50_000) + "1" + String(repeating: "}", count: 50_000)
        #expect(parseError(Array(text.utf8))?.reason == .tooDeep(limit: 512))
    }

    @Test("512 levels are fine, 513 are not; the limit is configurable")
    func depthLimit() throws {
        func nested(_ depth: Int) -> [UInt8] {
            Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
        }
        #expect(parseError(nested(512)) == nil)
        #expect(parseError(nested(513))?.reason == .tooDeep(limit: 512))
        #expect(parseError(nested(10), maxDepth: 9)?.reason == .tooDeep(limit: 9))
        #expect(parseError(nested(2_000), maxDepth: 2_000) == nil)
        // And the value of a 512-deep document can be built and decoded.
        let value = try JSONEngine.decode(JSONValue.self, from: nested(512))
        var depth = 0
        var current = value
        while case .array(let elements) = current {
            depth += 1
            guard let first = elements.first else { break }
            current = first
        }
        #expect(depth == 512)
    }

    @Test("a 10 MB string")
    func hugeString() throws {
        let content = String(repeating: "abcdefghé😀", count: 800_000)
        let text = "{\"s\":\"" + content + "\"}"
        #expect(text.utf8.count > 10_000_000)
        let decoded = try JSONEngine.decode([String: String].self, from: Data(text.utf8))
        #expect(decoded["s"] == content)
        let escaped = "[\"" + String(repeating: "\\n\\u00e9", count: 1_000_000) + "\"]"
        let strings = try JSONEngine.decode([String].self, from: Data(escaped.utf8))
        #expect(strings.first?.count == 2_000_000)
        // Unterminated: an error at the opening quote.
        #expect(parseError(Array(("[\"" + content).utf8)) == JSONEngineError(.unterminatedString, at: 1))
    }

    @Test("invalid UTF-8 anywhere is rejected with its offset", arguments: [
        ([0x22, 0xFF, 0x22], 1), ([0x22, 0x61, 0xC3, 0x22], 2), ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1), ([0x22, 0xC0, 0xAF, 0x22], 1), ([0x22, 0x80, 0x22], 1),
        ([0x22, 0xE2, 0x82, 0x22], 1), ([0x22, 0xF0, 0x9F, 0x98], 1),
    ] as [([UInt8], Int)])
    func invalidUTF8(bytes: [UInt8], offset: Int) {
        let error = parseError(bytes)
        #expect(error?.offset == offset)
        #expect(error?.reason == .invalidUTF8 || error?.reason == .unexpectedEndOfInput)
    }

    @Test("bytes outside strings that are not JSON", arguments: [
        [0xFF], [0x5B, 0xC3, 0xA9, 0x5D], [0x00], [0x5B, 0x00, 0x5D], [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x00, 0x7D],
    ] as [[UInt8]])
    func strayBytes(bytes: [UInt8]) {
        #expect(parseError(bytes) != nil)
    }

    static let sample = #"""
    {"records":[{"id":"9df98718","name":"Ada \u00e9 \"Q\" 😀","age":36,"score":-12.5e-1,"ok":true,"none":null,
    "tags":["a","b"],"nested":{"deep":[1,[2,{"x":false}]]}}],"next_cursor":"MjAyNS0x","big":123456789012345678901234567890}
    """#

    @Test("truncation at every byte offset: an error, never a crash")
    func truncation() throws {
        let bytes = Array(Self.sample.utf8)
        #expect(parseError(bytes) == nil)
        for length in 0..<bytes.count {
            let prefix = Array(bytes[..<length])
            let error = parseError(prefix)
            // Only prefixes that end after the closing brace (plus whitespace) are complete documents.
            if error == nil {
                #expect(length >= bytes.count - 1)
                continue
            }
            #expect(error.map { $0.offset <= length } ?? false, "offset past the end at length \(length)")
            let decoded = outcome { try JSONEngine.decode(JSONValue.self, from: prefix) }
            #expect(decoded == .failure(kind: "dataCorrupted", path: ""))
        }
    }

    @Test("every single-byte corruption of the sample: an error or a value, never a crash")
    func corruption() {
        let bytes = Array(Self.sample.utf8)
        let replacements: [UInt8] = [0x00, 0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3A, 0x30, 0x2D, 0x65, 0xFF, 0xC3, 0x20]
        var failures = 0
        for position in bytes.indices {
            for replacement in replacements {
                var corrupted = bytes
                corrupted[position] = replacement
                if parseError(corrupted) != nil { failures += 1 }
                _ = outcome { try JSONEngine.decode(JSONValue.self, from: corrupted) }
            }
        }
        #expect(failures > 0)
    }

    @Test("error descriptions never quote the document")
    func redaction() {
        let secret = "sk_live_SECRET"
        for text in ["{\"token\":\"\(secret)", "{\"token\":\"\(secret)\" x}", "[\"\(secret)\\q\"]"] {
            guard let error = parseError(Array(text.utf8)) else {
                Issue.record("accepted \(text)")
                continue
            }
            #expect(!error.description.contains("SECRET"))
            let decoding = JSONEngine.invalidJSON(error)
            #expect(!"\(decoding)".contains("SECRET"))
        }
    }

    @Test("empty and blank input")
    func empty() {
        #expect(parseError([]) == JSONEngineError(.emptyInput, at: 0))
        #expect(parseError(Array(" \n\t ".utf8)) == JSONEngineError(.emptyInput, at: 4))
        #expect(parseError([0xEF, 0xBB, 0xBF]) == JSONEngineError(.emptyInput, at: 3))
        #expect(parseError([0xEF, 0xBB]) != nil)
    }

    @Test("error reasons and offsets", arguments: [
        ("[1,]", JSONEngineError(.unexpectedCharacter, at: 3)),
        (#"{"a":1,}"#, JSONEngineError(.expectedKey, at: 7)),
        (#"{"a" 1}"#, JSONEngineError(.expectedColon, at: 5)),
        ("[1 2]", JSONEngineError(.expectedCommaOrEnd, at: 3)),
        ("[01]", JSONEngineError(.invalidNumber, at: 2)),
        ("[1.]", JSONEngineError(.invalidNumber, at: 3)),
        ("[-]", JSONEngineError(.invalidNumber, at: 2)),
        ("[1e]", JSONEngineError(.invalidNumber, at: 3)),
        ("[tru]", JSONEngineError(.unexpectedCharacter, at: 4)),
        ("[nul", JSONEngineError(.unexpectedEndOfInput, at: 4)),
        (#"["\x"]"#, JSONEngineError(.invalidEscape, at: 3)),
        (#"["\u12G4"]"#, JSONEngineError(.invalidUnicodeEscape, at: 6)),
        (#"["\uDC00"]"#, JSONEngineError(.loneSurrogate, at: 2)),
        ("[\"a\u{1}\"]", JSONEngineError(.controlCharacterInString, at: 3)),
        ("[1] [2]", JSONEngineError(.trailingCharacters, at: 4)),
        ("[", JSONEngineError(.unexpectedEndOfInput, at: 1)),
        ("{\"a\":", JSONEngineError(.unexpectedEndOfInput, at: 5)),
    ] as [(String, JSONEngineError)])
    func errors(text: String, expected: JSONEngineError) {
        #expect(parseError(Array(text.utf8)) == expected)
    }

    @Test("parse errors surface as DecodingError.dataCorrupted with the engine error underneath")
    func decodingErrorShape() {
        do {
            _ = try JSONEngine.decode([Int].self, from: Data("[1,".utf8))
            Issue.record("decoded")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.codingPath.isEmpty)
            #expect(context.underlyingError as? JSONEngineError == JSONEngineError(.unexpectedEndOfInput, at: 3))
        } catch {
            Issue.record("\(error)")
        }
    }
}
