import Foundation

// Stand-ins for the SDK symbols that JSONValue.swift uses, so that Fuzz/run.sh compiles the JSON engine alone.

enum NangoCoding {
    struct Context: Sendable {
        var operation: String
    }

    /// Foundation's decoder configured as the SDK's: ISO-8601 dates through `ISO8601.parse`.
    static let decoder: JSONDecoder = {
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

    static let encoder: JSONEncoder = makeEncoder(sorted: false)
    static let sortedEncoder: JSONEncoder = makeEncoder(sorted: true)

    private static func makeEncoder(sorted: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = sorted ? [.withoutEscapingSlashes, .sortedKeys] : [.withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601.format(date))
        }
        return encoder
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from data: Data, context: Context) throws -> Value {
        try decoder.decode(type, from: data)
    }

    static func encode<Value: Encodable>(_ value: Value, what: String) throws -> Data {
        try encoder.encode(value)
    }
}

/// Stand-in for the SDK's depth probe (the SDK's walks the value; this one accepts everything).
enum EncodingDepth {
    static let limit = 512

    static func check<Value: Encodable>(_ value: Value, limit: Int = limit) throws {}
}
