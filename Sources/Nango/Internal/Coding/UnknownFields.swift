import NangoJSON
/// A coding key for any string: used to read and write the fields a model does not know.
struct AnyCodingKey: CodingKey, Hashable {
    let stringValue: String
    let intValue: Int?

    init(_ string: String) {
        stringValue = string
        intValue = nil
    }

    init?(stringValue: String) {
        self.init(stringValue)
    }

    init?(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension Decoder {
    /// Every member of the current JSON object that is not one of `known`'s keys, so a model can keep fields that
    /// a newer Nango sends and write them back unchanged. Through the SDK's own decoder, only unknown members
    /// are converted: with none, it costs a key comparison per member.
    func unknownFields<Known: CodingKey>(excluding known: Known.Type) throws -> [String: JSONValue] {
        if let engine = IndexDecoder.engine(self) {
            return try engine.unknownMembers { Known(stringValue: $0) != nil }
        }
        let container = try self.container(keyedBy: AnyCodingKey.self)
        var fields: [String: JSONValue] = [:]
        for key in container.allKeys where Known(stringValue: key.stringValue) == nil {
            fields[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
        }
        return fields
    }
}

extension Encoder {
    /// Writes fields kept by ``Decoder/unknownFields(excluding:)``.
    func encodeUnknownFields(_ fields: [String: JSONValue]) throws {
        guard !fields.isEmpty else { return }
        var container = self.container(keyedBy: AnyCodingKey.self)
        for (key, value) in fields {
            try container.encode(value, forKey: AnyCodingKey(key))
        }
    }
}

/// Descriptions for values that hold secrets: only the named, non-secret fields are shown.
enum Redacted {
    static func describe(_ typeName: String, _ fields: KeyValuePairs<String, Any?>) -> String {
        let shown = fields.compactMap { name, value in value.map { "\(name): \($0)" } }
        return "\(typeName)(" + (shown + ["secrets: \(Redaction.placeholder)"]).joined(separator: ", ") + ")"
    }

    static func mirror<Subject>(_ subject: Subject, _ fields: KeyValuePairs<String, Any?>) -> Mirror {
        var children: [(label: String?, value: Any)] = fields.compactMap { name, value in
            value.map { (label: name, value: $0) }
        }
        children.append((label: "secrets", value: Redaction.placeholder))
        return Mirror(subject, children: children, displayStyle: .struct)
    }
}

extension Redacted {
    /// The sorted keys of a map whose values may be secret, or `nil` when it is empty or absent.
    static func keys<Value>(_ map: [String: Value]?) -> [String]? {
        guard let map, !map.isEmpty else { return nil }
        return map.keys.sorted()
    }
}
