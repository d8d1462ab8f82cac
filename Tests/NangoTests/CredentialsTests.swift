import Foundation
@testable import Nango
@testable import NangoJSON
import NangoTesting
import Testing

@Suite("Credentials and connection models", .timeLimit(.minutes(1)))
struct CredentialsTests {
    static let typedFixtures: [(String, AuthMode?)] = [
        ("get-oauth2", .oauth2), ("get-oauth1", .oauth1), ("get-oauth2-cc", .oauth2ClientCredentials),
        ("get-api-key", .apiKey), ("get-basic", .basic), ("get-basic-install-plugin", .basic), ("get-app", .app),
        ("get-custom", .custom), ("get-custom-github-app-oauth", .custom), ("get-tba", .tba), ("get-jwt", .jwt),
        ("get-bill", .bill), ("get-two-step", .twoStep), ("get-signature", .signature), ("get-aws-sigv4", .awsSigV4),
        ("get-none", AuthMode.none), ("get-empty-credentials", nil), ("get-unknown-type", "QUANTUM_AUTH"),
    ]

    @Test("every credentials type decodes to its case", arguments: typedFixtures)
    func decodesEveryType(name: String, type: AuthMode?) throws {
        let connection = try decodeFixture("connections/\(name)", as: Connection.self)
        #expect(connection.credentials.type == type)
        switch (name, connection.credentials) {
        case ("get-oauth2", .oauth2(let value)):
            #expect(value.expiresAt != nil)
            #expect(value.configOverride?.clientID != nil)
        case ("get-oauth1", .oauth1(let value)): #expect(!value.oauthTokenSecret.isEmpty)
        case ("get-oauth2-cc", .oauth2ClientCredentials(let value)): #expect(!value.clientID.isEmpty)
        case ("get-api-key", .apiKey(let value)): #expect(value.apiKey.contains("canary-secret"))
        case ("get-basic", .basic(let value)): #expect(value.username != nil && value.password != nil)
        case ("get-basic-install-plugin", .basic(let value)): #expect(!value.additionalFields.isEmpty)
        case ("get-app", .app(let value)): #expect(value.jwtToken != nil)
        case ("get-custom", .custom(let value)): #expect(value.raw != nil && value.app == nil)
        case ("get-custom-github-app-oauth", .custom(let value)):
            #expect(value.app?.accessToken.isEmpty == false)
            #expect(value.user?.accessToken.isEmpty == false)
        case ("get-tba", .tba(let value)): #expect(!value.tokenSecret.isEmpty)
        case ("get-jwt", .jwt(let value)):
            #expect(value.token != nil)
            #expect(value.additionalFields["privateKey"]?["secret"] != nil)
        case ("get-bill", .bill(let value)): #expect(!value.organizationID.isEmpty)
        case ("get-two-step", .twoStep(let value)): #expect(value.token != nil)
        case ("get-signature", .signature(let value)): #expect(!value.username.isEmpty)
        case ("get-aws-sigv4", .awsSigV4(let value)): #expect(!value.region.isEmpty)
        case ("get-none", .unauthenticated), ("get-empty-credentials", .empty): break
        case ("get-unknown-type", .unknown(let json)): #expect(json["extra"]?["nested"] == [1, 2])
        default: Issue.record("\(name) decoded as \(connection.credentials)")
        }
    }

    @Test("every fixture round-trips through encode and decode unchanged, unknown fields included", arguments: typedFixtures.map(\.0) + ["get-nullables"])
    func roundTrips(name: String) throws {
        let original = try fixture("connections/\(name)")
        let connection = try JSONEngine.decode(Connection.self, from: original)
        let encoded = try NangoCoding.encoder.encode(connection)
        let again = try JSONEngine.decode(Connection.self, from: encoded)
        #expect(again == connection)
        // Credentials compare equal as JSON to what was sent, apart from date formatting.
        let sent = try JSONEngine.decode(JSONValue.self, from: original)["credentials"]
        let written = try JSONEngine.decode(JSONValue.self, from: encoded)["credentials"]
        #expect(normalizedDates(sent) == normalizedDates(written))
    }

    @Test("an unknown auth type and unknown fields survive a round trip exactly")
    func unknownSurvives() throws {
        let text = #"{"type":"QUANTUM_AUTH","quantum_token":"canary-secret-q","extra":{"nested":[1,2.5,"x",null,true]}}"#
        let credentials = try JSONEngine.decode(Credentials.self, from: Data(text.utf8))
        guard case .unknown = credentials else {
            Issue.record("expected .unknown")
            return
        }
        let encoded = try NangoCoding.sortedEncoder.encode(credentials)
        #expect(String(decoding: encoded, as: UTF8.self) == #"{"extra":{"nested":[1,2.5,"x",null,true]},"quantum_token":"canary-secret-q","type":"QUANTUM_AUTH"}"#)
        expectNoSecrets(everyRendering(of: credentials))
    }

    @Test("a known type with extra fields keeps them; a known type with a wrong shape becomes unknown")
    func knownTypeVariants() throws {
        let extra = #"{"type":"API_KEY","apiKey":"canary-secret-k","region":"eu"}"#
        let decoded = try JSONEngine.decode(Credentials.self, from: Data(extra.utf8))
        guard case .apiKey(let key) = decoded else {
            Issue.record("expected .apiKey")
            return
        }
        #expect(key.additionalFields == ["region": "eu"])
        let reencoded = try JSONEngine.decode(JSONValue.self, from: NangoCoding.encoder.encode(decoded))
        #expect(reencoded == ["type": "API_KEY", "apiKey": "canary-secret-k", "region": "eu"])

        let malformed = #"{"type":"OAUTH2","token":"canary-secret-x"}"#
        let fallback = try JSONEngine.decode(Credentials.self, from: Data(malformed.utf8))
        #expect(fallback == .unknown(["type": "OAUTH2", "token": "canary-secret-x"]))
        #expect(fallback.type == .oauth2)
    }

    @Test("user names print redacted too (some APIs put their key there)")
    func usernamesRedacted() throws {
        let basic = Credentials.basic(.init(username: "canary-secret-user", password: "canary-secret-pass"))
        let bill = Credentials.bill(.init(username: "canary-secret-user", password: "p", organizationID: "org", devKey: "canary-secret-dev"))
        let signature = Credentials.signature(.init(username: "canary-secret-user", password: "p"))
        for credentials in [basic, bill, signature] {
            expectNoSecrets(everyRendering(of: credentials))
        }
        #expect(everyRendering(of: bill).contains("org"))
    }

    @Test("a 64-bit integer in metadata round-trips exactly; doubles stay doubles")
    func bigIntegers() throws {
        let text = #"{"id":9007199254740993,"max":9223372036854775807,"min":-9223372036854775808,"ratio":0.1,"whole":2.0}"#
        let value = try JSONEngine.decode(JSONValue.self, from: Data(text.utf8))
        #expect(value["id"] == .int(9_007_199_254_740_993))
        #expect(value["max"] == .int(Int64.max))
        #expect(value["min"] == .int(Int64.min))
        #expect(value["ratio"] == .double(0.1))
        let encoded = String(decoding: try NangoCoding.sortedEncoder.encode(value), as: UTF8.self)
        #expect(encoded.contains(#""id":9007199254740993"#))
        #expect(encoded.contains(#""max":9223372036854775807"#))
        #expect(encoded.contains(#""min":-9223372036854775808"#))
    }

    @Test("nullable connection fields decode as nil and unknown top-level fields are kept")
    func nullables() throws {
        let connection = try decodeFixture("connections/get-nullables", as: Connection.self)
        #expect(connection.metadata == nil)
        #expect(connection.lastFetchedAt == nil)
        #expect(connection.endUser == nil)
        #expect(connection.webhookURLOverride != nil)
        #expect(!connection.additionalFields.isEmpty)
    }

    @Test("no credentials secret appears in any rendering of any connection or its credentials", arguments: typedFixtures.map(\.0))
    func credentialsNeverPrint(name: String) throws {
        let connection = try decodeFixture("connections/\(name)", as: Connection.self)
        expectNoSecrets(everyRendering(of: connection))
        expectNoSecrets(everyRendering(of: connection.credentials))
    }

    /// Replaces every ISO date string with its parsed value in a canonical form, so `…000+00:00` and `….000Z`
    /// compare equal.
    private func normalizedDates(_ value: JSONValue?) -> JSONValue? {
        guard let value else { return nil }
        switch value {
        case .string(let text):
            if text.count >= 20, let date = ISO8601.parse(text) { return .string(ISO8601.format(date)) }
            return value
        case .array(let elements): return .array(elements.compactMap { normalizedDates($0) })
        case .object(let members): return .object(members.compactMapValues { normalizedDates($0) })
        default: return value
        }
    }
}

@Suite("Model building blocks", .timeLimit(.minutes(1)))
struct ModelTests {
    @Test("ISO-8601 parses Nango's forms", arguments: [
        ("2026-08-01T10:20:30Z", 1_785_579_630.0),
        ("2026-08-01T10:20:30.123Z", 1_785_579_630.123),
        ("2026-08-01T10:20:30.123000+00:00", 1_785_579_630.123),
        ("2023-09-18T15:20:35.941305+00:00", 1_695_050_435.941305),
        ("2026-08-01T12:20:30+02:00", 1_785_579_630.0),
        ("2026-08-01T05:20:30-0500", 1_785_579_630.0),
        ("1970-01-01T00:00:00Z", 0.0),
        ("1969-12-31T23:59:59.500Z", -0.5),
    ])
    func parsesDates(text: String, seconds: Double) throws {
        let date = try #require(ISO8601.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_002)
    }

    @Test("ISO-8601 rejects malformed text", arguments: [
        "", "2026-08-01", "2026-08-01T10:20:30", "2026-13-01T00:00:00Z", "2026-08-01T10:20:30.Z",
        "2026-08-01T10:20:30Zjunk", "not a date", "2026-08-01T25:00:00Z",
    ])
    func rejectsDates(text: String) {
        #expect(ISO8601.parse(text) == nil)
    }

    @Test("ISO-8601 formats UTC with milliseconds and Z, or microseconds when asked and present")
    func formatsDates() throws {
        let micro = try #require(ISO8601.parse("2023-09-18T15:20:35.941305+00:00"))
        #expect(ISO8601.format(micro) == "2023-09-18T15:20:35.941Z")
        #expect(ISO8601.format(micro, keepingMicroseconds: true) == "2023-09-18T15:20:35.941305Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: 1.9996), keepingMicroseconds: false) == "1970-01-01T00:00:02.000Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: 1_785_579_630.123), keepingMicroseconds: true) == "2026-08-01T10:20:30.123Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: .infinity)) == "invalid-date")
        #expect(ISO8601.format(Date(timeIntervalSince1970: 1_785_579_630.123)) == "2026-08-01T10:20:30.123Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
    }

    @Test("open enumerations keep unknown values")
    func openEnumerations() throws {
        let mode = try JSONEngine.decode(AuthMode.self, from: Data(#""FUTURE_MODE""#.utf8))
        #expect(mode.rawValue == "FUTURE_MODE")
        #expect(String(decoding: try NangoCoding.encoder.encode(mode), as: UTF8.self) == #""FUTURE_MODE""#)
        let code = try JSONEngine.decode(NangoErrorCode.self, from: Data(#""not_found""#.utf8))
        #expect(code == .notFound)
        let kind = try JSONEngine.decode(ConnectionError.Kind.self, from: Data(#""billing""#.utf8))
        #expect(kind.rawValue == "billing")
    }

    @Test("JSONValue literals, accessors and subscripts")
    func jsonValueAccessors() {
        var value: JSONValue = ["a": 1, "b": [true, nil, 2.5, "x"]]
        #expect(value["a"]?.intValue == 1)
        #expect(value["a"]?.doubleValue == 1)
        #expect(value["b"]?[0]?.boolValue == true)
        #expect(value["b"]?[1]?.isNull == true)
        #expect(value["b"]?[2]?.doubleValue == 2.5)
        #expect(value["b"]?[3]?.stringValue == "x")
        #expect(value["b"]?[9] == nil)
        #expect(value["missing"] == nil)
        value["c"] = "new"
        #expect(value["c"] == "new")
        #expect(value.description == #"{"a":1,"b":[true,null,2.5,"x"],"c":"new"}"#)
    }

    @Test("JSONValue converts to and from Encodable and Decodable values")
    func jsonValueConversion() throws {
        struct Point: Codable, Equatable, Sendable {
            var x: Int
            var label: String
        }
        let json = try JSONValue(encoding: Point(x: 3, label: "p/q"))
        #expect(json == ["x": 3, "label": "p/q"])
        #expect(try json.decode(as: Point.self) == Point(x: 3, label: "p/q"))
        let error = #expect(throws: NangoError.self) { try JSONValue.string("x").decode(as: Point.self) }
        #expect(error?.kind == .decoding)
    }
}
