import Foundation

// JSONValue built straight from the index: each node becomes its case, with no trial decoding.

extension IndexReader {
    /// The value at `node`: objects become `.object` (a repeated key keeps its last value), integer literals
    /// that fit `Int64` become `.int`, every other number `.double` (a non-zero number that underflows becomes
    /// `±0.0`). Throws `.numberOutOfRange` for a number that overflows `Double`.
    ///
    /// Recursion is bounded by the parser's depth limit.
    func jsonValue(at node: Int) throws(JSONEngineError) -> JSONValue {
        let entry = tape[node]
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
                members[string(tape[keyNode])] = try jsonValue(at: valueNode)
                keyNode = skip(valueNode)
            }
            return .object(members)
        }
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
    /// index at the decoder's current position; otherwise `nil` (decode as before). In `JSONValue.swift`:
    ///
    /// ```swift
    /// public init(from decoder: any Decoder) throws {
    ///     if let value = try JSONValue.fromEngine(decoder) { self = value; return }
    ///     ...
    /// }
    /// ```
    ///
    /// - Throws: `DecodingError.dataCorrupted` (with the coding path) when a number overflows `Double`.
    static func fromEngine(_ decoder: any Decoder) throws -> JSONValue? {
        guard let decoder = IndexDecoder.engine(decoder) else { return nil }
        return try decoder.jsonValue()
    }
}
