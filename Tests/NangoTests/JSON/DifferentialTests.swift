import Foundation
import Testing
@testable import Nango
@testable import NangoJSON

/// The engine against Foundation's `JSONDecoder` (configured as the SDK's), document by document: equal values,
/// or errors of the same kind at the same coding path.
@Suite("Differential: engine vs JSONDecoder")
struct DifferentialTests {
    static let address = #"{"street":"1 Main St","city":"Lyon","postal_code":"69002","country":"FR"}"#

    static func person(_ overrides: [String: String] = [:], removing: Set<String> = []) -> String {
        var fields: [(String, String)] = [
            ("id", #""p-1""#), ("name", #""Ada \u00e9 \"Q\"""#), ("age", "36"), ("score", "12.5"), ("active", "true"),
            ("stage", #""lead""#), ("priority", "2"), ("tags", #"["a","b\n"]"#), ("address", address),
            ("previous", "[\(address),\(address)]"), ("attributes", #"{"k":"v","é":"ü"}"#), ("counters", #"{"x":1}"#),
            ("created_at", #""2025-11-20T06:00:00.467268+00:00""#), ("deleted_at", "null"),
        ]
        fields = fields.filter { !removing.contains($0.0) }.map { ($0.0, overrides[$0.0] ?? $0.1) }
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    static let personDocuments: [String] = [
        person(),
        person(removing: ["age", "priority", "previous", "counters", "deleted_at"]),
        person(["age": "null", "priority": "null", "previous": "null", "counters": "null"]),
        person(removing: ["name"]),
        person(["name": "null"]),
        person(["name": "42"]),
        person(["age": #""36""#]),
        person(["age": "36.0"]),
        person(["age": "3.6e1"]),
        person(["age": "36.5"]),
        person(["age": "99999999999999999999"]),
        person(["score": "1"]),
        person(["score": "-0"]),
        person(["score": "1e400"]),
        person(["score": #""high""#]),
        person(["active": "1"]),
        person(["active": "null"]),
        person(["stage": #""unknown""#]),
        person(["stage": "1"]),
        person(["priority": "4"]),
        person(["priority": "2.0"]),
        person(["tags": "[]"]),
        person(["tags": #"["a",1]"#]),
        person(["tags": #"["a",null]"#]),
        person(["tags": #"{"a":1}"#]),
        person(["address": #"{"street":"x","city":5,"country":"FR"}"#]),
        person(["address": #"{"street":"x","country":"FR"}"#]),
        person(["address": "[]"]),
        person(["address": "null"]),
        person(["previous": "[\(address),{\"street\":1}]"]),
        person(["attributes": #"{"k":1}"#]),
        person(["attributes": "[]"]),
        person(["counters": #"{"x":1.5}"#]),
        person(["created_at": #""2025-11-20T06:00:00Z""#]),
        person(["created_at": #""2025-11-20 06:00:00.1+0130""#]),
        person(["created_at": #""yesterday""#]),
        person(["created_at": "1732000000"]),
        person(["created_at": "null"]),
        person(["deleted_at": #""2025-13-01T00:00:00Z""#]),
        person(["deleted_at": #""2024-02-29T23:59:60.999999Z""#]),
        person() + " ",
        "\u{FEFF}" + person(),
        person() + "x",
        "[" + person() + "]",
        "null",
        "",
        "{",
    ]

    @Test("Person documents", arguments: personDocuments)
    func personDocument(json: String) {
        let (engine, foundation) = bothOutcomes(Person.self, json)
        #expect(agree(engine, foundation), "engine \(engine), Foundation \(foundation)")
    }

    @Test("a page of people, errors deep inside")
    func peoplePages() {
        let people = (0..<5).map { _ in Self.person() }
        var variants = ["{\"records\":[\(people.joined(separator: ","))],\"next_cursor\":\"abc\"}"]
        var broken = people
        broken[3] = Self.person(["address": #"{"street":"x","city":false,"country":"FR"}"#])
        variants.append("{\"records\":[\(broken.joined(separator: ","))],\"next_cursor\":null}")
        broken[3] = Self.person(removing: ["address"])
        variants.append("{\"records\":[\(broken.joined(separator: ","))]}")
        broken[3] = Self.person(["tags": #"["ok",7]"#])
        variants.append("{\"records\":[\(broken.joined(separator: ","))]}")
        for json in variants {
            let (engine, foundation) = bothOutcomes(People.self, json)
            #expect(agree(engine, foundation), "engine \(engine), Foundation \(foundation)")
        }
    }

    static func numbers(_ overrides: [String: String]) -> String {
        let fields = ["i", "i8", "i16", "i32", "i64", "u", "u8", "u16", "u32", "u64", "f", "d"]
        return "{" + fields.map { "\"\($0)\":\(overrides[$0] ?? "1")" }.joined(separator: ",") + "}"
    }

    static let numberDocuments: [String] = {
        var documents: [String] = [numbers([:])]
        let edges: [(String, [String])] = [
            ("i8", ["127", "-128", "128", "-129", "1e2", "1.0e2", "127.0", "1.5", "-0", "-0.0"]),
            ("u8", ["255", "256", "-1", "0", "2.55e2", "-0"]),
            ("i16", ["32767", "-32768", "32768", "3.2767e4"]),
            ("u16", ["65535", "65536"]),
            ("i32", ["2147483647", "-2147483648", "2147483648", "1e9", "1e10"]),
            ("u32", ["4294967295", "4294967296"]),
            ("i64", ["9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
                     "9007199254740993.0", "1e18", "1e19", "10000000000000000001e-1", "123e-10000000", "1e400"]),
            ("u64", ["18446744073709551615", "18446744073709551616", "1.8446744073709551615e19", "-1", "1e19"]),
            ("i", ["0", "-1", "100e-2", "0.1e1", "12345678901234567890123e-3", "1E2", "true", "\"1\"", "null"]),
            ("u", ["18446744073709551615", "-0"]),
            ("f", ["3.4028235e38", "3.5e38", "1e-40", "1e-50", "0.1", "16777217", "-0", "1e39", "123456789012345678901234567890"]),
            ("d", ["1.7976931348623157e308", "1.8e308", "4.9e-324", "2e-324", "1e-320", "0e-400", "-0.0", "0.1",
                   "123456789012345678901234567890", "9007199254740993", "1e22", "1e23", "-1.5e-7", "1e-400", "\"1\""]),
        ]
        for (field, values) in edges {
            for value in values { documents.append(numbers([field: value])) }
        }
        return documents
    }()

    @Test("numbers at the edges of every type", arguments: numberDocuments)
    func numberDocument(json: String) {
        let (engine, foundation) = bothOutcomes(Numbers.self, json)
        #expect(agree(engine, foundation), "engine \(engine), Foundation \(foundation)")
        if case .value(let value) = engine, case .value(let other) = foundation {
            // Bit for bit, sign of zero included.
            #expect(value.d.bitPattern == other.d.bitPattern && value.f.bitPattern == other.f.bitPattern)
        }
    }

    static let specialDocuments: [String] = [
        #"{"date":"2025-11-20T06:00:00.123Z","data":"aGVsbG8=","url":"https://example.com/a?b=c","decimal":12.345}"#,
        #"{"date":"2025-11-20T06:00:00Z","data":"","url":"/relative","decimal":-0,"optionalURL":null,"json":{"a":[1,2.5,"x",null,true]}}"#,
        #"{"date":"2025-11-20T06:00:00Z","data":"aGVsbG8","url":"https://x","decimal":1}"#,
        #"{"date":"2025-11-20T06:00:00Z","data":"!!!","url":"https://x","decimal":1}"#,
        #"{"date":"2025-11-20T06:00:00Z","data":"aGVsbG8=","url":"","decimal":1}"#,
        #"{"date":"2025-11-20T06:00:00Z","data":"aGVsbG8=","url":"http://a b","decimal":1}"#,
        #"{"date":"2025-11-20T06:00:00Z","data":"aGVsbG8=","url":"https://x","decimal":"1"}"#,
        #"{"date":"2025-11-20T06:00:00Z","data":"aGVsbG8=","url":"https://x","decimal":3.14159265358979323846264338327950288}"#,
        #"{"date":"2025-11-20T06:00:00Z","data":"aGVsbG8=","url":"https://x","decimal":1e127}"#,
        #"{"date":"2025-11-20T06:00:00Z","data":"aGVsbG8=","url":"https://x","decimal":1e128}"#,
        #"{"date":"2025-11-20T06:00:00Z","data":"aGVsbG8=","url":"https://x","decimal":1e-300}"#,
        #"{"date":"2025-11-20T06:00:00Z","data":"aGVsbG8=","url":"https://x","decimal":12345678901234567890123456789012345678901234567890}"#,
        #"{"date":"2025-11-20T06:00:00Z","data":1,"url":"https://x","decimal":1}"#,
        #"{"date":"2025-11-20T06:00:00Z","data":"aGVsbG8=","url":null,"decimal":1}"#,
        #"{"date":"2025-11-20T06:00:00Z","data":"aGVsbG8=","url":"https://x","decimal":1,"optionalURL":"::"}"#,
        #"{"date":"2025-11-20T06:00:00Z","data":"aGVsbG8=","url":"https://x","decimal":1,"json":[1e400]}"#,
        #"{"date":null,"data":"aGVsbG8=","url":"https://x","decimal":1}"#,
        #"{"date":"2025-11-20T06:00:00+05","data":"aGVsbG8=","url":"https://x","decimal":1}"#,
    ]

    @Test("Date, Data, URL, Decimal, JSONValue fields", arguments: specialDocuments)
    func specialDocument(json: String) {
        let (engine, foundation) = bothOutcomes(Special.self, json)
        #expect(agree(engine, foundation), "engine \(engine), Foundation \(foundation)")
    }

    static let collectionDocuments: [String] = [
        #"{"byName":{"a":1,"b":2},"byNumber":{"1":"x","-2":"y"},"matrix":[[1,2.5],[],[3]],"optionals":[1,null,3],"nested":{"x":{"y":true}},"values":[1,"a",null,[],{}],"object":{"k":{"n":[1]}}}"#,
        #"{"byName":{},"byNumber":{},"matrix":[],"optionals":[],"nested":{},"values":[],"object":{}}"#,
        #"{"byName":{"a":"1"},"byNumber":{},"matrix":[],"optionals":[],"nested":{},"values":[],"object":{}}"#,
        #"{"byName":{},"byNumber":{"x":"a"},"matrix":[],"optionals":[],"nested":{},"values":[],"object":{}}"#,
        #"{"byName":{},"byNumber":{"1.5":"a"},"matrix":[],"optionals":[],"nested":{},"values":[],"object":{}}"#,
        #"{"byName":{},"byNumber":{},"matrix":[[1,"x"]],"optionals":[],"nested":{},"values":[],"object":{}}"#,
        #"{"byName":{},"byNumber":{},"matrix":[],"optionals":[null,"x"],"nested":{},"values":[],"object":{}}"#,
        #"{"byName":{},"byNumber":{},"matrix":[],"optionals":[],"nested":{"x":{"y":null}},"values":[],"object":{}}"#,
        #"{"byName":{},"byNumber":{},"matrix":[],"optionals":[],"nested":{},"values":{},"object":[]}"#,
        #"{"byName":{},"byNumber":{},"matrix":[],"optionals":[],"nested":{},"values":[],"object":null}"#,
    ]

    @Test("dictionaries (String and Int keys), nested arrays, optionals", arguments: collectionDocuments)
    func collectionDocument(json: String) {
        let (engine, foundation) = bothOutcomes(Collections.self, json)
        #expect(agree(engine, foundation), "engine \(engine), Foundation \(foundation)")
    }

    @Test("a large object decoded as a dictionary (hash table path)")
    func largeDictionary() {
        let members = (0..<500).map { "\"key\($0)\":\($0)" }
        let json = "{" + members.joined(separator: ",") + "}"
        let (engine, foundation) = bothOutcomes([String: Int].self, json)
        #expect(agree(engine, foundation))
        #expect(engine == .value(Dictionary(uniqueKeysWithValues: (0..<500).map { ("key\($0)", $0) })))
    }

    static let petDocuments: [String] = [
        #"{"dogs":[{"breed":"collie","super":{"name":"Rex","legs":4}}],"cat":{"indoor":true,"base":{"name":"Tom","legs":4}}}"#,
        #"{"dogs":[],"cat":null}"#,
        #"{"dogs":[{"breed":"collie"}]}"#,
        #"{"dogs":[{"breed":"collie","super":{"name":"Rex"}}]}"#,
        #"{"dogs":[{"breed":"collie","super":[]}]}"#,
        #"{"dogs":[],"cat":{"indoor":false,"base":{"name":"Tom","legs":"4"}}}"#,
        #"{"dogs":[],"cat":{"indoor":false}}"#,
    ]

    @Test("class hierarchies through superDecoder", arguments: petDocuments)
    func petDocument(json: String) {
        let (engine, foundation) = bothOutcomes(Pets.self, json)
        #expect(agree(engine, foundation), "engine \(engine), Foundation \(foundation)")
    }

    static let geometryDocuments: [String] = [
        #"{"location":{"lat":45.76,"lng":4.83},"coordinates":[1,[2,null,3]],"label":"x","extra":1,"wrapped":"w"}"#,
        #"{"location":{"lat":45.76,"lng":4.83},"coordinates":[1,[],9],"label":null,"wrapped":"w"}"#,
        #"{"location":{"lat":45.76,"lng":4.83},"coordinates":[1,[]],"wrapped":"w"}"#,
        #"{"location":{"lat":45.76},"coordinates":[1,[]],"label":null,"wrapped":"w"}"#,
        #"{"location":[],"coordinates":[1,[]],"label":null,"wrapped":"w"}"#,
        #"{"location":{"lat":1,"lng":2},"coordinates":[1,[2,"x"]],"label":null,"wrapped":"w"}"#,
        #"{"location":{"lat":1,"lng":2},"coordinates":[1,[]],"label":null,"wrapped":1}"#,
        #"{"location":{"lat":1,"lng":2},"coordinates":[],"label":null,"wrapped":"w"}"#,
        #"{"location":{"lat":1,"lng":2},"coordinates":[1],"label":null,"wrapped":"w"}"#,
        #"{"location":{"lat":1,"lng":2},"coordinates":[1,{}],"label":null,"wrapped":"w"}"#,
        #"{"location":{"lat":1,"lng":2},"coordinates":[1,[],"x"],"label":null,"wrapped":"w"}"#,
        #"{"location":null,"coordinates":[1,[]],"label":null,"wrapped":"w"}"#,
        #"{"coordinates":[1,[]],"label":null,"wrapped":"w"}"#,
    ]

    @Test("custom init(from:) with nested containers", arguments: geometryDocuments)
    func geometryDocument(json: String) {
        let (engine, foundation) = bothOutcomes(Geometry.self, json)
        #expect(agree(engine, foundation), "engine \(engine), Foundation \(foundation)")
    }

    static let optionalDocuments: [String] = [
        "{}",
        #"{"s":null,"i":null,"i8":null,"u64":null,"d":null,"f":null,"b":null,"date":null,"nested":null,"list":null}"#,
        #"{"s":"x","i":1,"i8":-8,"u64":18446744073709551615,"d":0.5,"f":0.25,"b":false,"date":"2025-01-01T00:00:00Z","nested":{"street":"s","city":"c","country":"FR"},"list":["a"]}"#,
        #"{"s":1}"#, #"{"i":"1"}"#, #"{"i8":300}"#, #"{"u64":-1}"#, #"{"d":true}"#, #"{"f":1e39}"#, #"{"b":0}"#,
        #"{"date":"nope"}"#, #"{"date":5}"#, #"{"nested":{}}"#, #"{"list":[null]}"#, #"{"list":{}}"#,
    ]

    @Test("decodeIfPresent: missing and null are nil", arguments: optionalDocuments)
    func optionalDocument(json: String) {
        let (engine, foundation) = bothOutcomes(Optionals.self, json)
        #expect(agree(engine, foundation), "engine \(engine), Foundation \(foundation)")
    }

    @Test("top-level scalars and collections")
    func topLevel() {
        let cases: [(String, (String) -> (Bool, String))] = [
            ("5", { json in Self.compare(Int.self, json) }),
            (" \"x\" ", { json in Self.compare(String.self, json) }),
            ("null", { json in Self.compare(Int?.self, json) }),
            ("null", { json in Self.compare(Int.self, json) }),
            ("[1,2]", { json in Self.compare([Int].self, json) }),
            ("[1,\"2\"]", { json in Self.compare([Int].self, json) }),
            ("[[1],[2,3]]", { json in Self.compare([[Int8]].self, json) }),
            ("{\"a\":[true]}", { json in Self.compare([String: [Bool]].self, json) }),
            ("\"2025-01-01T00:00:00Z\"", { json in Self.compare(Date.self, json) }),
            ("\"aGk=\"", { json in Self.compare(Data.self, json) }),
            ("1.5", { json in Self.compare(Decimal.self, json) }),
            ("[\"a\",null]", { json in Self.compare([String?].self, json) }),
            ("[\"a\",null]", { json in Self.compare([String].self, json) }),
        ]
        for (json, compare) in cases {
            let (ok, message) = compare(json)
            #expect(ok, "\(json): \(message)")
        }
    }

    static func compare<T: Decodable & Equatable>(_ type: T.Type, _ json: String) -> (Bool, String) {
        let (engine, foundation) = bothOutcomes(T.self, json)
        return (agree(engine, foundation), "engine \(engine), Foundation \(foundation)")
    }

    // MARK: - Documented differences

    @Test("difference: duplicate keys — the engine keeps the last, JSONDecoder the first")
    func duplicateKeys() throws {
        let json = Data(#"{"a":1,"b":true,"a":2}"#.utf8)
        struct A: Decodable { var a: Int }
        #expect(try engineDecode(A.self, json).a == 2)
        #expect(try foundationDecode(A.self, json).a == 1)
        #expect(try engineDecode([String: JSONValue].self, json)["a"] == .int(2))
        #expect(try NangoCoding.jsonValue(from: json) == ["a": 2, "b": true])
        let keyed = try engineDecode([String: Int?].self, Data(#"{"k":null,"k":3,"j":1}"#.utf8))
        #expect(keyed.count == 2 && keyed["k"] == 3)
    }

    @Test("difference: trailing commas — rejected by the engine, accepted by JSONDecoder")
    func trailingCommas() {
        for json in ["[1,]", #"{"a":1,}"#] {
            #expect(throws: DecodingError.self) { try engineDecode(JSONValue.self, Data(json.utf8)) }
            #expect(throws: Never.self) { try foundationDecode(JSONValue.self, Data(json.utf8)) }
        }
    }

    @Test("difference: a number that does not fit its type has its coding path with the engine")
    func numberErrorPath() {
        let (engine, foundation) = bothOutcomes([String: Int8].self, #"{"a":300}"#)
        #expect(engine == .failure(kind: "dataCorrupted", path: "a"))
        #expect(foundation == .failure(kind: "dataCorrupted", path: ""))
    }
}
