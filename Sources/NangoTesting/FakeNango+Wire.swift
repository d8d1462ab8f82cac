import Foundation
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
    static func encode(_ value: JSONValue) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // JSONValue holds only JSON-representable values, so encoding cannot fail.
        return (try? encoder.encode(value)) ?? Data("null".utf8)
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
/// `2026-08-15T07:45:09.881305+00:00` (microseconds) in records' `_nango_metadata`.
enum WireDate {
    static func milliseconds(_ date: Date) -> String {
        format(date, digits: 3, suffix: "Z")
    }

    static func microseconds(_ date: Date) -> String {
        format(date, digits: 6, suffix: "+00:00")
    }

    private static func format(_ date: Date, digits: Int, suffix: String) -> String {
        let interval = date.timeIntervalSince1970
        let whole = interval.rounded(.down)
        let scale = digits == 3 ? 1_000.0 : 1_000_000.0
        let fraction = min(Int(((interval - whole) * scale).rounded()), Int(scale) - 1)
        let base = Date(timeIntervalSince1970: whole).formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
        // `base` ends with "Z".
        let padded = String(fraction).leftPadded(to: digits)
        return String(base.dropLast()) + "." + padded + suffix
    }

    /// The date in whole milliseconds since 1970, for comparisons that ignore floating-point noise.
    static func millisecondsSince1970(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000).rounded())
    }

    /// Parses the ISO 8601 forms a client sends (`modified_after`), with or without fractional seconds.
    static func parse(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        return nil
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
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
