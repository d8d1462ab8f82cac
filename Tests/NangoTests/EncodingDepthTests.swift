import Foundation
@testable import Nango
import NangoTesting
import Testing

/// A user type that nests itself, to show the check works for any `Encodable`, not only `JSONValue`.
private final class Node: Encodable, @unchecked Sendable {
    let name: String
    let child: Node?
    let siblings: [Int]

    init(depth: Int) {
        var node: Node? = nil
        for level in 0..<depth { node = Node(name: "n\(level)", child: node) }
        name = "root"
        child = node
        siblings = [1, 2]
    }

    private init(name: String, child: Node?) {
        self.name = name
        self.child = child
        siblings = []
    }
}

/// A type that nests through super encoders and nested containers instead of `encode(_:forKey:)`.
private struct Chain: Encodable, Sendable {
    let depth: Int

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        try container.encode(depth, forKey: AnyCodingKey("depth"))
        guard depth > 0 else { return }
        if depth % 2 == 0 {
            try Chain(depth: depth - 1).encode(to: container.superEncoder(forKey: AnyCodingKey("next")))
        } else {
            var nested = container.nestedUnkeyedContainer(forKey: AnyCodingKey("list"))
            try Chain(depth: depth - 1).encode(to: nested.superEncoder())
        }
    }
}

@Suite("Encoding depth", .timeLimit(.minutes(1)))
struct EncodingDepthTests {
    @Test("values up to the limit pass; deeper ones are refused, whatever their type", arguments: [
        (10, true), (EncodingDepth.limit - 2, true), (EncodingDepth.limit + 1, false), (10_000, false),
    ])
    func jsonValueDepths(depth: Int, passes: Bool) {
        var value = JSONValue.int(1)
        for index in 0..<depth { value = index % 2 == 0 ? .array([value]) : .object(["k": value]) }
        #expect(((try? EncodingDepth.check(value)) != nil) == passes)
    }

    @Test("a recursive user type nested 10,000 deep is refused; 100 deep encodes", arguments: [(100, true), (10_000, false)])
    func userType(depth: Int, passes: Bool) {
        let node = Node(depth: depth)
        #expect(((try? NangoCoding.encode(node, what: "test")) != nil) == passes)
    }

    @Test("nesting through super encoders and nested containers is counted too", arguments: [(100, true), (10_000, false)])
    func superEncoders(depth: Int, passes: Bool) {
        #expect(((try? EncodingDepth.check(Chain(depth: depth))) != nil) == passes)
    }

    @Test("an encoding failure other than depth keeps the encoder's own message")
    func otherFailures() {
        let error = #expect(throws: NangoError.self) { try NangoCoding.encode(["x": Double.nan], what: "test") }
        #expect(error?.message.contains("levels deep") == false)
    }

    @Test("triggerAction with a deep typed input is refused before anything is sent")
    func deepActionInput() async throws {
        let mock = MockTransport()
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) {
            try await nango.triggerAction(providerConfigKey: "p", connectionID: "c", action: "a", input: Node(depth: 10_000))
        }
        #expect(error?.kind == .invalidArgument)
        #expect(mock.requests.isEmpty)
    }

    @Test("the probe agrees with JSONEncoder on ordinary values")
    func ordinaryValues() throws {
        let value: JSONValue = ["a": [1, 2.5, "x", nil, true, ["b": ["c": []]]]]
        try EncodingDepth.check(value)
        let data = try NangoCoding.encode(value, what: "test")
        #expect(try JSONDecoder().decode(JSONValue.self, from: data) == value)
    }

    @Test("a JSONValue refuses too deep a nesting as it is encoded, at the same limit as the walk", arguments: [
        (EncodingDepth.limit - 2, true), (EncodingDepth.limit - 1, true), (EncodingDepth.limit + 1, false), (10_000, false),
    ])
    func guardedJSONValue(depth: Int, passes: Bool) throws {
        var value = JSONValue.int(1)
        for index in 0..<depth { value = index % 2 == 0 ? .array([value]) : .object(["k": value]) }
        // The walk and the encoder's own check agree.
        #expect(((try? EncodingDepth.check(value)) != nil) == passes)
        #expect(((try? NangoCoding.encoder.encode(value)) != nil) == passes)
        if passes {
            _ = try NangoCoding.encode(value, what: "test")
        } else {
            let error = #expect(throws: NangoError.self) { try NangoCoding.encode(value, what: "test") }
            #expect(error?.message == "The test nests arrays or objects more than \(EncodingDepth.limit) levels deep.")
        }
    }

    @Test("JSONValue and the SDK's request models are encoded without a separate walk; callers' types are walked")
    func whoIsWalked() {
        #expect(!EncodingDepth.needsCheck(JSONValue.self))
        #expect(!EncodingDepth.needsCheck(ConnectSessionRequest.self))
        #expect(!EncodingDepth.needsCheck(ImportConnectionRequest.self))
        #expect(!EncodingDepth.needsCheck(IntegrationPatch.self))
        #expect(EncodingDepth.needsCheck(Node.self))
        #expect(EncodingDepth.needsCheck(Chain.self))
        #expect(EncodingDepth.needsCheck([String: Int].self))
    }

    @Test("a request model holding too deep a JSONValue is refused before anything is sent")
    func deepMetadataInModel() async throws {
        var metadata = JSONValue.int(1)
        for _ in 0..<2_000 { metadata = .object(["k": metadata]) }
        let mock = MockTransport()
        let nango = try makeClient(mock)
        let request = ImportConnectionRequest(
            providerConfigKey: "p", connectionID: "c", credentials: .empty, metadata: ["deep": metadata]
        )
        let error = await #expect(throws: NangoError.self) { try await nango.importConnection(request) }
        #expect(error?.kind == .invalidArgument)
        #expect(error?.message.contains("levels deep") == true)
        #expect(mock.requests.isEmpty)
    }
}
