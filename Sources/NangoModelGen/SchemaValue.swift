public import Foundation
import NangoJSON

/// A JSON value with its object members in document order: what the generator reads a schema as, so that
/// generated properties and definitions keep the schema's order (and regenerating gives the same code).
public indirect enum SchemaValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// A number, with its text as written (an integer stays an integer).
    case number(String)
    case string(String)
    case array([SchemaValue])
    /// Members in document order (the last one wins when a key repeats, as JSON decoders do).
    case object([(key: String, value: SchemaValue)])

    /// Parses JSON with the SDK's JSON engine.
    ///
    /// - Throws: ``ModelGenerationError`` when the bytes are not JSON.
    public init(parsing data: Data) throws {
        let index: JSONIndex
        do {
            index = try JSONIndex(parsing: data)
        } catch {
            throw ModelGenerationError("The schema is not valid JSON: \(error).")
        }
        let reader = index.document.reader
        self = Self.value(reader, index.document.root)
    }

    private static func value(_ reader: IndexReader, _ node: Int) -> SchemaValue {
        let entry = reader.entry(node)
        switch entry.kind {
        case .null: return .null
        case .false: return .bool(false)
        case .true: return .bool(true)
        case .string, .escapedString: return .string(reader.string(entry))
        case .int: return .number(String(Int64(bitPattern: entry.payload)))
        case .double: return .number(String(Double(bitPattern: entry.payload)))
        case .number: return .number(reader.double(entry, underflowToZero: true).map { String($0) } ?? "0")
        case .array:
            var elements: [SchemaValue] = []
            var child = node + 1
            while child < entry.end {
                elements.append(value(reader, child))
                child = reader.skip(child)
            }
            return .array(elements)
        case .object:
            var members: [(key: String, value: SchemaValue)] = []
            var keyNode = node + 1
            while keyNode < entry.end {
                let key = reader.string(reader.entry(keyNode))
                let member = value(reader, keyNode + 1)
                if let earlier = members.firstIndex(where: { $0.key == key }) {
                    members.remove(at: earlier)
                }
                members.append((key, member))
                keyNode = reader.skip(keyNode + 1)
            }
            return .object(members)
        }
    }

    public static func == (lhs: SchemaValue, rhs: SchemaValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b || (Double(a) != nil && Double(a) == Double(b))
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            // Objects are equal whatever their members' order.
            guard a.count == b.count else { return false }
            let sorted = { (members: [(key: String, value: SchemaValue)]) in members.sorted { $0.key < $1.key } }
            return zip(sorted(a), sorted(b)).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .number(let text): hasher.combine(Double(text) ?? 0)
        case .string(let value): hasher.combine(value)
        case .array(let elements): hasher.combine(elements)
        case .object(let members):
            for member in members.sorted(by: { $0.key < $1.key }) {
                hasher.combine(member.key)
                hasher.combine(member.value)
            }
        }
    }

    /// Member `key` of an object (nil for anything else or a missing member).
    public subscript(key: String) -> SchemaValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    /// The string, or nil.
    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The elements, or nil.
    public var array: [SchemaValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The members in order, or nil.
    public var members: [(key: String, value: SchemaValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }
}

/// Why a schema could not be turned into Swift: only for input that is not a schema at all (not JSON, no
/// definitions); constructs the generator cannot express become `JSONValue` instead.
public struct ModelGenerationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, in words.
    public var message: String

    /// An error with a message.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
