import Foundation
import HTTPTypes
import Logging
@testable import Nango
import NangoTesting
import Testing

/// The secret key used by every test client: a canary that must never appear in any printed output.
let canaryKey = "canary-secret-nango-key-7f3a9c"

/// Header fields from name/value pairs (names that are not valid are left out).
func fields(_ pairs: [(String, String)]) -> HTTPFields {
    var fields = HTTPFields()
    for (name, value) in pairs {
        if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
    }
    return fields
}

/// A client on a fresh mock, with an immediate clock so retries never sleep.
func makeClient(
    _ mock: MockTransport,
    clock: ImmediateClock = ImmediateClock(),
    configure: (inout NangoClient.Configuration) -> Void = { _ in }
) throws -> NangoClient {
    var configuration = NangoClient.Configuration()
    configuration.clock = clock
    configure(&configuration)
    return try NangoClient(secretKey: canaryKey, configuration: configuration, transport: mock)
}

/// A fixture's bytes from `Fixtures/<name>.json`.
func fixture(_ name: String) throws -> Data {
    try Fixtures.data("Fixtures/\(name)", in: .module)
}

/// A response whose body is the fixture `name`.
func fixtureResponse(_ name: String, status: Int = 200, headers: HTTPFields = HTTPFields()) throws -> MockTransport.Response {
    try .fixture("Fixtures/\(name)", in: .module, status: status, headers: headers)
}

/// Decodes a fixture through the SDK's own decoder.
func decodeFixture<Value: Decodable>(_ name: String, as type: Value.Type = Value.self) throws -> Value {
    try NangoCoding.decode(type, from: fixture(name), context: .init(operation: "test"))
}

/// Every way a value can be printed: `description`, `debugDescription`, interpolation, `dump`.
func everyRendering(of value: Any) -> String {
    var dumped = ""
    dump(value, to: &dumped)
    return [String(describing: value), String(reflecting: value), "\(value)", dumped].joined(separator: "\n")
}

/// Asserts that nothing secret-looking appears in `text`.
func expectNoSecrets(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(!text.contains("canary-secret"), "secret leaked: \(text)", sourceLocation: sourceLocation)
}

/// The common headers of every request: user agent, JSON accept, the bearer key, no Accept-Language.
func expectStandardHeaders(_ request: RecordedRequest, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(request.header("Authorization") == "Bearer \(canaryKey)", sourceLocation: sourceLocation)
    #expect(request.header("Accept") == "application/json", sourceLocation: sourceLocation)
    #expect(request.header("User-Agent")?.hasPrefix("nango-swift/\(NangoClient.version) (") == true, sourceLocation: sourceLocation)
    #expect(request.header("Accept-Language") == nil, sourceLocation: sourceLocation)
}

/// Records every log message and its metadata, to check what logging exposes.
final class CapturingLogHandler: LogHandler, @unchecked Sendable {
    final class Store: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []

        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var text: String { lock.withLock { lines.joined(separator: "\n") } }
        var count: Int { lock.withLock { lines.count } }
    }

    let store: Store
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    init(store: Store) {
        self.store = store
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        store.append("\(event.level) \(event.message) \(event.metadata ?? [:])")
    }
}

/// Waits (in real time, up to `limit`) until `condition` holds; fails the test if it never does.
func waitUntil(
    limit: Duration = .seconds(10),
    sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () -> Bool
) async throws {
    let deadline = ContinuousClock.now + limit
    while !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("condition not met within \(limit)", sourceLocation: sourceLocation)
            return
        }
        try await Task.sleep(for: .milliseconds(5))
    }
}
