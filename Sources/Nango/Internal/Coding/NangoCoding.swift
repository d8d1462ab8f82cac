import Foundation
import NangoJSON

/// The one place where the SDK turns bytes into values and values into bytes.
///
/// Every response is decoded through ``decode(_:from:emptyAsNull:context:)``, on the SDK's JSON engine
/// (``JSONEngine``: a strict RFC 8259 parser into a compact index, and a `Decoder` over it; dates through
/// ``ISO8601``). No global key strategy: models spell their keys explicitly, because Nango mixes snake_case and
/// camelCase. Requests are encoded with `JSONEncoder`.
enum NangoCoding {
    /// Where a decode happened, for the error it may throw.
    struct Context: Sendable {
        var operation: String
        var status: Int?
        var requestID: String?
        var attempts: Int = 1
    }

    /// The engine's options for every decode: `JSONValue` and its collections read straight from the index.
    static let engineOptions = JSONEngine.Options(directTypes: JSONValueDirectTypes.self)

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

    /// Decodes a response body; a failure becomes a ``NangoError`` of kind `.decoding` with a redacted preview.
    /// With `emptyAsNull`, an empty (or blank) body is read as JSON `null`.
    static func decode<Value: Decodable>(
        _ type: Value.Type,
        from data: Data,
        emptyAsNull: Bool = false,
        context: @autoclosure () -> Context
    ) throws -> Value {
        do {
            let isBlank = data.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
            return try JSONEngine.decode(type, from: emptyAsNull && isBlank ? Data("null".utf8) : data, options: engineOptions)
        } catch {
            throw decodingError(error, type, body: data, context: context())
        }
    }

    /// Parses a response body that will be decoded as `type` into the engine's index, to read a little of it at
    /// once and decode it later.
    static func parse(_ data: Data, as type: Any.Type, context: @autoclosure () -> Context) throws -> JSONIndex {
        do {
            return try JSONIndex(parsing: data, maxDepth: JSONParser.defaultMaxDepth)
        } catch {
            throw decodingError(JSONEngine.invalidJSON(error), type, body: data, context: context())
        }
    }

    /// Decodes a body already parsed by ``parse(_:context:)``. The index holds a copy of the body, so the
    /// response's own bytes need not be kept until then; an error's body is copied back from the index.
    static func decode<Value: Decodable>(
        _ type: Value.Type,
        from document: JSONIndex,
        context: @autoclosure () -> Context
    ) throws -> Value {
        do {
            return try JSONEngine.decode(type, from: document, options: engineOptions)
        } catch {
            throw decodingError(error, type, body: document.body, context: context())
        }
    }

    /// A document as a `JSONValue`, built from the index.
    ///
    /// - Throws: `DecodingError.dataCorrupted` like `decode(JSONValue.self, from:)`.
    static func jsonValue(from data: Data) throws -> JSONValue {
        let index = try JSONEngine.index(data, maxDepth: JSONParser.defaultMaxDepth)
        do {
            return try JSONValue(index: index)
        } catch {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: [], debugDescription: "Number out of range.", underlyingError: error
            ))
        }
    }

    static func decodingError(_ error: any Error, _ type: Any.Type, body data: Data, context: Context) -> NangoError {
        NangoError(
            kind: .decoding,
            // The operation names what was being read; the SDK's own wrapper types would mean nothing to the
            // reader, and the path in `describe` says where the body differs from what was expected.
            message: "Could not read the response of \(context.operation): \(describe(error))"
                + " (body: \(Redaction.preview(of: data)))",
            status: context.status,
            requestID: context.requestID,
            operation: context.operation,
            attempts: context.attempts,
            responseBody: data,
            underlyingError: RedactedDecodingError(error)
        )
    }

    /// Encodes a request body or value; a failure is the caller's input, so it is an `invalidArgument` error.
    /// A value nested deeper than ``EncodingDepth/limit`` is refused before the encoder recurses past it: a
    /// ``EncodingDepth/Guarded`` type refuses it itself as it is encoded; any other type is walked first.
    static func encode<Value: Encodable>(_ value: Value, what: String) throws -> Data {
        func tooDeep() -> NangoError {
            NangoError(
                kind: .invalidArgument,
                message: "The \(what) nests arrays or objects more than \(EncodingDepth.limit) levels deep."
            )
        }
        if EncodingDepth.needsCheck(Value.self) {
            do {
                try EncodingDepth.check(value)
            } catch is EncodingDepth.TooDeep {
                throw tooDeep()
            } catch {
                // Any other failure (an invalid value) is reported by the encoder below, with its own message.
            }
        }
        do {
            return try encoder.encode(value)
        } catch where EncodingDepth.isTooDeep(error) {
            throw tooDeep()
        } catch {
            throw NangoError(kind: .invalidArgument, message: "Could not encode the \(what) as JSON: \(describe(error))")
        }
    }

    /// A one-line account of a coding error that names the path, never the value.
    /// What a decoder expected, as JSON says it (`a string`, `an object`), for the SDK's own types and the
    /// standard library's; a user's type by its name.
    static func expected(_ type: Any.Type) -> String {
        let name = String(describing: type)
        if type == String.self || type == Substring.self { return "a string" }
        if type == Bool.self { return "a boolean" }
        if type is any BinaryInteger.Type || type is any BinaryFloatingPoint.Type || type == Decimal.self { return "a number" }
        if name.hasPrefix("Array<") || name.hasPrefix("ContiguousArray<") || name.hasPrefix("Set<") { return "an array" }
        if name.hasPrefix("Dictionary<") || name.hasPrefix("DataEnvelope<") || name.contains("KeyedDecodingContainer") {
            return "an object"
        }
        return name
    }

    static func describe(_ error: any Error) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.isEmpty ? "the top level" : codingPath.map { key in
                key.intValue.map { "[\($0)]" } ?? key.stringValue
            }.joined(separator: ".")
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing key '\(key.stringValue)' at \(path(context.codingPath))"
        case DecodingError.typeMismatch(let type, let context):
            return "expected \(expected(type)) at \(path(context.codingPath))"
        case DecodingError.valueNotFound(let type, let context):
            return "expected \(expected(type)) but found null at \(path(context.codingPath))"
        case DecodingError.dataCorrupted(let context) where context.underlyingError is JSONEngineError:
            return "the body is not valid JSON"
        case DecodingError.dataCorrupted(let context):
            return "invalid value at \(path(context.codingPath))"
        case EncodingError.invalidValue(_, let context):
            return "invalid value at \(path(context.codingPath))"
        default:
            return "\(type(of: error))"
        }
    }
}

/// A decoding error reduced to its description, so the original (whose context may quote the payload) is not
/// carried around inside a ``NangoError``.
struct RedactedDecodingError: Error, CustomStringConvertible {
    let description: String

    init(_ error: any Error) {
        description = NangoCoding.describe(error)
    }
}
