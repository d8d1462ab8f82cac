import Foundation
import Testing
@testable import Nango
@testable import NangoJSON

@Suite("JSONValue from the index")
struct JSONValueTests {
    @Test("every y_ file: the same JSONValue as JSONDecoder (up to the documented int/double difference)",
          arguments: TestSuiteFiles.names(prefix: "y_"))
    func testSuiteFiles(name: String) throws {
        let data = TestSuiteFiles.data(name)
        let engine = try NangoCoding.jsonValue(from: data)
        let foundation = try foundationDecode(JSONValue.self, data)
        if name == "y_object_duplicated_key.json" {
            // {"a":"b","a":"c"}: the documented difference, last wins here and first in JSONDecoder.
            #expect(engine == ["a": "c"] && foundation == ["a": "b"])
        } else {
            #expect(equivalent(engine, foundation), "\(engine) vs \(foundation)")
        }
    }

    @Test("numbers: .int for integer literals that fit Int64, .double for everything else", arguments: [
        ("0", JSONValue.int(0)), ("-0", .int(0)), ("1", .int(1)), ("-1", .int(-1)),
        ("9223372036854775807", .int(.max)), ("-9223372036854775808", .int(.min)),
        ("9223372036854775808", .double(9_223_372_036_854_775_808)),
        ("-9223372036854775809", .double(-9_223_372_036_854_775_808)),
        ("18446744073709551615", .double(18_446_744_073_709_551_616)),
        ("123456789012345678901234567890", .double(1.2345678901234568e29)),
        ("9007199254740993", .int(9_007_199_254_740_993)),
        ("1.0", .double(1)), ("1e2", .double(100)), ("1E+2", .double(100)), ("-0.0", .double(-0.0)),
        ("0.1", .double(0.1)), ("2.5e-3", .double(0.0025)), ("1e308", .double(1e308)),
        ("1.7976931348623157e308", .double(.greatestFiniteMagnitude)), ("5e-324", .double(.leastNonzeroMagnitude)),
        ("1e-400", .double(0)), ("-1e-400", .double(-0.0)), ("123.456e-789", .double(0)),
        ("0.30000000000000004", .double(0.30000000000000004)), ("1.00000000000000000000001", .double(1)),
    ])
    func numbers(text: String, expected: JSONValue) throws {
        let value = try NangoCoding.jsonValue(from: Data(text.utf8))
        #expect(value == expected)
        if case .double(let engine) = value, case .double(let wanted) = expected {
            #expect(engine.bitPattern == wanted.bitPattern, "sign or rounding of \(text)")
        }
        // The same through the Decoder.
        #expect(try JSONEngine.decode(JSONValue.self, from: Data("[\(text)]".utf8)) == .array([expected]))
        // And the number agrees with JSONDecoder's Double.
        if case .double(let engine) = value, let foundation = try? foundationDecode(Double.self, Data(text.utf8)) {
            #expect(engine == foundation)
        }
    }

    @Test("numbers out of Double's range are errors", arguments: ["1e400", "-1e400", "[1,2,1e309]"])
    func outOfRange(text: String) {
        #expect(throws: JSONEngineError.self) { try JSONValue(index: JSONIndex(parsing: Data(text.utf8))) }
        #expect(outcome { try JSONEngine.decode(JSONValue.self, from: Data(text.utf8)) }.kind == "dataCorrupted")
    }

    @Test("strings: escapes, surrogate pairs, non-ASCII")
    func strings() throws {
        let text = #"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u65e5\ud83d\ude00", "é日😀", "", "\u0000"]"#
        let value = try NangoCoding.jsonValue(from: Data(text.utf8))
        #expect(value == ["a\"b\\c/d\u{8}\u{C}\n\r\t", "é日😀", "é日😀", "", "\u{0}"])
        #expect(value == (try foundationDecode(JSONValue.self, Data(text.utf8))))
    }

    @Test("objects: escaped keys, repeated keys (last wins)")
    func objects() throws {
        let value = try NangoCoding.jsonValue(from: Data(#"{"a":1,"\u0061":2,"b":{"c":[true,null]}}"#.utf8))
        #expect(value == ["a": 2, "b": ["c": [true, nil]]])
    }

    @Test("the decoder hook: JSONValue built at the decoder's position")
    func decoderHook() throws {
        struct Probe: Decodable {
            var direct: JSONValue?
            var viaHook: JSONValue?

            enum Keys: String, CodingKey { case payload }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: Keys.self)
                let nested = try container.superDecoder(forKey: .payload)
                viaHook = try JSONValue.fromEngine(nested)
                direct = try container.decode(JSONValue.self, forKey: .payload)
            }
        }
        let probe = try JSONEngine.decode(Probe.self, from: Data(#"{"payload":{"x":[1,2.5,"s"]}}"#.utf8))
        #expect(probe.viaHook == ["x": [1, 2.5, "s"]])
        #expect(probe.direct == probe.viaHook)
        // Foundation's decoder is not the engine's: no fast path.
        let foundation = try foundationDecode(Probe.self, Data(#"{"payload":{"x":[1]}}"#.utf8))
        #expect(foundation.viaHook == nil)
    }

    @Test("connection.json-like document round trip")
    func connectionDocument() throws {
        let text = #"{"id":48213,"metadata":{"portal_id":21457896,"ratio":0.5,"flags":[true,false],"owner":null},"tags":{}}"#
        let engine = try NangoCoding.jsonValue(from: Data(text.utf8))
        let foundation = try foundationDecode(JSONValue.self, Data(text.utf8))
        #expect(engine == foundation)
    }
}
