import Foundation
import NangoJSON
import HTTPTypes
import Nango

// Response building for FakeNango: the reply type, Nango's error envelope, timestamps as Nango writes them, and
// small readers of request bodies.

/// One response of the fake.
struct FakeReply: Sendable {
    var status: Int
    var headers: HTTPFields
    var body: Data

    /// A JSON response.
    static func json(_ value: JSONValue, status: Int = 200) -> FakeReply {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return FakeReply(status: status, headers: headers, body: WireJSON.encode(value))
    }

    /// `{"success": true}`.
    static var success: FakeReply { .json(["success": true]) }
}

/// A refusal in Nango's envelope: `{"error": {"code": ..., "message": ...}}`.
struct APIFailure: Error, Sendable {
    var status: Int
    var code: String
    var message: String
    var extra: [String: JSONValue] = [:]
    var headers = HTTPFields()

    var reply: FakeReply {
        var error: [String: JSONValue] = ["code": .string(code), "message": .string(message)]
        for (key, value) in extra { error[key] = value }
        var reply = FakeReply.json(["error": .object(error)], status: status)
        for field in headers { reply.headers[field.name] = field.value }
        return reply
    }

    static func notFound(_ message: String) -> APIFailure {
        APIFailure(status: 404, code: "not_found", message: message)
    }

    static func unknownConnection(_ connectionID: String, _ providerConfigKey: String) -> APIFailure {
        APIFailure(
            status: 400,
            code: "unknown_connection",
            message: "No connection matching the provided params of 'connection_id' (\(connectionID)) and 'provider_config_key' (\(providerConfigKey))."
        )
    }

    static func unknownProviderConfig(_ providerConfigKey: String) -> APIFailure {
        APIFailure(
            status: 400,
            code: "unknown_provider_config",
            message: "There is no Provider Configuration matching this key (\(providerConfigKey))."
        )
    }

    /// A validation failure (`invalid_body`, `invalid_query_params`, `invalid_headers`...), with Nango's `errors` list.
    static func invalid(_ code: String, _ message: String, path: [String] = []) -> APIFailure {
        APIFailure(
            status: 400,
            code: code,
            message: message,
            extra: ["errors": [["code": "custom", "message": .string(message), "path": .array(path.map(JSONValue.string))]]]
        )
    }

    static func invalidBody(_ message: String, path: [String] = []) -> APIFailure {
        invalid("invalid_body", message, path: path)
    }

    static func invalidQuery(_ message: String, path: [String] = []) -> APIFailure {
        invalid("invalid_query_params", message, path: path)
    }
}

enum WireJSON {
    /// Compact JSON with sorted keys and unescaped slashes, written directly (the fake encodes large record
    /// pages; a direct writer keeps it cheap).
    static func encode(_ value: JSONValue) -> Data {
        var output: [UInt8] = []
        output.reserveCapacity(512)
        write(value, into: &output)
        return Data(output)
    }

    private static func write(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): output.append(contentsOf: String(number).utf8)
        case .double(let number):
            // Swift's shortest round-trip form ("0.5", "1e-05", "5e+20") is valid JSON; JSON has no infinities.
            output.append(contentsOf: (number.isFinite ? String(number) : "null").utf8)
        case .string(let text): writeString(text, into: &output)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(item, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                if let member = members[key] { write(member, into: &output) }
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ text: String, into output: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00..<0x20:
                output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    static func parse(_ data: Data?) -> JSONValue? {
        guard let data, !data.isEmpty else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// The request body as a JSON object, or a 400 `invalid_body`.
    static func object(_ data: Data?) throws -> [String: JSONValue] {
        guard let json = parse(data), case .object(let members) = json else {
            throw APIFailure.invalidBody("The body must be a JSON object.")
        }
        return members
    }

    static func requiredString(_ members: [String: JSONValue], _ key: String) throws -> String {
        guard let value = members[key]?.stringValue, !value.isEmpty else {
            throw APIFailure.invalidBody("\(key) is required and must be a non-empty string.", path: [key])
        }
        return value
    }

    static func optionalString(_ members: [String: JSONValue], _ key: String) throws -> String? {
        switch members[key] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        default: throw APIFailure.invalidBody("\(key) must be a string.", path: [key])
        }
    }

    static func stringMap(_ value: JSONValue?, _ key: String) throws -> [String: String]? {
        switch value {
        case nil, .null?: return nil
        case .object(let members)?:
            var map: [String: String] = [:]
            for (name, value) in members {
                guard let text = value.stringValue else {
                    throw APIFailure.invalidBody("\(key).\(name) must be a string.", path: [key, name])
                }
                map[name] = text
            }
            return map
        default:
            throw APIFailure.invalidBody("\(key) must be an object of strings.", path: [key])
        }
    }

    static func stringMapJSON(_ map: [String: String]) -> JSONValue {
        .object(map.mapValues(JSONValue.string))
    }
}

/// Timestamps in the forms Nango writes: `2026-08-15T07:45:09.881Z` in most places, and
/// `2026-08-15T07:45:09.881305+00:00` (microseconds) in records' `_nango_metadata`; written and read by the
/// SDK's own ISO 8601 code, so the fake and the client agree to the microsecond.
enum WireDate {
    static func milliseconds(_ date: Date) -> String {
        ISO8601.format(date)
    }

    static func microseconds(_ date: Date) -> String {
        ISO8601.formatWithMicroseconds(date)
    }

    /// The date in whole milliseconds since 1970, for comparisons that ignore floating-point noise.
    static func millisecondsSince1970(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000).rounded())
    }

    /// Parses the ISO 8601 forms a client sends (`modified_after`), with or without fractional seconds.
    static func parse(_ text: String) -> Date? {
        ISO8601.parse(text)
    }
}

extension JSONValue {
    /// A record id as the fake keys it: strings as they are, integers in decimal.
    var recordKey: String? {
        switch self {
        case .string(let text): return text.isEmpty ? nil : text
        case .int(let value): return String(value)
        default: return nil
        }
    }
}
