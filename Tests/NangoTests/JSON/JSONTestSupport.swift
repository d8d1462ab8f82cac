import Foundation
@testable import Nango
@testable import NangoJSON

/// What a decode produced: a value, or the kind and coding path of the error.
enum Outcome<Value: Equatable>: Equatable, CustomStringConvertible {
    case value(Value)
    case failure(kind: String, path: String)

    var description: String {
        switch self {
        case .value(let value): return "value(\(value))"
        case .failure(let kind, let path): return "\(kind) at \(path)"
        }
    }

    var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }

    var kind: String? {
        if case .failure(let kind, _) = self { return kind }
        return nil
    }
}

/// A coding path as the SDK prints it: `records.[3].address.city`.
func pathString(_ path: [any CodingKey]) -> String {
    path.map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue }.joined(separator: ".")
}

func outcome<Value: Equatable>(_ body: () throws -> Value) -> Outcome<Value> {
    do {
        return .value(try body())
    } catch DecodingError.keyNotFound(let key, let context) {
        return .failure(kind: "keyNotFound", path: pathString(context.codingPath + [key]))
    } catch DecodingError.typeMismatch(_, let context) {
        return .failure(kind: "typeMismatch", path: pathString(context.codingPath))
    } catch DecodingError.valueNotFound(_, let context) {
        return .failure(kind: "valueNotFound", path: pathString(context.codingPath))
    } catch DecodingError.dataCorrupted(let context) {
        return .failure(kind: "dataCorrupted", path: pathString(context.codingPath))
    } catch {
        return .failure(kind: "other: \(type(of: error))", path: "")
    }
}

/// Foundation's decoder, configured as the SDK's was before its JSON engine (ISO-8601 dates through
/// `ISO8601.parse`): the reference of the differential tests.
let foundationDecoder: JSONDecoder = {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .custom { decoder in
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = ISO8601.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected an ISO-8601 date-time.")
        }
        return date
    }
    return decoder
}()

/// Foundation's decoder, configured as the SDK's.
func foundationDecode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
    try foundationDecoder.decode(type, from: data)
}

func engineDecode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
    try JSONEngine.decode(type, from: data)
}

/// Both decoders' outcomes.
func bothOutcomes<T: Decodable & Equatable>(_ type: T.Type, _ json: String) -> (engine: Outcome<T>, foundation: Outcome<T>) {
    let data = Data(json.utf8)
    return (outcome { try engineDecode(T.self, data) }, outcome { try foundationDecode(T.self, data) })
}

/// Whether the outcomes agree: equal values, or errors of the same kind at the same path. Foundation reports a
/// number that does not fit its type as "not valid JSON" with an empty path, where the engine names the path:
/// a `dataCorrupted` at the top level from Foundation matches any `dataCorrupted` of the engine.
func agree<T>(_ engine: Outcome<T>, _ foundation: Outcome<T>) -> Bool {
    switch (engine, foundation) {
    case (.value(let lhs), .value(let rhs)):
        return lhs == rhs
    case (.failure(let kind, let path), .failure(let otherKind, let otherPath)):
        if kind == "dataCorrupted" && otherKind == "dataCorrupted" && otherPath.isEmpty { return true }
        return kind == otherKind && path == otherPath
    default:
        return false
    }
}

// MARK: - Resources

enum TestSuiteFiles {
    static let directory: URL? = Bundle.module.url(forResource: "JSONTestSuite", withExtension: nil, subdirectory: "Fixtures")

    static func names(prefix: String) -> [String] {
        guard let directory else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }.sorted()
    }

    static func data(_ name: String) -> Data {
        guard let directory, let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
            return Data()
        }
        return data
    }
}

// MARK: - Seeded randomness

/// SplitMix64: deterministic, so a failing case can be replayed from its seed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random JSON text: every kind of value, escapes, non-ASCII text, numbers in many spellings (boundary
/// integers, `-0`, `1.0`, `1e2`, big integers), random whitespace. Keys within one object are distinct.
struct RandomJSON {
    var generator: SeededGenerator

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    mutating func whitespace() -> String {
        guard chance(20) else { return "" }
        return [" ", "\n", "\t", "\r\n", "  "][int(0...4)]
    }

    static let numberSpellings = [
        "0", "-0", "1", "-1", "1.0", "1e2", "1E+2", "-1.5e-3", "0.1", "123456.789", "9223372036854775807",
        "-9223372036854775808", "9223372036854775808", "-9223372036854775809", "18446744073709551615",
        "123456789012345678901234567890", "1e308", "2.2250738585072014e-308", "5e-324", "0.000001", "1e-7",
        "4.35", "100", "-0.0", "1.7976931348623157e308", "3.141592653589793", "2147483647", "-2147483648",
        "32767", "255", "256", "-129", "65535", "4294967295", "1.5", "12e-1", "9007199254740993", "0e10",
    ]

    mutating func number() -> String {
        switch int(0...3) {
        case 0: return Self.numberSpellings[int(0...Self.numberSpellings.count - 1)]
        case 1: return String(int(-1_000_000...1_000_000))
        case 2: return String(Double(int(-100_000...100_000)) / 100)
        default: return "\(int(1...9)).\(int(0...999))e\(int(-30...30))"
        }
    }

    mutating func stringContent() -> String {
        var text = ""
        for _ in 0..<int(0...12) {
            switch int(0...9) {
            case 0: text += ["\\n", "\\t", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\r"][int(0...7)]
            case 1: text += String(format: "\\u%04x", int(0x20...0xD7FF))
            case 2: text += "\\ud83d\\ude00"
            case 3: text += ["é", "日本", "😀", "ß", "\u{7F}"][int(0...4)]
            default: text += String(UnicodeScalar(UInt8(int(0x61...0x7A))))
            }
        }
        return text
    }

    mutating func value(depth: Int) -> String {
        let pick = depth > 4 ? int(0...5) : int(0...7)
        switch pick {
        case 0: return "null"
        case 1: return chance(50) ? "true" : "false"
        case 2, 3: return number()
        case 4, 5: return "\"" + stringContent() + "\""
        case 6:
            let elements = (0..<int(0...5)).map { _ in whitespace() + value(depth: depth + 1) + whitespace() }
            return "[" + elements.joined(separator: ",") + "]"
        default:
            var keys = Set<String>()
            var members: [String] = []
            for _ in 0..<int(0...6) {
                let key = chance(70) ? ["id", "name", "a", "b", "value", "items", "é", "key with space"][int(0...7)] : stringContent()
                guard keys.insert(key).inserted else { continue }
                members.append(whitespace() + "\"" + key + "\"" + whitespace() + ":" + whitespace() + value(depth: depth + 1) + whitespace())
            }
            return "{" + members.joined(separator: ",") + "}"
        }
    }

    mutating func document() -> String {
        whitespace() + value(depth: 0) + whitespace()
    }
}

// MARK: - JSONValue comparison

/// Whether the engine's `JSONValue` matches Foundation's trial-decoded one. The one documented difference:
/// Foundation's trial decoding turns any integral number into `.int` (`1.0`, `1e2`, `-0.0`, `1e-400` become
/// `.int(1)`, `.int(100)`, `.int(0)`, `.int(0)`), where the engine keeps `.double` for a number written with a
/// fraction or exponent, as `JSONValue` documents; the values are then numerically equal.
func equivalent(_ engine: JSONValue, _ foundation: JSONValue) -> Bool {
    switch (engine, foundation) {
    case (.double(let lhs), .int(let rhs)):
        return lhs == Double(rhs) && Int64(exactly: lhs) == rhs
    case (.array(let lhs), .array(let rhs)):
        return lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { equivalent($0, $1) }
    case (.object(let lhs), .object(let rhs)):
        return lhs.count == rhs.count && lhs.allSatisfy { key, value in rhs[key].map { equivalent(value, $0) } ?? false }
    case (.double(let lhs), .double(let rhs)):
        return lhs == rhs && lhs.sign == rhs.sign
    default:
        return engine == foundation
    }
}
