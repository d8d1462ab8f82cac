import Foundation
import Testing
@testable import Nango
@testable import NangoJSON

/// Key lookup: small objects are scanned from a per-depth hint, large ones (or ones that may repeat a key)
/// use a hash table; repeated keys resolve to the last occurrence everywhere.
@Suite("Key lookup")
struct KeyLookupTests {
    struct Picked: Decodable, Equatable {
        var k0: Int
        var k7: Int
        var k3: Int?
        var missing: Int?
    }

    static func object(members: Int, repeating: Set<Int> = [], escaped: Bool = false) -> String {
        var parts = (0..<members).map { index in
            let key = escaped && index == 0 ? "\\u006b0" : "k\(index)"
            return "\"\(key)\":\(index)"
        }
        for index in repeating.sorted() { parts.append("\"k\(index)\":\(1000 + index)") }
        return "{" + parts.joined(separator: ",") + "}"
    }

    @Test("objects of every size, with and without repeated or escaped keys", arguments: [
        (8, Set<Int>()), (8, [3]), (33, []), (33, [0, 7]), (128, []), (129, []), (300, []), (300, [0, 3, 7, 299]),
    ] as [(Int, Set<Int>)])
    func lookups(members: Int, repeating: Set<Int>) throws {
        for escaped in [false, true] {
            let data = Data(Self.object(members: members, repeating: repeating, escaped: escaped).utf8)
            let picked = try JSONEngine.decode(Picked.self, from: data)
            #expect(picked.k0 == (repeating.contains(0) ? 1000 : 0))
            #expect(picked.k7 == (repeating.contains(7) ? 1007 : 7))
            #expect(picked.k3 == (repeating.contains(3) ? 1003 : 3))
            #expect(picked.missing == nil)
            let dictionary = try JSONEngine.decode([String: Int].self, from: data)
            #expect(dictionary.count == members)
            for index in 0..<members {
                #expect(dictionary["k\(index)"] == (repeating.contains(index) ? 1000 + index : index))
            }
            let value = try NangoCoding.jsonValue(from: data)
            #expect(value.objectValue?.count == members)
            #expect(value["k0"] == .int(repeating.contains(0) ? 1000 : 0))
        }
    }

    @Test("keys asked for in any order")
    func anyOrder() throws {
        struct Reversed: Decodable, Equatable {
            var e: Int, d: Int, c: Int, b: Int, a: Int
        }
        let data = Data(#"[{"a":1,"b":2,"c":3,"d":4,"e":5},{"e":5,"a":1,"c":3,"b":2,"d":4},{"b":2,"a":1,"e":5,"d":4,"c":3}]"#.utf8)
        let decoded = try JSONEngine.decode([Reversed].self, from: data)
        #expect(decoded.allSatisfy { $0 == Reversed(e: 5, d: 4, c: 3, b: 2, a: 1) })
    }

    @Test("allKeys lists each key once, contains finds them")
    func allKeys() throws {
        struct Keys: Decodable {
            var keys: [String]
            var containsRepeated: Bool

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: IndexCodingKey.self)
                keys = container.allKeys.map(\.stringValue)
                containsRepeated = container.contains(IndexCodingKey(stringValue: "a"))
            }
        }
        let decoded = try JSONEngine.decode(Keys.self, from: Data(#"{"a":1,"b":2,"a":3,"\u0062":4,"c":5}"#.utf8))
        #expect(decoded.keys == ["a", "b", "c"])
        #expect(decoded.containsRepeated)
    }
}

@Suite("Concurrency")
struct ConcurrencyTests {
    @Test("concurrent decodes share the buffer pool safely")
    func concurrentDecodes() async throws {
        let documents = (0..<16).map { index in
            Data(("{\"records\":[" + (0..<(50 + index * 10)).map { "{\"id\":\"r\($0)\",\"n\":\($0 * index)}" }.joined(separator: ",") + "]}").utf8)
        }
        struct Row: Decodable, Equatable { var id: String; var n: Int }
        struct Rows: Decodable, Equatable { var records: [Row] }
        let results = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for round in 0..<8 {
                for (index, document) in documents.enumerated() {
                    group.addTask {
                        let rows = try JSONEngine.decode(Rows.self, from: document)
                        let value = try NangoCoding.jsonValue(from: document)
                        let ok = rows.records.count == 50 + index * 10
                            && rows.records.enumerated().allSatisfy { $0.element == Row(id: "r\($0.offset)", n: $0.offset * index) }
                            && value["records"]?.arrayValue?.count == rows.records.count
                        return (round, ok)
                    }
                }
            }
            var all: [(Int, Bool)] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 8 * 16)
        #expect(results.allSatisfy { $0.1 })
    }
}
