import Foundation
import Testing
@testable import Nango
@testable import NangoJSON

/// The generated models' direct readers (taken when the decoder is the SDK's engine) against their keyed
/// `Codable` path (taken by `JSONDecoder`): every fixture, with unknown fields added at every level, and
/// malformed documents, decode to equal values or fail with errors of the same kind at the same coding path.
@Suite("Differential: generated direct readers vs keyed Codable")
struct ModelDifferentialTests {
    /// `{"data": ...}`.
    struct Wrapped<Value: Decodable & Equatable>: Decodable, Equatable {
        var data: Value
    }

    struct Syncs: Decodable, Equatable {
        var syncs: [SyncStatus]
    }

    /// A record reduced to its metadata.
    struct MetadataOnly: Decodable, Equatable {
        var metadata: RecordMetadata

        enum CodingKeys: String, CodingKey {
            case metadata = "_nango_metadata"
        }
    }

    struct Records: Decodable, Equatable {
        var records: [MetadataOnly]
    }

    /// Decodes `json` both ways; the outcomes must agree, and (when `succeeds`) be values.
    static func check<T: Decodable & Equatable>(_ type: T.Type, _ json: String, succeeds: Bool = true) -> (Bool, String) {
        let (engine, foundation) = bothOutcomes(T.self, json)
        var ok = agree(engine, foundation)
        if succeeds, engine.isFailure { ok = false }
        return (ok, "engine \(engine), Foundation \(foundation)")
    }

    /// Every fixture of a model-shaped response, by the type it decodes as.
    static let fixtures: [(String, @Sendable (String) -> (Bool, String))] = {
        var cases: [(String, @Sendable (String) -> (Bool, String))] = []
        let connections = [
            "get-api-key", "get-app", "get-aws-sigv4", "get-basic-install-plugin", "get-basic", "get-bill",
            "get-custom-github-app-oauth", "get-custom", "get-empty-credentials", "get-jwt", "get-none",
            "get-nullables", "get-oauth1", "get-oauth2-cc", "get-oauth2", "get-signature", "get-tba", "get-two-step",
            "get-unknown-type",
        ]
        for name in connections {
            cases.append(("connections/\(name)", { check(Connection.self, $0) }))
        }
        cases.append(("connections/list", { check(ConnectionList.self, $0) }))
        cases.append(("integrations/get", { check(Wrapped<Integration>.self, $0) }))
        cases.append(("integrations/get-with-credentials", { check(Wrapped<Integration>.self, $0) }))
        cases.append(("integrations/list", { check(Wrapped<[Integration]>.self, $0) }))
        cases.append(("syncs/status", { check(Syncs.self, $0) }))
        cases.append(("providers/get", { check(Wrapped<Provider>.self, $0) }))
        cases.append(("providers/list", { check(Wrapped<[Provider]>.self, $0) }))
        cases.append(("functions/list", { check(Wrapped<[NangoFunction]>.self, $0) }))
        cases.append(("actions/trigger-async", { check(AsyncActionHandle.self, $0) }))
        cases.append(("syncs/create-variant", { check(SyncVariant.self, $0) }))
        cases.append(("records/prune", { check(PruneResult.self, $0) }))
        cases.append(("environment/scripts-config-nango", { check([IntegrationScriptsConfig].self, $0) }))
        cases.append(("environment/scripts-config-empty", { check([IntegrationScriptsConfig].self, $0) }))
        cases.append(("environment/scripts-config-openai", { check(Wrapped<[OpenAIFunction]>.self, $0) }))
        cases.append(("environment/variables", { check([EnvironmentVariable].self, $0) }))
        for name in ["page1", "page2-short", "page3-last", "page-pruned", "empty"] {
            cases.append(("records/\(name)", { check(Records.self, $0) }))
        }
        return cases
    }()

    static func text(_ name: String) throws -> String {
        String(decoding: try fixture("\(name).json"), as: UTF8.self)
    }

    /// The fixture with an unknown member added to every object that opens after `"key": ` (and to the root).
    static func withUnknownMembers(_ json: String) -> String {
        var result = json
        if let brace = result.firstIndex(of: "{") {
            result.insert(contentsOf: #""zz_future": {"nested": [1, 2.5, "x", null]}, "#, at: result.index(after: brace))
        }
        for key in ["credentials", "end_user", "organization", "_nango_metadata", "config_override", "app", "user"] {
            result = result.replacingOccurrences(of: "\"\(key)\": {\"", with: "\"\(key)\": {\"zz_extra\": true, \"")
            result = result.replacingOccurrences(of: "\"\(key)\": {\n", with: "\"\(key)\": {\"zz_extra\": true,\n")
        }
        return result
    }

    @Test("every fixture decodes the same both ways", arguments: 0..<fixtures.count)
    func fixtureDocument(index: Int) throws {
        let (name, check) = Self.fixtures[index]
        let (ok, message) = check(try Self.text(name))
        #expect(ok, "\(name): \(message)")
    }

    @Test("unknown members at every level are kept the same both ways", arguments: 0..<fixtures.count)
    func unknownMembers(index: Int) throws {
        let (name, check) = Self.fixtures[index]
        let original = try Self.text(name)
        let json = Self.withUnknownMembers(original)
        #expect(json.contains("zz_future") == original.contains("{"))
        let (ok, message) = check(json)
        #expect(ok, "\(name): \(message)")
    }

    @Test("unknown members reach additionalFields through the direct path")
    func unknownMembersKept() throws {
        let json = Self.withUnknownMembers(try Self.text("connections/get-oauth2"))
        let connection = try engineDecode(Connection.self, Data(json.utf8))
        #expect(connection.additionalFields["zz_future"] == ["nested": [1, 2.5, "x", nil]])
        #expect(connection.endUser?.additionalFields["zz_extra"] == true)
        guard case .oauth2(let oauth) = connection.credentials else {
            Issue.record("expected OAuth 2 credentials, got \(connection.credentials)")
            return
        }
        #expect(oauth.additionalFields == ["zz_extra": true])
        // Without unknown members, nothing is kept.
        let plain = try engineDecode(Connection.self, try fixture("connections/get-oauth2.json"))
        #expect(plain.additionalFields.isEmpty && plain.endUser?.additionalFields.isEmpty == true)
    }

    /// A minimal connection with `overrides` replacing (or adding) members and `removing` taken out.
    static func connection(_ overrides: KeyValuePairs<String, String> = [:], removing: Set<String> = []) -> String {
        var members: [(String, String)] = [
            ("id", "1"), ("connection_id", #""c""#), ("provider_config_key", #""k""#), ("provider", #""p""#),
            ("created_at", #""2025-01-01T00:00:00Z""#), ("updated_at", #""2025-01-01T00:00:00Z""#),
        ]
        members.removeAll { removing.contains($0.0) }
        for (key, value) in overrides {
            if let index = members.firstIndex(where: { $0.0 == key }) { members[index].1 = value } else { members.append((key, value)) }
        }
        return "{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    /// Connections with one thing wrong (or unusual) each.
    static let malformedConnections: [String] = [
        connection(),
        connection(["id": #""1""#]),
        connection(removing: ["id"]),
        connection(["created_at": "null"]),
        connection(["created_at": #""yesterday""#]),
        connection(["last_fetched_at": "5"]),
        connection(["end_user": "null"]),
        connection(["end_user": "[]"]),
        connection(["end_user": "{}"]),
        connection(["end_user": #"{"id":"u","organization":{"display_name":"x"}}"#]),
        connection(["end_user": #"{"id":"u","tags":{"a":1,"b":"x","c":null}}"#]),
        connection(["errors": "null"]),
        connection(["errors": "{}"]),
        connection(["errors": #"[{"type":"auth","log_id":"l"},{"type":1,"log_id":"l"}]"#]),
        connection(["errors": #"[{"type":"auth"}]"#]),
        connection(["tags": #"{"a":"b","c":1}"#]),
        connection(["tags": "[]"]),
        connection(["tags": "null"]),
        connection(["metadata": "[]"]),
        connection(["connection_config": "null"]),
        connection(["credentials": "null"]),
        connection(["credentials": "[]"]),
        connection(["credentials": "{}"]),
        connection(["credentials": #"{"a":1}"#]),
        connection(["credentials": #"{"type":5}"#]),
        connection(["credentials": #"{"type":"NONE"}"#]),
        connection(["credentials": #"{"type":"NONE","x":1}"#]),
        connection(["credentials": #"{"type":"OAUTH2"}"#]),
        connection(["credentials": #"{"type":"OAUTH2","access_token":"t","expires_at":"never"}"#]),
        connection(["credentials": #"{"type":"CUSTOM","app":{"access_token":"a"},"user":{"access_token":"u","refresh_token":null}}"#]),
        connection(["credentials": #"{"type":"APP","access_token":5}"#]),
        connection(["w\\u0065bhook_url_override": #""https://x""#]),
        connection(["zz": #"{"n":[1,{"m":null}]}"#]),
        "[]",
        "null",
    ]

    @Test("malformed connections fail (or not) the same way both ways", arguments: malformedConnections)
    func malformed(json: String) {
        let (ok, message) = Self.check(Connection.self, json, succeeds: false)
        #expect(ok, "\(message)")
    }

    @Test("other models: errors at the same coding paths")
    func otherModels() {
        let documents: [(String, @Sendable (String) -> (Bool, String))] = [
            (#"{"records":[{"_nango_metadata":{"first_seen_at":"2025-01-01T00:00:00Z","last_modified_at":"2025-01-01T00:00:00Z","last_action":"added","cursor":"c","deleted_at":null}}]}"#, { Self.check(Records.self, $0) }),
            (#"{"records":[{"_nango_metadata":{"first_seen_at":"2025-01-01T00:00:00Z","last_modified_at":"2025-01-01T00:00:00Z","last_action":3,"cursor":"c"}}]}"#, { Self.check(Records.self, $0, succeeds: false) }),
            (#"{"records":[{"_nango_metadata":{"first_seen_at":"2025-01-01T00:00:00Z","last_action":"ADDED","cursor":"c"}}]}"#, { Self.check(Records.self, $0, succeeds: false) }),
            (#"{"syncs":[{"id":42,"name":"s","status":"RUNNING","latestResult":{"m":{"added":1,"updated":2}},"recordCount":{"m":3}}]}"#, { Self.check(Syncs.self, $0) }),
            (#"{"syncs":[{"name":"s","status":"RUNNING","latestResult":{"m":{"added":"1","updated":2}}}]}"#, { Self.check(Syncs.self, $0, succeeds: false) }),
            (#"{"syncs":[{"name":"s","status":"RUNNING","recordCount":{"m":1.5}}]}"#, { Self.check(Syncs.self, $0, succeeds: false) }),
            (#"{"data":{"unique_key":"k","provider":"p","created_at":"2025-01-01T00:00:00Z","updated_at":"2025-01-01T00:00:00Z","credentials":{"client_id":"x"}}}"#, { Self.check(Wrapped<Integration>.self, $0, succeeds: false) }),
            (#"{"data":{"name":"n","type":"sync","scopes":["a",1]}}"#, { Self.check(Wrapped<NangoFunction>.self, $0, succeeds: false) }),
            (#"{"data":{"name":"n","categories":null,"auth_mode":"OAUTH2","other":{"a":1}}}"#, { Self.check(Wrapped<Provider>.self, $0) }),
        ]
        for (json, check) in documents {
            let (ok, message) = check(json)
            #expect(ok, "\(json): \(message)")
        }
    }

    /// What `IndexDecoder.engine(_:)` answers for the decoder it is given, against `as?`.
    struct EngineProbe: Decodable, Equatable {
        var isEngine: Bool
        var agreesWithCast: Bool

        init(from decoder: any Decoder) throws {
            let engine = IndexDecoder.engine(decoder)
            isEngine = engine != nil
            agreesWithCast = engine === (decoder as? IndexDecoder)
            _ = try decoder.singleValueContainer().decode(Int.self)
        }
    }

    @Test("the engine check answers as a cast would, for the engine's decoder and JSONDecoder's")
    func engineCheck() throws {
        let json = Data("[1, 2]".utf8)
        let engine = try engineDecode([EngineProbe].self, json)
        let foundation = try foundationDecode([EngineProbe].self, json)
        #expect(engine.allSatisfy { $0.isEngine && $0.agreesWithCast })
        #expect(foundation.allSatisfy { !$0.isEngine && $0.agreesWithCast })
    }
}
