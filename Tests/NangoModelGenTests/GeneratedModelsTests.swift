import Foundation
import Nango
import NangoTesting
import Testing

// The types here are generated at build time by the NangoModelsPlugin from the Fixtures' `*.nango-schema.json`
// and `deployed.nango-scripts.json` (each file's types in an enum named after it): that they compile is the
// first test.

@Suite("Generated models: every JSON Schema construct")
struct GeneratedConstructTests {
    /// Every instance of every definition of the edge-case schema decodes to the same value through the engine
    /// and through `JSONDecoder`, and survives an encode and decode.
    @Test("differential: engine vs JSONDecoder on every edge-case instance, and round trips")
    func differential() throws {
        let values = try fixtureJSON("edge-cases.values.json")
        func instances(_ name: String) -> [JSONValue] { elements(values, name) }
        try expectDifferential(EdgeCases.KeywordProperties.self, instances("KeywordProperties"))
        try expectDifferential(EdgeCases.UserProfile.self, instances("user-profile"))
        try expectDifferential(EdgeCases.UserProfile2.self, instances("UserProfile"))
        try expectDifferential(EdgeCases.UserProfile3.self, instances("user_profile"))
        try expectDifferential(EdgeCases.DateModel.self, instances("Date"))
        try expectDifferential(EdgeCases.StringModel.self, instances("String"))
        try expectDifferential(EdgeCases.DataModel.self, instances("Data"))
        try expectDifferential(EdgeCases.ErrorModel.self, instances("Error"))
        try expectDifferential(EdgeCases.TypeModel.self, instances("Type"))
        try expectDifferential(EdgeCases.OptionalModel.self, instances("Optional"))
        try expectDifferential(EdgeCases._3DModel.self, instances("3DModel"))
        try expectDifferential(EdgeCases.RefsToAwkwardNames.self, instances("RefsToAwkwardNames"))
        try expectDifferential(EdgeCases.Order.self, instances("Order"))
        try expectDifferential(EdgeCases.Customer.self, instances("Customer"))
        try expectDifferential(EdgeCases.OrderCustomer.self, instances("OrderCustomer"))
        try expectDifferential(EdgeCases.LineItem.self, instances("LineItem"))
        try expectDifferential(EdgeCases.Nullability.self, instances("Nullability"))
        try expectDifferential(EdgeCases.Dates.self, instances("Dates"))
        try expectDifferential(EdgeCases.Numbers.self, instances("Numbers"))
        try expectDifferential(EdgeCases.Enums.self, instances("Enums"))
        try expectDifferential(EdgeCases.Unions.self, instances("Unions"))
        try expectDifferential(EdgeCases.UnionTarget.self, instances("UnionTarget"))
        try expectDifferential(EdgeCases.UnionObjectA.self, instances("UnionObjectA"))
        try expectDifferential(EdgeCases.UnionObjectB.self, instances("UnionObjectB"))
        try expectDifferential(EdgeCases.Maps.self, instances("Maps"))
        try expectDifferential(EdgeCases.IntMap.self, instances("IntMap"))
        try expectDifferential(EdgeCases.OpenObject.self, instances("OpenObject"))
        try expectDifferential(EdgeCases.Arrays.self, instances("Arrays"))
        try expectDifferential(EdgeCases.DeepNesting.self, instances("DeepNesting"))
        try expectDifferential(EdgeCases.EmptySchema.self, instances("EmptySchema"))
        try expectDifferential(EdgeCases.BareObject.self, instances("BareObject"))
        try expectDifferential(EdgeCases.TrueSchema.self, instances("TrueSchema"))
        try expectDifferential(EdgeCases.Untyped.self, instances("Untyped"))
        try expectDifferential(EdgeCases.Voided.self, instances("Voided"))
        try expectDifferential(EdgeCases.Unsupported.self, instances("Unsupported"))
        try expectDifferential(EdgeCases.TreeNode.self, instances("TreeNode"))
        try expectDifferential(EdgeCases.Employee.self, instances("Employee"))
        try expectDifferential(EdgeCases.Manager.self, instances("Manager"))
        try expectDifferential(EdgeCases.MissingRef.self, instances("MissingRef"))
    }

    @Test("keywords, leading digits, punctuation and camel-case collisions get usable, stable names")
    func names() throws {
        let value = try #require(try expectDifferential(
            EdgeCases.KeywordProperties.self, elements(try fixtureJSON("edge-cases.values.json"), "KeywordProperties")
        ).first)
        #expect(value.class == "premium")
        #expect(value.default == true)
        #expect(value.self2 == "https://api.example.com/items/1")
        #expect(value.type == "widget")
        #expect(value._2faEnabled == false)
        #expect(value._123 == "one-two-three")
        // `first-name`, `first_name` and `firstName` in schema order.
        #expect(value.firstName == "Ada (dashed)")
        #expect(value.firstName2 == "Ada")
        #expect(value.firstName3 == "ADA")
        #expect(value.aB == 1.5)
        #expect(value.lastName == "Lovelace")
        #expect(value.additionalFields == ["nickname": "Countess"])
        // Nango's names stay as the schema spells them.
        #expect(EdgeCases.DateModel.nangoModelName == "Date")
        #expect(EdgeCases._3DModel.nangoModelName == "3DModel")
        #expect(EdgeCases.UserProfile.nangoModelName == "user-profile")
        #expect(EdgeCases.UserProfile2.nangoModelName == "UserProfile")
    }

    @Test("required, optional, nullable and optional-and-nullable stay apart in both decoders and when encoding")
    func nullability() throws {
        let missing = Data(#"{"required_string":"a","nullable_string":null,"nullable_string_anyof":"x","nullable_int_null_first":1,"nullable_number_anyof_null_first":null,"nullable_ref":null,"nullable_object":null,"nullable_array":null}"#.utf8)
        let null = Data(#"{"required_string":"a","nullable_string":null,"nullable_string_anyof":"x","nullable_int_null_first":1,"nullable_number_anyof_null_first":null,"nullable_ref":null,"nullable_object":null,"nullable_array":null,"optional_nullable_string":null,"optional_nullable_bool":false}"#.utf8)
        for decode in bothDecoders(EdgeCases.Nullability.self) {
            let absent = try decode(missing)
            #expect(absent.optionalNullableString == nil)
            #expect(absent.optionalString == nil)
            #expect(absent.nullableString == nil)
            let present = try decode(null)
            #expect(present.optionalNullableString == .null)
            #expect(present.optionalNullableBool == .value(false))
            // Encoding keeps missing and null apart, and writes a required nullable member as null.
            let encoded = try engineDecode(JSONValue.self, JSONEncoder().encode(present))
            guard case .object(let members) = encoded else { Issue.record("not an object"); continue }
            #expect(members["optional_nullable_string"] == .null)
            #expect(members["optional_nullable_anyof"] == nil)
            #expect(members["nullable_string"] == .null)
            #expect(members["optional_string"] == nil)
        }
        // A required member that may be null must still be there.
        let withoutRequiredNullable = Data(#"{"required_string":"a","nullable_string_anyof":"x","nullable_int_null_first":1,"nullable_number_anyof_null_first":null,"nullable_ref":null,"nullable_object":null,"nullable_array":null}"#.utf8)
        for decode in bothDecoders(EdgeCases.Nullability.self) {
            #expect {
                _ = try decode(withoutRequiredNullable)
            } throws: { error in
                guard case .keyNotFound(let key, _)? = decodingError(error) else { return false }
                return key.stringValue == "nullable_string"
            }
        }
    }

    @Test("date-time fields read fractional seconds and offsets, in every position")
    func dates() throws {
        let json = Data(#"{"created_at":"2024-03-01T10:00:00.123Z","updated_at":"2024-03-01T12:00:00+02:00","deleted_at":null,"archived_at":"2024-03-01T10:00:00.5-05:00","reviewed_at":null,"history":["2024-03-01T10:00:00.123456Z","2024-03-01T15:30:00+05:30"],"raw_timestamp":"2024-03-01T10:00:00Z"}"#.utf8)
        for decode in bothDecoders(EdgeCases.Dates.self) {
            let value = try decode(json)
            #expect(value.createdAt == Date(timeIntervalSince1970: 1_709_287_200.123))
            #expect(value.updatedAt == Date(timeIntervalSince1970: 1_709_287_200))
            #expect(value.archivedAt == Date(timeIntervalSince1970: 1_709_305_200.5))
            #expect(value.reviewedAt == .null)
            #expect(value.history == [try date("2024-03-01T10:00:00.123456Z"), Date(timeIntervalSince1970: 1_709_287_200)])
            #expect(value.rawTimestamp == "2024-03-01T10:00:00Z")
        }
        // Not a date: the error is at the member, in both decoders.
        let bad = Data(#"{"created_at":"yesterday","history":[],"raw_timestamp":""}"#.utf8)
        let paths = bothDecoders(EdgeCases.Dates.self).map { decode in
            do {
                _ = try decode(bad)
                return [String]()
            } catch {
                return codingPath(of: error) ?? []
            }
        }
        #expect(paths == [["created_at"], ["created_at"]])
    }

    @Test("enumerations are open: unknown values decode, keep their raw value and encode back")
    func openEnumerations() throws {
        let values = try expectDifferential(EdgeCases.Enums.self, elements(try fixtureJSON("edge-cases.values.json"), "Enums"))
        #expect(values.map(\.status) == [.active, .pending, EdgeCases.Enums.Status(rawValue: "archived"), .inactive])
        #expect(values.map(\.priority.rawValue) == [1, 3, 4, 2])
        #expect(values[0].role == .admin)
        #expect(values[2].optionalEnum?.rawValue == "suspended")
        #expect(values[1].awkward == EdgeCases.Enums.Awkward.empty)
    }

    @Test("unions decode by JSON kind; unknown fields are kept where the schema allows them")
    func unionsAndUnknownFields() throws {
        let union = try engineDecode(EdgeCases.Unions.AnyOfMixed.self, Data(#"["a","b"]"#.utf8))
        #expect(union == .strings(["a", "b"]))
        #expect(try engineDecode(EdgeCases.Unions.AnyOfMixed.self, Data("7".utf8)) == .integer(7))
        #expect(try foundationDecode(EdgeCases.Unions.AnyOfMixed.self, Data(#""x""#.utf8)) == .string("x"))
        for decode in bothDecoders(EdgeCases.Unions.AnyOfMixed.self) {
            #expect {
                _ = try decode(Data("true".utf8))
            } throws: { error in
                guard case .typeMismatch? = decodingError(error) else { return false }
                return true
            }
        }

        let open = Data(#"{"id":"o1","extra":{"deep":[1,2]},"flag":true}"#.utf8)
        for decode in bothDecoders(EdgeCases.OpenObject.self) {
            let value = try decode(open)
            #expect(value.additionalFields == ["extra": ["deep": [1, 2]], "flag": true])
        }
        // `additionalProperties: false`: an unknown member is ignored, never an error.
        let closed = try engineDecode(EdgeCases.Customer.self, Data(#"{"id":"c1","tier":"pro","new_field":1}"#.utf8))
        #expect(closed.id == "c1")
    }

    @Test("deep nesting and recursion through arrays decode; errors carry the full path in both decoders")
    func nestingAndErrorPaths() throws {
        let deep = Data(#"{"level1":{"level2":{"level3":{"level4":{"level5":{"level6":{"value":"bottom"}}}}}}}"#.utf8)
        let value = try engineDecode(EdgeCases.DeepNesting.self, deep)
        #expect(value == (try foundationDecode(EdgeCases.DeepNesting.self, deep)))

        let tree = Data(#"{"id":"root","label":"r","children":[{"id":"a","label":"a","children":[{"id":"b","label":"b","children":[]}]}]}"#.utf8)
        let root = try engineDecode(EdgeCases.TreeNode.self, tree)
        #expect(root.children.first?.children.first?.id == "b")

        let bad = Data(#"{"id":"root","label":"r","children":[{"id":"a","label":"a","children":[{"id":7,"label":"b","children":[]}]}]}"#.utf8)
        var paths: [[String]] = []
        for decode in bothDecoders(EdgeCases.TreeNode.self) {
            do {
                _ = try decode(bad)
                Issue.record("decoded a tree with a number as id")
            } catch {
                paths.append(codingPath(of: error) ?? [])
            }
        }
        #expect(paths.count == 2)
        #expect(paths.first == paths.last)
        #expect(paths.first == ["children", "Index 0", "children", "Index 0", "id"])
    }
}

/// A type that keeps its reader past its initialiser, and reads a generated model from the same decoder while it
/// holds it: what generated code never does, but the surface must stay correct under.
private struct KeepsReader: Decodable {
    static let fields = NangoModelFields(["id", "tier"])
    let reader: NangoModelReader
    let customer: EdgeCases.Customer

    init(from decoder: any Decoder) throws {
        guard let reader = try NangoModelReader(decoder, fields: Self.fields, decoding: Self.self) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not the engine"))
        }
        self.reader = reader
        customer = try EdgeCases.Customer(from: decoder)
    }
}

@Suite("Generated models: the reader surface")
struct ModelReaderTests {
    @Test("readers kept after the decode, or overlapping at one depth, still read their own object")
    func keptAndOverlappingReaders() throws {
        let elements = (0..<200).map { #"{"id":"c\#($0)","tier":"\#($0 % 2 == 0 ? "free" : "pro")","x":[\#($0)]}"# }
        let data = Data("[\(elements.joined(separator: ","))]".utf8)
        let decoded = try engineDecode([KeepsReader].self, data)
        for (index, value) in decoded.enumerated() {
            #expect(try value.reader.string(0) == "c\(index)")
            #expect(try value.reader.stringIfPresent(1) == (index % 2 == 0 ? "free" : "pro"))
            #expect(value.reader.hasUnknownMembers)
            #expect(try value.reader.unknownMembers() == ["x": .array([.int(Int64(index))])])
            #expect(value.customer.id == "c\(index)")
            // A field number the model does not have reads as missing, never out of bounds.
            #expect(value.reader.isMissing(2))
            #expect(value.reader.isMissing(-1))
            #expect(throws: DecodingError.self) { try value.reader.string(7) }
        }
    }

    @Test("a model of more fields than the reused buffer held, after a smaller one at the same depth")
    func growingModels() throws {
        var keys: [String] = []
        var members: [String] = []
        for index in 0..<40 {
            keys.append("f\(index)")
            members.append(#""f\#(index)":\#(index)"#)
        }
        let wide = NangoModelFields(keys)
        struct Wide: Decodable {
            static let fields = NangoModelFields((0..<40).map { "f\($0)" })
            var values: [Int]
            init(from decoder: any Decoder) throws {
                guard let reader = try NangoModelReader(decoder, fields: Self.fields, decoding: Self.self) else {
                    throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not the engine"))
                }
                values = try (0..<40).map { try reader.int($0) }
            }
        }
        #expect(wide.names.count == 40)
        let data = Data(#"[{"id":"a","tier":"free"},{\#(members.joined(separator: ","))},{"id":"b","tier":"pro"}]"#.utf8)
        struct Either: Decodable {
            var customer: EdgeCases.Customer?
            var wide: Wide?
            init(from decoder: any Decoder) throws {
                let keys = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
                if keys.contains("id") { customer = try EdgeCases.Customer(from: decoder) } else { wide = try Wide(from: decoder) }
            }
        }
        let values = try engineDecode([Either].self, data)
        #expect(values[0].customer?.id == "a")
        #expect(values[1].wide?.values == Array(0..<40))
        #expect(values[2].customer?.tier == .pro)
    }
}

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
