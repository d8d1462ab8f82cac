import Foundation

/// Any JSON value, for free-form data: metadata, connection config, raw token responses, action output.
///
/// Integers and floating-point numbers are kept apart, so a 64-bit id such as `9007199254740993` survives a
/// decode and re-encode exactly (a `Double` would round it). Object key order is not preserved.
///
/// ```swift
/// let metadata: JSONValue = ["plan": "pro", "seats": 25, "features": ["sso", "audit"]]
/// metadata["plan"]?.stringValue   // "pro"
/// ```
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number written without a fraction or exponent that fits in 64 bits.
    case int(Int64)
    /// Any other number.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object.
    case object([String: JSONValue])
}

extension JSONValue {
    /// The string, if this is a `.string`.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer, if this is an `.int`.
    public var intValue: Int64? {
        if case .int(let value) = self { return value }
        return nil
    }

    /// The number as a `Double`, if this is an `.int` or a `.double`.
    public var doubleValue: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }

    /// The Boolean, if this is a `.bool`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an `.array`.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The members, if this is an `.object`.
    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// Whether this is `.null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The member named `key`, if this is an object that has one.
    public subscript(key: String) -> JSONValue? {
        get { objectValue?[key] }
        set {
            guard case .object(var members) = self else { return }
            members[key] = newValue
            self = .object(members)
        }
    }

    /// The element at `index`, if this is an array that long.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }
}

extension JSONValue: Codable {
    /// Decodes any JSON value. Through the SDK's own decoder the value is built straight from the parsed document;
    /// through any other decoder it is found by trying each kind in turn.
    public init(from decoder: any Decoder) throws {
        if let value = try JSONValue.fromEngine(decoder) {
            self = value
            return
        }
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not a JSON value.")
        }
    }

    /// Encodes the value as the JSON it stands for. Arrays and objects nested more than 512 levels deep (counting
    /// the containers of the values it is inside) throw `EncodingError.invalidValue`, before any encoder can
    /// recurse so deep that the stack overflows.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value):
            // Refused here, one level at a time, rather than by a walk of its own before encoding.
            if !value.isEmpty { try EncodingDepth.checkLevel(of: self, at: encoder.codingPath) }
            try container.encode(value)
        case .object(let value):
            if !value.isEmpty { try EncodingDepth.checkLevel(of: self, at: encoder.codingPath) }
            try container.encode(value)
        }
    }
}

// JSON values refuse to nest deeper than the limit as they are encoded.
extension JSONValue: EncodingDepth.Guarded {}

extension JSONValue {
    /// Converts any `Encodable` value to its JSON form.
    ///
    /// - Throws: `NangoError` of kind ``NangoError/Kind/invalidArgument`` when the value cannot be encoded.
    public init<Value: Encodable>(encoding value: Value) throws {
        let data = try NangoCoding.encode(value, what: "value")
        self = try NangoCoding.decode(JSONValue.self, from: data, context: .init(operation: "JSONValue(encoding:)"))
    }

    /// Decodes this JSON into `type`.
    ///
    /// - Throws: `NangoError` of kind ``NangoError/Kind/decoding`` when the JSON does not have that shape.
    public func decode<Value: Decodable>(as type: Value.Type = Value.self) throws -> Value {
        let data = try NangoCoding.encode(self, what: "JSON value")
        return try NangoCoding.decode(type, from: data, context: .init(operation: "JSONValue.decode"))
    }
}

extension JSONValue: ExpressibleByNilLiteral {
    /// `nil` is JSON `null`.
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    /// A Boolean literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    /// An integer literal.
    public init(integerLiteral value: Int64) { self = .int(value) }
}

extension JSONValue: ExpressibleByFloatLiteral {
    /// A floating-point literal.
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension JSONValue: ExpressibleByStringLiteral {
    /// A string literal.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension JSONValue: ExpressibleByArrayLiteral {
    /// An array literal.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    /// A dictionary literal; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension JSONValue: CustomStringConvertible {
    /// Compact JSON text (keys sorted).
    public var description: String {
        guard (try? EncodingDepth.check(self)) != nil else { return "<JSON nested too deeply to print>" }
        guard let data = try? NangoCoding.sortedEncoder.encode(self) else { return "<invalid JSON>" }
        return String(decoding: data, as: UTF8.self)
    }
}
