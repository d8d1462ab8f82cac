import Foundation
import Testing
@testable import Nango
@testable import NangoJSON

/// The engine hands a keyed container's box out again for the next object of the same key type once nobody
/// holds it (see `DecodeSession.keyedContainer`); these tests pin that it does, and that a container still in
/// use is never moved to another object.
@Suite("Keyed container reuse")
struct ContainerReuseTests {
    /// What the types below saw during a decode.
    final class Recorder: @unchecked Sendable {
        var slotCounts: [Int] = []
        var kept: [KeyedDecodingContainer<Item.Keys>] = []
        var readBack: [String] = []
    }

    static let recorderKey = CodingUserInfoKey(rawValue: "reuse-recorder")!

    static func recorder(_ decoder: any Decoder) throws -> Recorder {
        guard let recorder = decoder.userInfo[recorderKey] as? Recorder else { throw DynError() }
        return recorder
    }

    struct Item: Decodable, Equatable {
        enum Keys: String, CodingKey { case name, size, owner }
        struct Owner: Decodable, Equatable { var id: String }
        var name: String
        var size: Int
        var owner: Owner

        init(name: String, size: Int, owner: Owner) {
            self.name = name
            self.size = size
            self.owner = owner
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            name = try container.decode(String.self, forKey: .name)
            size = try container.decode(Int.self, forKey: .size)
            owner = try container.decode(Owner.self, forKey: .owner)
            if let recorder = decoder.userInfo[ContainerReuseTests.recorderKey] as? Recorder,
               let engine = decoder as? IndexDecoder {
                recorder.slotCounts.append(engine.session.state.pointee.keyedSlots.count)
            }
        }
    }

    static func items(_ count: Int) -> String {
        "[" + (0..<count).map { #"{"name":"item-\#($0)","size":\#($0),"owner":{"id":"o\#($0 % 7)"}}"# }.joined(separator: ",") + "]"
    }

    @Test("a thousand objects of two key types are read through two kept containers")
    func reusesReleasedContainers() throws {
        let recorder = Recorder()
        let items = try JSONEngine.decode(
            [Item].self, from: Data(Self.items(1_000).utf8), options: .init(userInfo: [Self.recorderKey: recorder])
        )
        #expect(items.count == 1_000)
        #expect(items[999] == Item(name: "item-999", size: 999, owner: .init(id: "o5")))
        #expect(items == (try foundationDecode([Item].self, Data(Self.items(1_000).utf8))))
        // Item's and Owner's: made once, then handed out again for every other object.
        #expect(recorder.slotCounts.allSatisfy { $0 <= 2 })
        #expect(recorder.slotCounts.last == 2)
    }

    /// A type nested in itself: each level's container is still in use while the next level decodes.
    struct Tree: Decodable, Equatable {
        enum Keys: String, CodingKey { case label, children, weight }
        var label: String
        var children: [Tree]
        var weight: Double

        init(label: String, children: [Tree], weight: Double) {
            self.label = label
            self.children = children
            self.weight = weight
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            // Children first, so that this level's container is read again after they reused containers.
            children = try container.decodeIfPresent([Tree].self, forKey: .children) ?? []
            label = try container.decode(String.self, forKey: .label)
            weight = try container.decode(Double.self, forKey: .weight)
        }
    }

    static func tree(depth: Int, label: String = "r") -> String {
        guard depth > 0 else { return #"{"label":"\#(label)","weight":0.5}"# }
        let children = (0..<3).map { tree(depth: depth - 1, label: "\(label)\($0)") }.joined(separator: ",")
        return #"{"weight":\#(depth).25,"children":[\#(children)],"label":"\#(label)"}"#
    }

    @Test("a type nested in itself reads each level's own object, as JSONDecoder does")
    func recursion() throws {
        let json = Data(Self.tree(depth: 5).utf8)
        let engine = try engineDecode(Tree.self, json)
        #expect(engine == (try foundationDecode(Tree.self, json)))
        #expect(engine.label == "r")
        #expect(engine.children[2].children[1].label == "r21")
        #expect(engine.children[2].children[1].weight == 3.25)
    }

    @Test("an error deep in a type nested in itself has JSONDecoder's coding path")
    func recursionErrorPath() {
        var json = Self.tree(depth: 3)
        // The last leaf's weight becomes a string.
        let range = json.range(of: #""label":"r222","weight":0.5"#, options: .backwards)!
        json.replaceSubrange(range, with: #""label":"r222","weight":"heavy""#)
        let (engine, foundation) = bothOutcomes(Tree.self, json)
        #expect(engine == .failure(kind: "typeMismatch", path: "children.[2].children.[2].children.[2].weight"))
        #expect(engine == foundation)
    }

    /// Keeps its container (in the recorder) after its own decode.
    struct Keeper: Decodable {
        init(from decoder: any Decoder) throws {
            try ContainerReuseTests.recorder(decoder).kept.append(decoder.container(keyedBy: Item.Keys.self))
        }
    }

    /// Decodes `Keeper`s, then reads every kept container: each must still read its own object.
    struct Keepers: Decodable {
        init(from decoder: any Decoder) throws {
            var elements = try decoder.unkeyedContainer()
            while !elements.isAtEnd { _ = try elements.decode(Keeper.self) }
            let recorder = try ContainerReuseTests.recorder(decoder)
            recorder.readBack = try recorder.kept.map { try $0.decode(String.self, forKey: .name) }
            recorder.kept = []
        }
    }

    @Test("containers still held are never moved to the next object")
    func heldContainersStay() throws {
        let recorder = Recorder()
        _ = try JSONEngine.decode(
            Keepers.self, from: Data(Self.items(100).utf8), options: .init(userInfo: [Self.recorderKey: recorder])
        )
        #expect(recorder.readBack == (0..<100).map { "item-\($0)" })
    }

    /// Two containers of the same key type at once, on the same object and on a nested one.
    struct Twice: Decodable, Equatable {
        enum Keys: String, CodingKey { case name, size, owner, inner }
        var first: String
        var second: Int
        var inner: [Twice]

        init(first: String, second: Int, inner: [Twice]) {
            self.first = first
            self.second = second
            self.inner = inner
        }

        init(from decoder: any Decoder) throws {
            let one = try decoder.container(keyedBy: Keys.self)
            let two = try decoder.container(keyedBy: Keys.self)
            inner = try two.decodeIfPresent([Twice].self, forKey: .inner) ?? []
            first = try one.decode(String.self, forKey: .name)
            second = try two.decode(Int.self, forKey: .size)
        }
    }

    @Test("two containers of one key type in use at once read their own objects")
    func twoAtOnce() throws {
        let json = Data(#"{"name":"a","size":1,"inner":[{"name":"b","size":2},{"name":"c","size":3,"inner":[{"name":"d","size":4}]}]}"#.utf8)
        let decoded = try engineDecode(Twice.self, json)
        #expect(decoded == Twice(first: "a", second: 1, inner: [
            Twice(first: "b", second: 2, inner: []),
            Twice(first: "c", second: 3, inner: [Twice(first: "d", second: 4, inner: [])]),
        ]))
    }

    @Test("a record page decoded in parallel chunks, each reusing its own containers, gives the serial decode's records")
    func parallelPage() async throws {
        let page = #"{"records":"# + Self.items(2_000).replacingOccurrences(
            of: #""owner""#, with: #""_nango_metadata":{"first_seen_at":"2026-01-01T00:00:00Z","last_modified_at":"2026-01-02T00:00:00Z","last_action":"ADDED","deleted_at":null,"cursor":"c"},"owner""#
        ) + #","next_cursor":null}"#
        let index = try JSONIndex(parsing: Data(page.utf8))
        let events = EventLog()
        let parallel = try await ParallelDecoding.$observer.withValue(.init { events.append($0) }) {
            try await RecordPage<Item>.decode(from: index, using: .parallel, context: .init(operation: "test"))
        }
        #expect(events.all == [.expected(elements: 2_000)])
        let serial = try foundationDecode(RecordPage<Item>.self, Data(page.utf8))
        #expect(parallel.records.count == 2_000)
        #expect(parallel.records.map(\.data) == serial.records.map(\.data))
        #expect(parallel.records.map(\.metadata) == serial.records.map(\.metadata))
    }

    @Test("the layout self-test passes on this toolchain, so reuse is on unless turned off")
    func selfTest() {
        #expect(ContainerReuse.selfTestPasses())
        #expect(ContainerReuse.isAvailable == ContainerReuse.isEnabledByEnvironment)
    }

    @Test("with reuse turned off, no box is kept for reuse, and the values are the same")
    func reuseOff() throws {
        let recorder = Recorder()
        let items = try JSONEngine.decode(
            [Item].self, from: Data(Self.items(300).utf8),
            options: .init(userInfo: [Self.recorderKey: recorder], reusesContainers: false)
        )
        #expect(items == (try foundationDecode([Item].self, Data(Self.items(300).utf8))))
        #expect(recorder.slotCounts.allSatisfy { $0 == 0 })
    }
}
