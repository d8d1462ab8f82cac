import Foundation
@testable import Nango
@testable import NangoJSON
import NangoTesting
import Testing

/// A user type may keep the decoder, containers and nested containers its `init(from:)` was given and use them
/// after the call returned: legal Swift, and `JSONDecoder` supports it. Through the SDK's engine they must stay
/// valid and read the values `JSONDecoder` would give, on every public path that decodes users' types. CI runs
/// this suite under AddressSanitizer, which reports any read of freed memory.
@Suite("Containers kept after the decode", .timeLimit(.minutes(1)))
struct KeptContainerTests {
    /// What a `Keeper` reads again, after its decode, through what it kept.
    struct ReadBack: Equatable {
        var name: String
        var nameThroughDecoder: String
        var city: String
        var zip: Int
        var tags: [String]
        var nameThroughSuperDecoder: String
        var keys: [String]
    }

    /// Keeps its decoder, its keyed container, a nested keyed and a nested unkeyed container and a super decoder.
    struct Keeper: Decodable, Sendable {
        final class Vault: @unchecked Sendable {
            var decoder: (any Decoder)?
            var keyed: KeyedDecodingContainer<Keys>?
            var address: KeyedDecodingContainer<AddressKeys>?
            var tags: (any UnkeyedDecodingContainer)?
            var nameDecoder: (any Decoder)?
        }

        enum Keys: String, CodingKey {
            case name, address, tags, missing
        }

        enum AddressKeys: String, CodingKey {
            case city, zip
        }

        let name: String
        let vault: Vault
        let keepsContainers: Bool

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            name = try container.decode(String.self, forKey: .name)
            vault = Vault()
            // Records whose name ends in an odd digit let go of their containers, so the engine may reuse
            // those boxes for the next records while the kept ones stay with their objects.
            keepsContainers = !(name.last.map { "13579".contains($0) } ?? false)
            guard keepsContainers else { return }
            vault.decoder = decoder
            vault.keyed = container
            vault.address = try container.nestedContainer(keyedBy: AddressKeys.self, forKey: .address)
            vault.tags = try container.nestedUnkeyedContainer(forKey: .tags)
            vault.nameDecoder = try container.superDecoder(forKey: .name)
        }

        /// Everything read again through what was kept.
        func readBack(throughDecoder: Bool = true) throws -> ReadBack {
            let keyed = try #require(vault.keyed)
            let address = try #require(vault.address)
            var tags = try #require(vault.tags)
            let decoder = try #require(vault.decoder)
            let nameDecoder = try #require(vault.nameDecoder)
            var tagValues: [String] = []
            while !tags.isAtEnd { tagValues.append(try tags.decode(String.self)) }
            return ReadBack(
                name: try keyed.decode(String.self, forKey: .name),
                nameThroughDecoder: throughDecoder ? try decoder.container(keyedBy: Keys.self).decode(String.self, forKey: .name) : "",
                city: try address.decode(String.self, forKey: .city),
                zip: try address.decode(Int.self, forKey: .zip),
                tags: tagValues,
                nameThroughSuperDecoder: try nameDecoder.singleValueContainer().decode(String.self),
                keys: keyed.allKeys.map(\.stringValue).sorted()
            )
        }
    }

    /// One object a `Keeper` decodes, with values that differ per `index`.
    static func object(_ index: Int, metadata: Bool = false) -> String {
        let meta = metadata ? #","_nango_metadata":{"first_seen_at":"2026-07-30T12:01:15Z","last_modified_at":"2026-07-30T12:01:15Z","last_action":"ADDED","cursor":"c\#(index)"}"# : ""
        return #"{"name":"n\#(index)","address":{"city":"city \#(index)","zip":\#(10_000 + index)},"tags":["a\#(index)","b\#(index)"]\#(meta)}"#
    }

    /// What a kept `Keeper` of `object(index)` must read back.
    static func expected(_ index: Int, metadata: Bool = false) -> ReadBack {
        ReadBack(
            name: "n\(index)", nameThroughDecoder: "n\(index)", city: "city \(index)", zip: 10_000 + index,
            tags: ["a\(index)", "b\(index)"], nameThroughSuperDecoder: "n\(index)",
            // `allKeys` lists the keys `Keys` knows (not `_nango_metadata`).
            keys: ["address", "name", "tags"]
        )
    }

    static func page(count: Int) -> Data {
        Data(#"{"records":[\#((0..<count).map { object($0, metadata: true) }.joined(separator: ","))],"next_cursor":null}"#.utf8)
    }

    /// Checks every keeper that kept its containers against `JSONDecoder`'s reading and the expected values.
    static func check(_ keepers: [Keeper], reference: [Keeper], metadata: Bool) throws {
        #expect(keepers.count == reference.count)
        for (index, (keeper, other)) in zip(keepers, reference).enumerated() where keeper.keepsContainers {
            let readBack = try keeper.readBack()
            #expect(readBack == expected(index, metadata: metadata), "record \(index): \(readBack)")
            // JSONDecoder's kept containers read their own values too (its kept decoders do not: it moves one
            // decoder from value to value, so that field is left out of the comparison).
            var containersOnly = try other.readBack(throughDecoder: false)
            containersOnly.nameThroughDecoder = readBack.nameThroughDecoder
            #expect(readBack == containersOnly, "record \(index)")
        }
    }

    @Test("a single value: the kept decoder and containers read the values JSONDecoder gives")
    func singleValue() throws {
        let data = Data(Self.object(4).utf8)
        let keeper = try NangoCoding.decode(Keeper.self, from: data, context: .init(operation: "test"))
        let reference = try JSONDecoder().decode(Keeper.self, from: data)
        #expect(try keeper.readBack() == (try reference.readBack()))
        #expect(try keeper.readBack() == Self.expected(4))
    }

    @Test("a kept container asked for what is not there throws a clear DecodingError")
    func errorsAfterTheCall() throws {
        let keeper = try NangoCoding.decode(Keeper.self, from: Data(Self.object(2).utf8), context: .init(operation: "test"))
        let keyed = try #require(keeper.vault.keyed)
        #expect(throws: DecodingError.self) { try keyed.decode(String.self, forKey: .missing) }
        #expect(throws: DecodingError.self) { try keyed.decode(Int.self, forKey: .name) }
        var tags = try #require(keeper.vault.tags)
        _ = try tags.decode(String.self)
        _ = try tags.decode(String.self)
        #expect(throws: DecodingError.self) { try tags.decode(String.self) }
    }

    @Test("records: a small page (serial) and a large one (parallel), kept and released containers mixed", arguments: [40, 1_000])
    func recordPages(count: Int) async throws {
        let mock = MockTransport()
        mock.enqueue(.json(String(decoding: Self.page(count: count), as: UTF8.self)))
        let client = try makeClient(mock)
        let events = EventLog()
        let page = try await ParallelDecoding.$observer.withValue(.init { events.append($0) }) {
            try await client.listRecords(providerConfigKey: "p", connectionID: "c", model: "M", as: Keeper.self)
        }
        #expect(events.all == [.expected(elements: count)])
        let reference = try JSONDecoder().decode(RecordPage<Keeper>.self, from: Self.page(count: count))
        try Self.check(page.records.map(\.data), reference: reference.records.map(\.data), metadata: true)
    }

    @Test("records(...): every page's kept containers still read their own records after later pages")
    func recordStream() async throws {
        let mock = MockTransport()
        let first = String(decoding: Self.page(count: 300), as: UTF8.self).replacingOccurrences(of: #""next_cursor":null"#, with: #""next_cursor":"2""#)
        mock.enqueue(.json(first))
        mock.enqueue(.json(String(decoding: Self.page(count: 300), as: UTF8.self)))
        let client = try makeClient(mock)
        var keepers: [Keeper] = []
        for try await record in client.records(providerConfigKey: "p", connectionID: "c", model: "M", as: Keeper.self) {
            keepers.append(record.data)
        }
        #expect(keepers.count == 600)
        for (position, keeper) in keepers.enumerated() where keeper.keepsContainers {
            #expect(try keeper.readBack() == Self.expected(position % 300, metadata: true))
        }
    }

    @Test("actions, metadata and proxy decode keep their containers valid too")
    func otherPaths() async throws {
        let mock = MockTransport()
        mock.enqueue(.json(Self.object(2)))
        mock.enqueue(.json(#"{"id":1,"connection_id":"c","provider_config_key":"p","provider":"x","created_at":"2026-07-30T12:01:15Z","updated_at":"2026-07-30T12:01:15Z","credentials":{},"metadata":\#(Self.object(4))}"#))
        let client = try makeClient(mock)
        let action = try await client.triggerAction(providerConfigKey: "p", connectionID: "c", action: "a", as: Keeper.self)
        #expect(try action.readBack() == Self.expected(2))
        let metadata = try #require(try await client.getMetadata(providerConfigKey: "p", connectionID: "c", as: Keeper.self))
        #expect(try metadata.readBack() == Self.expected(4))
        let proxied = try ProxyResponse(status: 200, body: Data(Self.object(6).utf8)).decode(as: Keeper.self)
        #expect(try proxied.readBack() == Self.expected(6))
        let list = try NangoCoding.decode([Keeper].self, from: Data("[\((0..<50).map { Self.object($0) }.joined(separator: ","))]".utf8), context: .init(operation: "test"))
        try Self.check(list, reference: try JSONDecoder().decode([Keeper].self, from: Data("[\((0..<50).map { Self.object($0) }.joined(separator: ","))]".utf8)), metadata: false)
    }

    @Test("with container reuse turned off, the same values")
    func reuseOff() throws {
        let data = Self.page(count: 300)
        let options = JSONEngine.Options(directTypes: JSONValueDirectTypes.self, reusesContainers: false)
        let page = try JSONEngine.decode(RecordPage<Keeper>.self, from: data, options: options)
        let reference = try JSONDecoder().decode(RecordPage<Keeper>.self, from: data)
        try Self.check(page.records.map(\.data), reference: reference.records.map(\.data), metadata: true)
    }
}

/// Events reported by the parallel decoder, collected across tasks.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [ParallelDecoding.Event] = []

    func append(_ event: ParallelDecoding.Event) { lock.withLock { events.append(event) } }
    var all: [ParallelDecoding.Event] { lock.withLock { events } }
}

extension ParallelDecoding.Event {
    /// What decoding a page of `elements` records with `.parallel` reports on this machine: chunks by child tasks,
    /// unless the page is small or the machine has a single core.
    static func expected(elements: Int) -> ParallelDecoding.Event {
        let chunks = (elements + ParallelDecoding.chunkSize - 1) / ParallelDecoding.chunkSize
        guard DecodingSlots.shared.limit > 1, elements >= ParallelDecoding.threshold else { return .serial }
        return .parallel(elements: elements, chunks: chunks, workers: min(chunks, DecodingSlots.shared.limit))
    }
}
