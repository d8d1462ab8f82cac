import Foundation
import Testing
@testable import Nango
@testable import NangoJSON

/// The JSONTestSuite corpus (nst/JSONTestSuite `test_parsing/`): every `y_` accepted, every `n_` rejected,
/// every `i_` handled as `JSONParser` documents.
@Suite("JSONTestSuite conformance")
struct ConformanceTests {
    @Test("the corpus is bundled")
    func corpusIsBundled() {
        #expect(TestSuiteFiles.names(prefix: "y_").count == 95)
        #expect(TestSuiteFiles.names(prefix: "n_").count == 188)
        #expect(TestSuiteFiles.names(prefix: "i_").count == 35)
    }

    @Test("y_ files are accepted", arguments: TestSuiteFiles.names(prefix: "y_"))
    func accepted(name: String) throws {
        let data = TestSuiteFiles.data(name)
        let index = try JSONIndex(parsing: data)
        #expect(index.nodeCount > 0)
        // And the value reads back: none of them overflows Double.
        _ = try JSONValue(index: index)
        _ = try JSONEngine.decode(JSONValue.self, from: data)
    }

    @Test("n_ files are rejected", arguments: TestSuiteFiles.names(prefix: "n_"))
    func rejected(name: String) {
        let data = TestSuiteFiles.data(name)
        #expect(throws: JSONEngineError.self) { try JSONIndex(parsing: data) }
        let decoded = outcome { try JSONEngine.decode(JSONValue.self, from: data) }
        #expect(decoded == .failure(kind: "dataCorrupted", path: ""))
    }

    /// What each implementation-defined case does: whether the document parses, and whether it then reads
    /// as a `JSONValue` (numbers out of `Double`'s range parse, and fail when read, like `JSONDecoder`).
    enum Expected: Sendable, CustomStringConvertible {
        /// Parses and reads as a `JSONValue`.
        case accepted
        /// Parses, but reading it as a `JSONValue` fails (`numberOutOfRange`).
        case valueOutOfRange
        /// Rejected by the parser with this reason.
        case rejected(JSONEngineError.Reason)

        var description: String {
            switch self {
            case .accepted: return "accepted"
            case .valueOutOfRange: return "out of range"
            case .rejected(let reason): return "rejected (\(reason))"
            }
        }
    }

    static let implementationDefined: [String: Expected] = [
        // Underflow: 0 (JSONDecoder also accepts these, as .int(0)).
        "i_number_double_huge_neg_exp.json": .accepted,
        "i_number_real_underflow.json": .accepted,
        // Overflow: a JSONValue cannot hold infinity (JSONDecoder fails too).
        "i_number_huge_exp.json": .valueOutOfRange,
        "i_number_neg_int_huge_exp.json": .valueOutOfRange,
        "i_number_pos_double_huge_exp.json": .valueOutOfRange,
        "i_number_real_neg_overflow.json": .valueOutOfRange,
        "i_number_real_pos_overflow.json": .valueOutOfRange,
        // Integers beyond 64 bits: .double.
        "i_number_too_big_neg_int.json": .accepted,
        "i_number_too_big_pos_int.json": .accepted,
        "i_number_very_big_negative_int.json": .accepted,
        // Lone or broken surrogates in \u escapes: rejected.
        "i_object_key_lone_2nd_surrogate.json": .rejected(.loneSurrogate),
        "i_string_1st_surrogate_but_2nd_missing.json": .rejected(.loneSurrogate),
        "i_string_1st_valid_surrogate_2nd_invalid.json": .rejected(.loneSurrogate),
        "i_string_incomplete_surrogate_and_escape_valid.json": .rejected(.loneSurrogate),
        "i_string_incomplete_surrogate_pair.json": .rejected(.loneSurrogate),
        "i_string_incomplete_surrogates_escape_valid.json": .rejected(.loneSurrogate),
        "i_string_invalid_lonely_surrogate.json": .rejected(.loneSurrogate),
        "i_string_invalid_surrogate.json": .rejected(.loneSurrogate),
        "i_string_inverted_surrogates_U+1D11E.json": .rejected(.loneSurrogate),
        "i_string_lone_second_surrogate.json": .rejected(.loneSurrogate),
        // Ill-formed UTF-8: rejected.
        "i_string_UTF-8_invalid_sequence.json": .rejected(.invalidUTF8),
        "i_string_UTF8_surrogate_U+D800.json": .rejected(.invalidUTF8),
        "i_string_invalid_utf-8.json": .rejected(.invalidUTF8),
        "i_string_iso_latin_1.json": .rejected(.invalidUTF8),
        "i_string_lone_utf8_continuation_byte.json": .rejected(.invalidUTF8),
        "i_string_not_in_unicode_range.json": .rejected(.invalidUTF8),
        "i_string_overlong_sequence_2_bytes.json": .rejected(.invalidUTF8),
        "i_string_overlong_sequence_6_bytes.json": .rejected(.invalidUTF8),
        "i_string_overlong_sequence_6_bytes_null.json": .rejected(.invalidUTF8),
        "i_string_truncated-utf-8.json": .rejected(.invalidUTF8),
        // UTF-16: not JSON exchanged between systems (JSONDecoder transcodes it; the engine does not).
        "i_string_UTF-16LE_with_BOM.json": .rejected(.unexpectedCharacter),
        "i_string_utf16BE_no_BOM.json": .rejected(.unexpectedCharacter),
        "i_string_utf16LE_no_BOM.json": .rejected(.unexpectedCharacter),
        // 500 levels is within the 512 limit.
        "i_structure_500_nested_arrays.json": .accepted,
        // A UTF-8 byte-order mark is skipped.
        "i_structure_UTF-8_BOM_empty_object.json": .accepted,
    ]

    @Test("i_ files are handled as documented", arguments: TestSuiteFiles.names(prefix: "i_"))
    func implementationDefined(name: String) throws {
        let expected = try #require(Self.implementationDefined[name], "no documented choice for \(name)")
        let data = TestSuiteFiles.data(name)
        switch expected {
        case .accepted:
            let index = try JSONIndex(parsing: data)
            _ = try JSONValue(index: index)
        case .valueOutOfRange:
            let index = try JSONIndex(parsing: data)
            do {
                _ = try JSONValue(index: index)
                Issue.record("\(name) read as a JSONValue")
            } catch {
                #expect(error.reason == .numberOutOfRange)
            }
            #expect(outcome { try NangoCoding.jsonValue(from: data) } == .failure(kind: "dataCorrupted", path: ""))
        case .rejected(let reason):
            do {
                _ = try JSONIndex(parsing: data)
                Issue.record("\(name) was accepted")
            } catch {
                #expect(error.reason == reason, "\(name): \(error)")
            }
        }
    }

    @Test("the i_ choices match JSONDecoder where it follows RFC 8259 (not for UTF-16)",
          arguments: TestSuiteFiles.names(prefix: "i_").filter { !$0.contains("16") })
    func implementationDefinedAgreesWithFoundation(name: String) {
        let data = TestSuiteFiles.data(name)
        let engine = outcome { try NangoCoding.jsonValue(from: data) }
        let foundation = outcome { try foundationDecode(JSONValue.self, data) }
        #expect(engine.isFailure == foundation.isFailure, "\(name): engine \(engine), Foundation \(foundation)")
    }

    @Test("deep nesting is a depth error, not a crash", arguments: [
        "n_structure_100000_opening_arrays.json", "n_structure_open_array_object.json",
    ])
    func deepFiles(name: String) {
        do {
            _ = try JSONIndex(parsing: TestSuiteFiles.data(name))
            Issue.record("accepted")
        } catch {
            #expect(error.reason == .tooDeep(limit: 512))
        }
    }
}
