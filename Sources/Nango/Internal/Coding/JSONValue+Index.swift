import Foundation
import NangoJSON

// JSONValue built straight from the engine's index: each node becomes its case, with no trial decoding. The
// engine knows nothing of `JSONValue` (it is the SDK's public type); it asks `JSONValueDirectTypes` for it.

extension IndexReader {
    /// The value at `node`: objects become `.object` (a repeated key keeps its last value), integer literals
    /// that fit `Int64` become `.int`, every other number `.double` (a non-zero number that underflows becomes
    /// `±0.0`). Throws `.numberOutOfRange` for a number that overflows `Double`.
    ///
    /// Recursion is bounded by the parser's depth limit.
    func jsonValue(at node: Int) throws(JSONEngineError) -> JSONValue {
        let entry = entry(node)
        switch entry.kind {
        case .null: return .null
        case .false: return .bool(false)
        case .true: return .bool(true)
        case .string, .escapedString: return .string(string(entry))
        case .int: return .int(Int64(bitPattern: entry.payload))
        case .double: return .double(Double(bitPattern: entry.payload))
        case .number:
            guard let value = double(entry, underflowToZero: true) else {
                throw JSONEngineError(.numberOutOfRange, at: entry.offset)
            }
            return .double(value)
        case .array:
            var elements: [JSONValue] = []
            elements.reserveCapacity(entry.length)
            var child = node &+ 1
            let end = entry.end
            while child < end {
                elements.append(try jsonValue(at: child))
                child = skip(child)
            }
            return .array(elements)
        case .object:
            var members: [String: JSONValue] = Dictionary(minimumCapacity: entry.length)
            var keyNode = node &+ 1
            let end = entry.end
            while keyNode < end {
                let valueNode = keyNode &+ 1
                members[string(self.entry(keyNode))] = try jsonValue(at: valueNode)
                keyNode = skip(valueNode)
            }
            return .object(members)
        }
    }

    /// A `JSONValue` field, for the generated readers; a number out of range is `.dataCorrupted`.
    func readJSONValue(_ node: Int) throws(IndexValueFailure) -> JSONValue {
        do {
            return try jsonValue(at: node)
        } catch {
            throw .corrupted("Number out of range.")
        }
    }

    /// `[String: JSONValue]` straight from the index.
    func readJSONObject(_ node: Int) throws(IndexValueFailure) -> [String: JSONValue] {
        let entry = entry(node)
        guard entry.kind == .object else { throw entry.kind == .null ? .null : .mismatch(entry.kind) }
        guard case .object(let members) = try readJSONValue(node) else { return [:] }
        return members
    }

    /// `[JSONValue]` straight from the index.
    func readJSONArray(_ node: Int) throws(IndexValueFailure) -> [JSONValue] {
        let entry = entry(node)
        guard entry.kind == .array else { throw entry.kind == .null ? .null : .mismatch(entry.kind) }
        guard case .array(let elements) = try readJSONValue(node) else { return [] }
        return elements
    }
}

/// `JSONValue`, `[String: JSONValue]` and `[JSONValue]` read straight from the index wherever the engine's
/// decoder meets them (in SDK models and users' types alike): set in every decode's options by `NangoCoding`.
enum JSONValueDirectTypes: IndexDirectTypes {
    /// Metatypes compared as identifiers: asking for a generic type's metadata (`[JSONValue].self`) costs a
    /// runtime lookup every time.
    private static let valueType = ObjectIdentifier(JSONValue.self)
    private static let objectType = ObjectIdentifier([String: JSONValue].self)
    private static let arrayType = ObjectIdentifier([JSONValue].self)

    static func reads(_ type: Any.Type) -> Bool {
        let identifier = ObjectIdentifier(type)
        return identifier == valueType || identifier == objectType || identifier == arrayType
    }

    static func read<T>(_ type: T.Type, from reader: IndexReader, node: Int) throws(IndexValueFailure) -> T {
        let identifier = ObjectIdentifier(T.self)
        if identifier == objectType { return try exactly(try reader.readJSONObject(node), as: T.self) }
        if identifier == arrayType { return try exactly(try reader.readJSONArray(node), as: T.self) }
        return try exactly(try reader.readJSONValue(node), as: T.self)
    }
}

extension IndexDecoder {
    /// The value at the decoder's current node as a `JSONValue`, built from the index (no trial decoding).
    func jsonValue() throws -> JSONValue {
        do {
            return try reader.jsonValue(at: node)
        } catch {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: codingPath,
                debugDescription: "Number out of range.",
                underlyingError: error
            ))
        }
    }

    /// The members of the current object whose keys `isKnown` rejects, as JSON: what a model keeps as its
    /// additional fields. Only unknown members are converted, so an object without any costs one key comparison
    /// per member and no allocation.
    func unknownMembers(isKnown: (String) -> Bool) throws -> [String: JSONValue] {
        try unknownMembers(isKnownKey: { key in isKnown(key.string) })
    }

    /// ``unknownMembers(isKnown:)`` with the keys as UTF-8.
    func unknownMembers(isKnownKey isKnown: (MemberKey) -> Bool) throws -> [String: JSONValue] {
        let entry = reader.entry(node)
        guard entry.kind == .object else {
            throw DecodingError.typeMismatch(
                [String: JSONValue].self,
                DecodingError.Context(codingPath: codingPath, debugDescription: "Expected an object but found \(entry.kind.foundName).")
            )
        }
        var fields: [String: JSONValue] = [:]
        for (key, node) in unknownMemberNodes(isKnownKey: isKnown) {
            do throws(IndexValueFailure) {
                fields[key] = try reader.readJSONValue(node)
            } catch {
                throw failure(error, JSONValue.self, last: .key(IndexCodingKey(stringValue: key)))
            }
        }
        return fields
    }
}

extension IndexObjectReader {
    /// The members whose keys `field` does not know (-1), as JSON: a model's additional fields.
    func unknownMembers(_ field: (MemberKey) -> Int) throws -> [String: JSONValue] {
        try decoder.unknownMembers(isKnownKey: { field($0) >= 0 })
    }
}

extension JSONValue {
    /// The whole document as a `JSONValue`.
    ///
    /// - Throws: `JSONEngineError` (`.numberOutOfRange`) when a number overflows `Double`.
    init(index: JSONIndex) throws(JSONEngineError) {
        self = try index.document.reader.jsonValue(at: index.document.root)
    }

    /// The fast path for `JSONValue.init(from:)`: when `decoder` is the engine's, the value is built from its
    /// index at the decoder's current position; otherwise `nil` (decode as before).
    ///
    /// - Throws: `DecodingError.dataCorrupted` (with the coding path) when a number overflows `Double`.
    static func fromEngine(_ decoder: any Decoder) throws -> JSONValue? {
        guard let decoder = IndexDecoder.engine(decoder) else { return nil }
        return try decoder.jsonValue()
    }
}
