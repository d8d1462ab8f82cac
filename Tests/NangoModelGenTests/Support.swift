import Foundation
import Nango
import NangoJSON
import NangoTesting
import Testing

/// A fixture's bytes (the fixtures are this target's resources, flattened: `github.nango-schema.json`).
func fixture(_ name: String) throws -> Data {
    try Fixtures.data(name, in: .module)
}

/// A fixture as JSON.
func fixtureJSON(_ name: String) throws -> JSONValue {
    try ProxyResponse(status: 200, body: fixture(name)).decode(as: JSONValue.self)
}

/// `value` decoded by the SDK's JSON engine (generated models read through `NangoModelReader`), with its own
/// `DecodingError`s (the SDK's calls wrap them in `NangoError`).
func engineDecode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
    try JSONEngine.decode(T.self, from: data)
}

/// `value` decoded by Foundation's `JSONDecoder` (generated models read through keyed containers).
func foundationDecode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
    try JSONDecoder().decode(T.self, from: data)
}

/// Decoding by the engine, then by `JSONDecoder`.
func bothDecoders<T: Decodable>(_ type: T.Type) -> [(Data) throws -> T] {
    [{ try engineDecode(T.self, $0) }, { try foundationDecode(T.self, $0) }]
}

/// JSON text of a value.
func jsonData(_ value: JSONValue) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return try encoder.encode(value)
}

/// The decoding error itself, or the one a `NangoError` carries.
func decodingError(_ error: any Error) -> DecodingError? {
    (error as? DecodingError) ?? ((error as? NangoError)?.underlyingError as? DecodingError)
}

/// The path of a decoding error (or of the one a `NangoError` carries), as strings.
func codingPath(of error: any Error) -> [String]? {
    guard let error = decodingError(error) else { return nil }
    let context: DecodingError.Context
    switch error {
    case .typeMismatch(_, let value), .valueNotFound(_, let value), .dataCorrupted(let value): context = value
    case .keyNotFound(let key, let value): return value.codingPath.map(\.stringValue) + [key.stringValue]
    @unknown default: return nil
    }
    return context.codingPath.map(\.stringValue)
}

/// The same bytes through both decoders give equal values, or errors at the same path; and a value encoded
/// (with `JSONEncoder`) and decoded again is the same value. Returns the engine's values.
@discardableResult
func expectDifferential<T: Codable & Hashable & Sendable>(
    _ type: T.Type, _ instances: [JSONValue], sourceLocation: SourceLocation = #_sourceLocation
) throws -> [T] {
    var values: [T] = []
    for instance in instances {
        let data = try jsonData(instance)
        let engine = Result { try engineDecode(T.self, data) }
        let foundation = Result { try foundationDecode(T.self, data) }
        switch (engine, foundation) {
        case (.success(let fast), .success(let keyed)):
            #expect(fast == keyed, "\(T.self): the engine and JSONDecoder disagree on \(instance)", sourceLocation: sourceLocation)
            let encoded = try JSONEncoder().encode(fast)
            #expect(try engineDecode(T.self, encoded) == fast, "\(T.self) round trip", sourceLocation: sourceLocation)
            #expect(try foundationDecode(T.self, encoded) == fast, "\(T.self) round trip", sourceLocation: sourceLocation)
            values.append(fast)
        case (.failure(let fast), .failure(let keyed)):
            Issue.record("\(T.self) failed to decode \(instance): \(fast) / \(keyed)", sourceLocation: sourceLocation)
        case (.success, .failure(let error)), (.failure(let error), .success):
            Issue.record("\(T.self): only one decoder failed on \(instance): \(error)", sourceLocation: sourceLocation)
        }
    }
    return values
}

/// The members of a JSON object's array member `key`.
func elements(_ json: JSONValue, _ key: String) -> [JSONValue] {
    guard case .object(let members) = json, case .array(let elements)? = members[key] else { return [] }
    return elements
}

/// A record without its `_nango_metadata`.
func payload(_ record: JSONValue) -> JSONValue {
    guard case .object(var members) = record else { return record }
    members["_nango_metadata"] = nil
    return .object(members)
}

/// A date from its ISO 8601 text (test expectations).
func date(_ text: String) throws -> Date {
    try engineDecode(NangoDate.self, Data("\"\(text)\"".utf8)).date
}
