import Foundation
import Testing
@testable import Nango
@testable import NangoJSON

/// Seeded random documents and random model shapes, decoded by the engine and by `JSONDecoder`.
@Suite("Random documents and shapes")
struct RandomTests {
    @Test("random documents: same JSONValue as JSONDecoder (up to the documented int/double difference)",
          arguments: 0..<8)
    func randomJSONValues(batch: Int) throws {
        var random = RandomJSON(seed: 0x5EED_0000 + UInt64(batch))
        for iteration in 0..<250 {
            let text = random.document()
            let data = Data(text.utf8)
            let engine = outcome { try NangoCoding.jsonValue(from: data) }
            let foundation = outcome { try foundationDecode(JSONValue.self, data) }
            switch (engine, foundation) {
            case (.value(let lhs), .value(let rhs)):
                #expect(equivalent(lhs, rhs), "batch \(batch) #\(iteration): \(text)")
                // The decoder's JSONValue path and the index path agree exactly.
                #expect(try JSONEngine.decode(JSONValue.self, from: data) == lhs)
            default:
                #expect(engine.isFailure == foundation.isFailure, "batch \(batch) #\(iteration): \(text): \(engine) vs \(foundation)")
            }
        }
    }

    @Test("random shapes: decoded through every kind of container, same outcome as JSONDecoder", arguments: 0..<8)
    func randomShapes(batch: Int) throws {
        var generator = ShapeGenerator(seed: 0xC0DE_0000 + UInt64(batch))
        var failures = 0
        var values = 0
        defer {
            // The mutations must produce both outcomes, or the comparison proves little.
            #expect(failures > 20 && values > 20, "failures \(failures), values \(values)")
        }
        for iteration in 0..<60 {
            let shape = generator.shape(depth: 0)
            for variant in 0..<5 {
                let text = generator.document(for: shape, mutate: variant > 0)
                let data = Data(text.utf8)
                let engine = outcome { try Dyn.decode(shape, data, engine: true) }
                let foundation = outcome { try Dyn.decode(shape, data, engine: false) }
                if engine.isFailure { failures += 1 } else { values += 1 }
                let same: Bool
                if case .value(let lhs) = engine, case .value(let rhs) = foundation {
                    same = lhs.equivalent(to: rhs)
                } else {
                    same = agree(engine, foundation)
                }
                #expect(same, "batch \(batch) #\(iteration).\(variant) \(shape): \(text)\nengine \(engine)\nFoundation \(foundation)")
            }
        }
    }
}

// MARK: - Dynamic shapes

indirect enum Shape: Sendable, CustomStringConvertible {
    case string, int, int8, uint64, double, float, bool, date, decimal, url, json
    case optional(Shape)
    case array(Shape)
    case object([Field])
    case dictionary(Shape)

    struct Field: Sendable {
        var name: String
        var shape: Shape
    }

    var description: String {
        switch self {
        case .string: return "String"
        case .int: return "Int"
        case .int8: return "Int8"
        case .uint64: return "UInt64"
        case .double: return "Double"
        case .float: return "Float"
        case .bool: return "Bool"
        case .date: return "Date"
        case .decimal: return "Decimal"
        case .url: return "URL"
        case .json: return "JSONValue"
        case .optional(let shape): return "\(shape)?"
        case .array(let shape): return "[\(shape)]"
        case .dictionary(let shape): return "[String: \(shape)]"
        case .object(let fields): return "{" + fields.map { "\($0.name): \($0.shape)" }.joined(separator: ", ") + "}"
        }
    }
}

indirect enum DynValue: Equatable, Sendable {
    case string(String), int(Int), int8(Int8), uint64(UInt64), double(Double), float(Float), bool(Bool)
    case date(Date), decimal(Decimal), url(URL), json(JSONValue), null
    case array([DynValue])
    case object([String: DynValue])

    /// Equality, with `JSONValue`s compared as `equivalent` (the documented int/double difference).
    func equivalent(to other: DynValue) -> Bool {
        switch (self, other) {
        case (.json(let lhs), .json(let rhs)): return NangoTests.equivalent(lhs, rhs)
        case (.array(let lhs), .array(let rhs)):
            return lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { $0.equivalent(to: $1) }
        case (.object(let lhs), .object(let rhs)):
            return lhs.count == rhs.count && lhs.allSatisfy { key, value in rhs[key].map { value.equivalent(to: $0) } ?? false }
        default: return self == other
        }
    }
}

struct DynKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// The shapes to decode next, handed to nested `Dyn.init(from:)` calls through `userInfo`.
final class ShapeStack: @unchecked Sendable {
    var shapes: [Shape]

    init(_ shape: Shape) { shapes = [shape] }
}

struct DynError: Error {}

/// A `Decodable` whose shape is chosen at run time. It decodes objects with keyed containers and arrays with
/// unkeyed ones, alternating between nested containers, nested `Decodable` values and `superDecoder`s.
struct Dyn: Decodable, Equatable {
    var value: DynValue

    static let stackKey = CodingUserInfoKey(rawValue: "shapes")

    static func decode(_ shape: Shape, _ data: Data, engine: Bool) throws -> DynValue {
        guard let key = stackKey else { throw DynError() }
        let stack = ShapeStack(shape)
        if engine {
            return try JSONEngine.decode(Dyn.self, from: data, options: .init(userInfo: [key: stack])).value
        }
        let decoder = JSONDecoder()
        decoder.userInfo = [key: stack]
        decoder.dateDecodingStrategy = foundationDecoder.dateDecodingStrategy
        return try decoder.decode(Dyn.self, from: data).value
    }

    init(from decoder: any Decoder) throws {
        guard let key = Self.stackKey, let stack = decoder.userInfo[key] as? ShapeStack, let shape = stack.shapes.last else {
            throw DynError()
        }
        value = try Self.value(shape, from: decoder, stack: stack)
    }

    static func value(_ shape: Shape, from decoder: any Decoder, stack: ShapeStack) throws -> DynValue {
        switch shape {
        case .object(let fields):
            return try object(fields, try decoder.container(keyedBy: DynKey.self), stack: stack)
        case .array(let element):
            var container = try decoder.unkeyedContainer()
            return try array(element, &container, stack: stack)
        case .dictionary(let element):
            let container = try decoder.container(keyedBy: DynKey.self)
            var members: [String: DynValue] = [:]
            for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                members[key.stringValue] = try field(element, key, container, mode: 1, stack: stack)
            }
            return .object(members)
        case .optional(let wrapped):
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { return .null }
            return try value(wrapped, from: decoder, stack: stack)
        default:
            let container = try decoder.singleValueContainer()
            switch shape {
            case .string: return .string(try container.decode(String.self))
            case .int: return .int(try container.decode(Int.self))
            case .int8: return .int8(try container.decode(Int8.self))
            case .uint64: return .uint64(try container.decode(UInt64.self))
            case .double: return .double(try container.decode(Double.self))
            case .float: return .float(try container.decode(Float.self))
            case .bool: return .bool(try container.decode(Bool.self))
            case .date: return .date(try container.decode(Date.self))
            case .decimal: return .decimal(try container.decode(Decimal.self))
            case .url: return .url(try container.decode(URL.self))
            default: return .json(try container.decode(JSONValue.self))
            }
        }
    }

    static func object(_ fields: [Shape.Field], _ container: KeyedDecodingContainer<DynKey>, stack: ShapeStack) throws -> DynValue {
        var members: [String: DynValue] = [:]
        for (position, field) in fields.enumerated() {
            members[field.name] = try Self.field(field.shape, DynKey(stringValue: field.name), container, mode: position % 3, stack: stack)
        }
        return .object(members)
    }

    static func nested(_ shape: Shape, from decoder: any Decoder, stack: ShapeStack) throws -> DynValue {
        stack.shapes.append(shape)
        defer { stack.shapes.removeLast() }
        return try Dyn(from: decoder).value
    }

    /// One member: leaves with the container's typed methods; containers through a nested container (mode 0),
    /// a nested `Dyn` (mode 1) or a `superDecoder(forKey:)` (mode 2).
    static func field(
        _ shape: Shape, _ key: DynKey, _ container: KeyedDecodingContainer<DynKey>, mode: Int, stack: ShapeStack
    ) throws -> DynValue {
        switch shape {
        case .string: return .string(try container.decode(String.self, forKey: key))
        case .int: return .int(try container.decode(Int.self, forKey: key))
        case .int8: return .int8(try container.decode(Int8.self, forKey: key))
        case .uint64: return .uint64(try container.decode(UInt64.self, forKey: key))
        case .double: return .double(try container.decode(Double.self, forKey: key))
        case .float: return .float(try container.decode(Float.self, forKey: key))
        case .bool: return .bool(try container.decode(Bool.self, forKey: key))
        case .date: return .date(try container.decode(Date.self, forKey: key))
        case .decimal: return .decimal(try container.decode(Decimal.self, forKey: key))
        case .url: return .url(try container.decode(URL.self, forKey: key))
        case .json: return .json(try container.decode(JSONValue.self, forKey: key))
        case .optional(let wrapped):
            switch wrapped {
            case .string: return try container.decodeIfPresent(String.self, forKey: key).map(DynValue.string) ?? .null
            case .int: return try container.decodeIfPresent(Int.self, forKey: key).map(DynValue.int) ?? .null
            case .int8: return try container.decodeIfPresent(Int8.self, forKey: key).map(DynValue.int8) ?? .null
            case .uint64: return try container.decodeIfPresent(UInt64.self, forKey: key).map(DynValue.uint64) ?? .null
            case .double: return try container.decodeIfPresent(Double.self, forKey: key).map(DynValue.double) ?? .null
            case .float: return try container.decodeIfPresent(Float.self, forKey: key).map(DynValue.float) ?? .null
            case .bool: return try container.decodeIfPresent(Bool.self, forKey: key).map(DynValue.bool) ?? .null
            case .date: return try container.decodeIfPresent(Date.self, forKey: key).map(DynValue.date) ?? .null
            default:
                guard container.contains(key), try !container.decodeNil(forKey: key) else { return .null }
                return try field(wrapped, key, container, mode: mode, stack: stack)
            }
        case .object(let fields) where mode == 0:
            return try object(fields, try container.nestedContainer(keyedBy: DynKey.self, forKey: key), stack: stack)
        case .array(let element) where mode == 0:
            var nested = try container.nestedUnkeyedContainer(forKey: key)
            return try array(element, &nested, stack: stack)
        default:
            if mode == 2 { return try nested(shape, from: try container.superDecoder(forKey: key), stack: stack) }
            stack.shapes.append(shape)
            defer { stack.shapes.removeLast() }
            return try container.decode(Dyn.self, forKey: key).value
        }
    }

    static func array(_ element: Shape, _ container: inout any UnkeyedDecodingContainer, stack: ShapeStack) throws -> DynValue {
        var elements: [DynValue] = []
        while !container.isAtEnd {
            let position = container.currentIndex
            switch element {
            case .string: elements.append(.string(try container.decode(String.self)))
            case .int: elements.append(.int(try container.decode(Int.self)))
            case .double: elements.append(.double(try container.decode(Double.self)))
            case .bool: elements.append(.bool(try container.decode(Bool.self)))
            case .optional(let wrapped):
                if try container.decodeNil() {
                    elements.append(.null)
                } else {
                    elements.append(try arrayElement(wrapped, &container, position: position, stack: stack))
                }
            default:
                elements.append(try arrayElement(element, &container, position: position, stack: stack))
            }
        }
        return .array(elements)
    }

    static func arrayElement(_ element: Shape, _ container: inout any UnkeyedDecodingContainer, position: Int, stack: ShapeStack) throws -> DynValue {
        switch element {
        case .object(let fields) where position % 3 == 0:
            return try object(fields, try container.nestedContainer(keyedBy: DynKey.self), stack: stack)
        case .array(let inner) where position % 3 == 0:
            var nested = try container.nestedUnkeyedContainer()
            return try array(inner, &nested, stack: stack)
        default:
            if position % 3 == 2 { return try nested(element, from: try container.superDecoder(), stack: stack) }
            stack.shapes.append(element)
            defer { stack.shapes.removeLast() }
            return try container.decode(Dyn.self).value
        }
    }
}

/// Random shapes, and documents that fit them (or nearly: with `mutate`, a few values are replaced by
/// missing keys, nulls, values of other types and out-of-range numbers).
struct ShapeGenerator {
    var random: RandomJSON

    init(seed: UInt64) { random = RandomJSON(seed: seed) }

    mutating func shape(depth: Int) -> Shape {
        let leaves: [Shape] = [.string, .int, .int8, .uint64, .double, .float, .bool, .date, .decimal, .url, .json]
        let pick = random.int(0...(depth > 3 ? 10 : 15))
        switch pick {
        case 0...10: return leaves[pick]
        case 11: return .optional(shape(depth: depth + 1))
        case 12: return .array(shape(depth: depth + 1))
        case 13: return .dictionary(shape(depth: depth + 1))
        default:
            let names = ["id", "name", "a", "b", "items", "created_at", "é", "with\\\"quote", "x y"]
            var used = Set<String>()
            var fields: [Shape.Field] = []
            for _ in 0..<random.int(1...5) {
                let name = names[random.int(0...names.count - 1)]
                guard used.insert(name).inserted else { continue }
                fields.append(Shape.Field(name: name, shape: shape(depth: depth + 1)))
            }
            return .object(fields)
        }
    }

    mutating func document(for shape: Shape, mutate: Bool) -> String {
        if mutate && random.chance(6) {
            return ["null", "\"text\"", "12", "1.5", "true", "[]", "{}", "300", "-1", "1e400", "18446744073709551616"][random.int(0...10)]
        }
        switch shape {
        case .string: return "\"" + random.stringContent() + "\""
        case .int: return ["0", "-7", "42", "1.0", "9223372036854775807", "1e3"][random.int(0...5)]
        case .int8: return ["127", "-128", "5", "1e2", "-0"][random.int(0...4)]
        case .uint64: return ["0", "18446744073709551615", "123", "1.8e19"][random.int(0...3)]
        case .double: return random.number()
        case .float: return ["0.1", "3.4e38", "1e-40", "-2.5", "16777217"][random.int(0...4)]
        case .bool: return random.chance(50) ? "true" : "false"
        case .date: return ["\"2025-11-20T06:00:00.467268+00:00\"", "\"2025-01-01T00:00:00Z\"", "\"2025-01-01 10:00:00.5-0230\""][random.int(0...2)]
        case .decimal: return ["1.25", "-0", "12345678901234567890.5", "1e10"][random.int(0...3)]
        case .url: return ["\"https://example.com/x?y=1\"", "\"/path\"", "\"mailto:a@b.c\""][random.int(0...2)]
        case .json: return random.value(depth: 3)
        case .optional(let wrapped): return random.chance(30) ? "null" : document(for: wrapped, mutate: mutate)
        case .array(let element):
            return "[" + (0..<random.int(0...4)).map { _ in document(for: element, mutate: mutate) }.joined(separator: ",") + "]"
        case .dictionary(let element):
            return "{" + (0..<random.int(0...3)).map { "\"k\($0)\":" + document(for: element, mutate: mutate) }.joined(separator: ",") + "}"
        case .object(let fields):
            var members: [String] = []
            for field in fields {
                if mutate && random.chance(8) { continue }
                members.append("\"\(field.name)\":" + document(for: field.shape, mutate: mutate))
            }
            if random.chance(30) { members.insert("\"unknown\":{\"deep\":[1,2,{\"z\":null}]}", at: 0) }
            return "{" + members.joined(separator: ",") + "}"
        }
    }
}
