import Foundation
import HTTPTypes
@testable import Nango
@testable import NangoJSON
import NangoTesting
import Testing

/// The records of the fixtures: `id` is a string or a number there, so it is read as JSON.
private struct Contact: Codable, Hashable, Sendable {
    var id: JSONValue
    var email: String
    var name: String
}

@Suite("Records API", .timeLimit(.minutes(1)))
struct RecordsTests {
    @Test("listRecords sends GET /records/ with every option, in Node's order, and the connection headers")
    func listRecordsRequest() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("records/page1"), for: .get, path: "/records/")
        let nango = try makeClient(mock)
        let after = try #require(ISO8601.parse("2026-08-01T12:20:30.123+02:00"))

        let page = try await nango.listRecords(
            providerConfigKey: "hub spot",
            connectionID: "c1",
            model: "Contact",
            as: Contact.self,
            variant: "eu",
            cursor: "Y3Vy+/=",
            modifiedAfter: after,
            limit: 500,
            filter: [.added, .updated],
            ids: ["a", "b+c"]
        )

        let request = try #require(mock.lastRequest)
        #expect(request.method == .get)
        #expect(request.rawQuery == "model=Contact&variant=eu&modified_after=2026-08-01T10%3A20%3A30.123Z&limit=500&filter=added%2Cupdated&cursor=Y3Vy%2B%2F%3D&ids=a&ids=b%2Bc")
        #expect(request.queryValues("cursor") == ["Y3Vy+/="])
        #expect(request.header("Connection-Id") == "c1")
        #expect(request.header("Provider-Config-Key") == "hub spot")
        #expect(request.header("Content-Type") == nil)
        #expect(request.body == nil)
        expectStandardHeaders(request)

        #expect(page.records.count == 3)
        #expect(page.nextCursor?.contains("+") == true)
        let first = try #require(page.records.first)
        #expect(first.data.email.contains("@"))
        #expect(first.metadata.lastAction == .added)
        #expect(page.records[1].metadata.lastAction == .updated)
        #expect(page.records[1].data.id == .int(1202))
        #expect(first.metadata.cursor.hasSuffix("=="))
    }

    @Test("record timestamps with microseconds and +00:00 decode exactly; unknown metadata fields are kept")
    func recordMetadata() throws {
        let page = try decodeFixture("records/page3-last", as: RecordPage<JSONValue>.self)
        #expect(page.nextCursor == nil)
        let deleted = try #require(page.records.last)
        #expect(deleted.metadata.lastAction == .deleted)
        #expect(deleted.metadata.deletedAt == deleted.metadata.lastModifiedAt)
        let expected = try #require(ISO8601.parse("2026-08-01T11:31:17.700458Z"))
        #expect(abs(deleted.metadata.lastModifiedAt.timeIntervalSince(expected)) < 0.000_002)
        #expect(deleted.metadata.prunedAt == nil)

        let all = try [("records/page1"), ("records/page2-short"), ("records/page3-last")].flatMap {
            try decodeFixture($0, as: RecordPage<JSONValue>.self).records
        }
        #expect(all.contains { !$0.metadata.additionalFields.isEmpty })
        #expect(RecordAction(rawValue: "deleted") == .deleted)
        #expect(RecordAction(rawValue: "ARCHIVED").rawValue == "ARCHIVED")
    }

    @Test("a pruned record that no longer fits the record type goes to prunedRecords instead of failing the page")
    func prunedRecords() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("records/page-pruned"))
        mock.enqueue(try fixtureResponse("records/page-pruned"))
        let nango = try makeClient(mock)

        let page = try await nango.listRecords(providerConfigKey: "p", connectionID: "c", model: "Contact", as: Contact.self)
        #expect(page.records.map(\.data.name) == ["Dana Kim"])
        #expect(page.prunedRecords.count == 1)
        #expect(page.prunedRecords.first?.metadata.prunedAt != nil)
        #expect(page.prunedRecords.first?.data["id"] == "1302")

        // Untyped, both records are records.
        let untyped = try await nango.listRecords(providerConfigKey: "p", connectionID: "c", model: "Contact")
        #expect(untyped.records.count == 2)
        #expect(untyped.prunedRecords.isEmpty)
    }

    @Test("a record that does not fit the type and was not pruned is still a decoding error")
    func misfitRecord() async throws {
        struct Strict: Decodable, Sendable { var missing_field: String }
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("records/page1"))
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) {
            try await nango.listRecords(providerConfigKey: "p", connectionID: "c", model: "Contact", as: Strict.self)
        }
        #expect(error?.kind == .decoding)
    }

    @Test("untyped JSON records encode back with their metadata")
    func untypedRecordEncodes() throws {
        let page = try decodeFixture("records/page1", as: RecordPage<JSONValue>.self)
        let record = try #require(page.records.first)
        let json = try JSONValue(encoding: record)
        #expect(json["_nango_metadata"]?["last_action"] == "ADDED")
        #expect(json["company"]?["name"] == "Globex")
    }

    @Test("a typed record round-trips with _nango_metadata beside its fields")
    func recordRoundTrip() throws {
        let page = try decodeFixture("records/page1", as: RecordPage<Contact>.self)
        let record = try #require(page.records.first)
        let json = try JSONValue(encoding: record)
        #expect(json["email"] == .string(record.data.email))
        #expect(json["_nango_metadata"]?["cursor"] == .string(record.metadata.cursor))
        let again = try json.decode(as: NangoRecord<Contact>.self)
        #expect(again == record)
    }

    @Test("untyped listRecords returns JSON records; the deprecated delta is sent as modified_after, and modifiedAfter wins")
    func untypedAndDelta() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("records/empty"))
        mock.enqueue(try fixtureResponse("records/empty"))
        let nango = try makeClient(mock)
        let delta = try #require(ISO8601.parse("2026-07-01T00:00:00Z"))
        let modified = try #require(ISO8601.parse("2026-07-02T00:00:00Z"))

        var options = ListRecordsOptions()
        options.deprecatedDelta = delta
        let page = try await nango.listRecords(providerConfigKey: "p", connectionID: "c", model: "Contact", options: options)
        #expect(page.records.isEmpty)
        #expect(page.nextCursor == nil)
        #expect(mock.requests[0].rawQuery == "model=Contact&modified_after=2026-07-01T00%3A00%3A00.000Z")

        options.modifiedAfter = modified
        _ = try await nango.listRecords(providerConfigKey: "p", connectionID: "c", model: "Contact", options: options)
        #expect(mock.requests[1].queryValues("modified_after") == ["2026-07-02T00:00:00.000Z"])
        #expect(mock.requests[1].queryValues("delta").isEmpty)
    }

    @Test("invalid listRecords input throws before sending", arguments: [
        ("", "c", "Contact", ListRecordsOptions()),
        ("p", "", "Contact", ListRecordsOptions()),
        ("p", "c", "", ListRecordsOptions()),
        ("p", "c\nX-Injected: 1", "Contact", ListRecordsOptions()),
        ("p", "c", "Contact", ListRecordsOptions(limit: 0)),
        ("p", "c", "Contact", ListRecordsOptions(limit: 10_001)),
        ("p", "c", "Contact", ListRecordsOptions(filter: [])),
        ("p", "c", "Contact", ListRecordsOptions(cursor: "")),
        ("p", "c", "Contact", ListRecordsOptions(ids: Array(repeating: "x", count: 101))),
        ("p", "c", "Contact", ListRecordsOptions(ids: [""])),
    ])
    func invalidListRecords(key: String, connection: String, model: String, options: ListRecordsOptions) async throws {
        let mock = MockTransport()
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) {
            try await nango.listRecords(providerConfigKey: key, connectionID: connection, model: model, options: options)
        }
        #expect(error?.kind == .invalidArgument)
        #expect(mock.requests.isEmpty)
    }

    // MARK: paging

    @Test("records(...) reads a 3-page chain with a short middle page in full and stops at the null cursor")
    func pagingChain() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("records/page1"))
        mock.enqueue(try fixtureResponse("records/page2-short"))
        mock.enqueue(try fixtureResponse("records/page3-last"))
        let nango = try makeClient(mock)
        let page1 = try decodeFixture("records/page1", as: RecordPage<JSONValue>.self)
        let page2 = try decodeFixture("records/page2-short", as: RecordPage<JSONValue>.self)

        var emails: [String] = []
        let sequence = nango.records(
            providerConfigKey: "hubspot",
            connectionID: "c1",
            model: "Contact",
            as: Contact.self,
            options: .init(variant: "eu", limit: 3, filter: .updated)
        )
        for try await record in sequence {
            emails.append(record.data.email)
        }

        #expect(emails.count == 6)
        #expect(mock.requests.count == 3)
        #expect(mock.requests.map { $0.queryValues("cursor") } == [[], [try #require(page1.nextCursor)], [try #require(page2.nextCursor)]])
        for request in mock.requests {
            #expect(request.queryValues("model") == ["Contact"])
            #expect(request.queryValues("variant") == ["eu"])
            #expect(request.queryValues("limit") == ["3"])
            #expect(request.queryValues("filter") == ["updated"])
            #expect(request.header("Connection-Id") == "c1")
        }
        try mock.verifyAllResponsesUsed()
    }

    @Test("records(...) starts from a saved cursor")
    func pagingFromCursor() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("records/page3-last"))
        let nango = try makeClient(mock)
        var count = 0
        for try await _ in nango.records(providerConfigKey: "p", connectionID: "c", model: "Contact", as: JSONValue.self, options: .init(cursor: "saved+cursor")) {
            count += 1
        }
        #expect(count == 2)
        #expect(mock.lastRequest?.queryValues("cursor") == ["saved+cursor"])
    }

    @Test("a server that repeats a cursor ends paging with an error, not an endless loop")
    func repeatedCursor() async throws {
        let loop = #"{"records":[],"next_cursor":"same"}"#
        let mock = MockTransport(handler: { _ in .json(loop) })
        let nango = try makeClient(mock)

        let error = await #expect(throws: NangoError.self) {
            for try await _ in nango.records(providerConfigKey: "p", connectionID: "c", model: "Contact", as: JSONValue.self) {}
        }

        #expect(error?.kind == .invalidResponse)
        #expect(mock.requests.count == 2)
    }

    @Test("the next page is fetched while the current one is consumed, never more than one ahead")
    func prefetchesOnePage() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("records/page1"))
        mock.enqueue(try fixtureResponse("records/page2-short"))
        mock.enqueue(try fixtureResponse("records/page3-last"))
        let nango = try makeClient(mock)

        var seen = 0
        for try await _ in nango.records(providerConfigKey: "p", connectionID: "c", model: "Contact", as: JSONValue.self) {
            seen += 1
            if seen == 1 {
                // While the first record is in hand, the second page is requested, and not the third.
                try await waitUntil { mock.requests.count == 2 }
                try await Task.sleep(for: .milliseconds(50))
                #expect(mock.requests.count == 2)
            }
        }
        #expect(mock.requests.count == 3)
        #expect(mock.pendingResponseCount == 0)
    }

    @Test("breaking out of the loop cancels the page being fetched ahead and fetches nothing more")
    func breakStopsFetching() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("records/page1"))
        mock.enqueue(.delayed(.seconds(30), try fixtureResponse("records/page2-short")))
        mock.enqueue(try fixtureResponse("records/page3-last"))
        let nango = try makeClient(mock)

        let started = ContinuousClock.now
        var seen = 0
        for try await _ in nango.records(providerConfigKey: "p", connectionID: "c", model: "Contact", as: JSONValue.self) {
            seen += 1
            if seen == 2 { break }
        }
        try await Task.sleep(for: .milliseconds(100))

        #expect(seen == 2)
        // The page ahead may or may not have been requested before the break; the one after it never is.
        #expect(mock.requests.count <= 2)
        #expect(mock.pendingResponseCount == 3 - mock.requests.count)
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("cancelling the consuming task stops fetching")
    func cancellationStopsFetching() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("records/page1"))
        mock.enqueue(.delayed(.seconds(30), try fixtureResponse("records/page2-short")))
        mock.enqueue(try fixtureResponse("records/page3-last"))
        let nango = try makeClient(mock)

        let task = Task {
            var count = 0
            for try await _ in nango.records(providerConfigKey: "p", connectionID: "c", model: "Contact", as: JSONValue.self) {
                count += 1
            }
            return count
        }
        // Cancel while the second page is in flight.
        try await waitUntil { mock.requests.count == 2 }
        task.cancel()

        await #expect(throws: CancellationError.self) { try await task.value }
        try await Task.sleep(for: .milliseconds(100))
        #expect(mock.requests.count == 2)
        #expect(mock.pendingResponseCount == 1)
    }

    @Test("invalid arguments surface when iteration starts, before any request")
    func pagingInvalid() async throws {
        let mock = MockTransport()
        let nango = try makeClient(mock)
        await #expect(throws: NangoError.self) {
            for try await _ in nango.records(providerConfigKey: "p", connectionID: "c", model: "", as: JSONValue.self) {}
        }
        #expect(mock.requests.isEmpty)
    }

    // MARK: prune

    @Test("pruneRecords PATCHes /records/prune with {model, until_cursor, limit, variant} and the connection headers")
    func prune() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("records/prune"), for: .patch, path: "/records/prune")
        mock.enqueue(try fixtureResponse("records/prune"), for: .patch, path: "/records/prune")
        let nango = try makeClient(mock)

        let result = try await nango.pruneRecords(
            providerConfigKey: "hubspot", connectionID: "c1", model: "Contact", untilCursor: "cur+/=", variant: "eu", limit: 50
        )
        _ = try await nango.pruneRecords(providerConfigKey: "hubspot", connectionID: "c1", model: "Contact", untilCursor: "cur")

        #expect(result == PruneResult(count: 42, hasMore: true))
        let full = mock.requests[0]
        #expect(full.json == ["model": "Contact", "until_cursor": "cur+/=", "limit": 50, "variant": "eu"])
        #expect(full.rawQuery == nil)
        #expect(full.header("Content-Type") == "application/json")
        #expect(full.header("Connection-Id") == "c1")
        #expect(full.header("Provider-Config-Key") == "hubspot")
        #expect(mock.requests[1].json == ["model": "Contact", "until_cursor": "cur"])
    }

    @Test("pruneRecords refuses bad input", arguments: [(String, Int?)]([("", nil), ("cur", 0), ("cur", 10_001)]))
    func pruneInvalid(cursor: String, limit: Int?) async throws {
        let mock = MockTransport()
        let nango = try makeClient(mock)
        await #expect(throws: NangoError.self) {
            try await nango.pruneRecords(providerConfigKey: "p", connectionID: "c", model: "Contact", untilCursor: cursor, limit: limit)
        }
        #expect(mock.requests.isEmpty)
    }
}

@Suite("Connections paging", .timeLimit(.minutes(1)))
struct ConnectionPagingTests {
    @Test("connections(...) pages until a short page, carrying the filters")
    func pages() async throws {
        let mock = MockTransport()
        let list = try fixture("connections/list")
        mock.enqueue(.http(status: 200, body: list))
        mock.enqueue(.json(#"{"connections":[]}"#))
        let nango = try makeClient(mock)

        var ids: [String] = []
        for try await connection in nango.connections(.init(integrationIDs: ["github"]), pageSize: 3) {
            ids.append(connection.connectionID)
        }

        #expect(ids.count == 3)
        #expect(mock.requests.map { $0.queryValues("page") } == [["0"], ["1"]])
        #expect(mock.requests.allSatisfy { $0.queryValues("limit") == ["3"] && $0.queryValues("integrationId") == ["github"] })
    }

    @Test("an invalid page size fails when iteration starts")
    func invalidPageSize() async throws {
        let mock = MockTransport()
        let nango = try makeClient(mock)
        await #expect(throws: NangoError.self) { for try await _ in nango.connections(pageSize: 0) {} }
        await #expect(throws: NangoError.self) { for try await _ in nango.connections(pageSize: 2001) {} }
        #expect(mock.requests.isEmpty)
    }

    @Test("a server that ignores page ends paging with an error")
    func ignoredPage() async throws {
        let list = try fixture("connections/list")
        let mock = MockTransport(handler: { _ in .http(status: 200, body: list) })
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) {
            for try await _ in nango.connections(pageSize: 3) {}
        }
        #expect(error?.kind == .invalidResponse)
        #expect(mock.requests.count == 2)
    }
}

@Suite("Records pages decoded in parallel", .timeLimit(.minutes(1)))
struct RecordsParallelTests {
    /// A page of `count` records; with `pruning`, every 97th is pruned (its payload emptied, so it no longer fits
    /// `Contact`), and `broken` (if any) has a number where its email should be.
    static func page(count: Int, pruning: Bool = false, broken: Int? = nil) -> Data {
        var records: [String] = []
        for index in 0..<count {
            let pruned = pruning && index % 97 == 5
            let email = index == broken ? "12" : #""u\#(index)@example.com""#
            let fields = pruned ? #""id":"\#(index)""# : #""id":"\#(index)","email":\#(email),"name":"User \#(index)""#
            records.append("""
            {\(fields),"_nango_metadata":{"first_seen_at":"2026-07-30T12:01:15.220431+00:00",\
            "last_modified_at":"2026-08-01T09:14:02.41830\(index % 10)+00:00","last_action":"UPDATED","deleted_at":null,\
            "pruned_at":\(pruned ? #""2026-08-02T00:00:00Z""# : "null"),"cursor":"c\(index)"\(index % 50 == 0 ? #","extra":[1,{"x":true}]"# : "")}}
            """)
        }
        return Data(#"{"records":[\#(records.joined(separator: ","))],"next_cursor":"next"}"#.utf8)
    }

    /// Decodes `data` as the records API does, with `decoding`, and returns the page and how it was decoded.
    static func decode<Record: Decodable & Sendable>(
        _ data: Data, as type: Record.Type, _ decoding: PageDecoding
    ) async throws -> (RecordPage<Record>, [ParallelDecoding.Event]) {
        let events = EventLog()
        let index = try JSONIndex(parsing: data)
        let page = try await ParallelDecoding.$observer.withValue(.init { events.append($0) }) {
            try await RecordPage<Record>.decode(from: index, using: decoding, context: .init(operation: "test"))
        }
        return (page, events.all)
    }

    @Test("a large page is decoded in parallel chunks (on a machine of several cores) and equals the serial decode")
    func parallelEqualsSerial() async throws {
        let data = Self.page(count: 1_500)
        let (parallel, events) = try await Self.decode(data, as: Contact.self, .parallel)
        #expect(events == [.expected(elements: 1_500)])
        let (serial, serialEvents) = try await Self.decode(data, as: Contact.self, .serial)
        #expect(serialEvents == [.serial])
        let foundation = try foundationDecoder.decode(RecordPage<Contact>.self, from: data)
        #expect(parallel.records.count == 1_500)
        #expect(parallel.records == serial.records)
        #expect(parallel.records == foundation.records)
        #expect(parallel.prunedRecords.isEmpty)
        #expect(parallel.records.map(\.metadata.cursor) == (0..<1_500).map { "c\($0)" })
        #expect(parallel.records[0].metadata.additionalFields["extra"] == [1, ["x": true]])
        #expect(parallel.nextCursor == "next")
    }

    @Test("a large page with pruned records that no longer fit falls back to the serial decode, which sorts them out")
    func prunedFallBack() async throws {
        let data = Self.page(count: 1_500, pruning: true)
        let (page, events) = try await Self.decode(data, as: Contact.self, .parallel)
        #expect(events == [.serial])
        let foundation = try foundationDecoder.decode(RecordPage<Contact>.self, from: data)
        #expect(page.records == foundation.records)
        #expect(page.prunedRecords == foundation.prunedRecords)
        #expect(page.records.count + page.prunedRecords.count == 1_500)
        #expect(page.prunedRecords.count == 16)
    }

    @Test("an error deep in a large page names the record's position, as a serial decode would")
    func parallelErrorPath() async throws {
        let data = Self.page(count: 1_500, broken: 1_203)
        let error = await #expect(throws: NangoError.self) {
            _ = try await Self.decode(data, as: Contact.self, .parallel)
        }
        #expect(error?.kind == .decoding)
        #expect(error?.message.contains("records.[1203].email") == true, "\(error?.message ?? "")")
    }

    @Test("untyped pages: small ones serially, large ones in parallel")
    func smallAndUntyped() async throws {
        let (small, smallEvents) = try await Self.decode(Self.page(count: 40), as: JSONValue.self, .parallel)
        #expect(smallEvents == [.serial])
        #expect(small.records.count == 40)
        let (large, largeEvents) = try await Self.decode(Self.page(count: 700, pruning: true), as: JSONValue.self, .parallel)
        #expect(largeEvents == [.expected(elements: 700)])
        #expect(large.records.count == 700)
        #expect(large.records[9].data["id"] == "9")
    }

    @Test("the configuration's pageDecoding reaches listRecords and records(...)", arguments: [PageDecoding.parallel, .serial])
    func configurationSwitch(decoding: PageDecoding) async throws {
        let mock = MockTransport()
        mock.enqueue(.json(String(decoding: Self.page(count: 600), as: UTF8.self)))
        mock.enqueue(.json(String(decoding: Self.page(count: 600), as: UTF8.self).replacingOccurrences(of: #""next_cursor":"next""#, with: #""next_cursor":null"#)))
        let client = try makeClient(mock) { $0.pageDecoding = decoding }
        let events = EventLog()
        let (page, streamed) = try await ParallelDecoding.$observer.withValue(.init { events.append($0) }) {
            let page = try await client.listRecords(providerConfigKey: "p", connectionID: "c", model: "M", as: Contact.self)
            var count = 0
            for try await _ in client.records(providerConfigKey: "p", connectionID: "c", model: "M", as: Contact.self, options: .init(cursor: "next")) {
                count += 1
            }
            return (page, count)
        }
        #expect(page.records.count == 600)
        #expect(streamed == 600)
        let expected: ParallelDecoding.Event = decoding == .parallel ? .expected(elements: 600) : .serial
        #expect(events.all == [expected, expected])
    }
}

@Suite("Record metadata read from the index", .timeLimit(.minutes(1)))
struct RecordMetadataDirectTests {
    static let complete = #"{"first_seen_at":"2026-07-30T12:01:15.220431+00:00","last_modified_at":"2026-08-01T09:14:02Z","last_action":"deleted","deleted_at":"2026-08-01T09:14:02.5Z","pruned_at":null,"cursor":"Y3Vy","new_field":{"a":[1,2.5]}}"#

    /// Variants of `_nango_metadata`, valid and broken in every way a field can be.
    static let variants: [String] = [
        complete,
        #"{"first_seen_at":"2026-07-30T12:01:15Z","last_modified_at":"2026-07-30T12:01:15Z","last_action":"ADDED","cursor":"c"}"#,
        #"{"last_modified_at":"2026-07-30T12:01:15Z","last_action":"ADDED","cursor":"c"}"#,
        #"{"first_seen_at":null,"last_modified_at":"2026-07-30T12:01:15Z","last_action":"ADDED","cursor":"c"}"#,
        #"{"first_seen_at":"yesterday","last_modified_at":"2026-07-30T12:01:15Z","last_action":"ADDED","cursor":"c"}"#,
        #"{"first_seen_at":"2026-07-30T12:01:15Z","last_modified_at":"2026-07-30T12:01:15Z","last_action":7,"cursor":"c"}"#,
        #"{"first_seen_at":"2026-07-30T12:01:15Z","last_modified_at":"2026-07-30T12:01:15Z","last_action":"ADDED","cursor":null}"#,
        #"{"first_seen_at":"2026-07-30T12:01:15Z","last_modified_at":"2026-07-30T12:01:15Z","last_action":"ADDED","cursor":"c","deleted_at":5}"#,
        #"{"first_seen_at":"2026-07-30T12:01:15Z","last_modified_at":"2026-07-30T12:01:15Z","last_action":"ADDED","cursor":"c","pruned_at":"not a date"}"#,
        #"[1,2]"#,
        #""text""#,
    ]

    @Test("the direct reader gives the same values and the same errors (kind and path) as keyed decoding", arguments: variants)
    func sameAsKeyedDecoding(metadata: String) throws {
        let data = Data(#"{"records":[{"id":"1","_nango_metadata":\#(metadata)}],"next_cursor":null}"#.utf8)
        let engine = outcome { try JSONEngine.decode(RecordPage<JSONValue>.self, from: data).records.map(\.metadata) }
        let foundation = outcome { try foundationDecoder.decode(RecordPage<JSONValue>.self, from: data).records.map(\.metadata) }
        #expect(engine == foundation)
    }

    @Test("unknown metadata fields are kept; absent optional dates are nil")
    func values() throws {
        let data = Data(#"{"records":[{"id":"1","_nango_metadata":\#(Self.complete)}],"next_cursor":null}"#.utf8)
        let metadata = try #require(try JSONEngine.decode(RecordPage<JSONValue>.self, from: data).records.first?.metadata)
        #expect(metadata.lastAction == .deleted)
        #expect(metadata.prunedAt == nil)
        #expect(metadata.deletedAt != nil)
        #expect(metadata.additionalFields == ["new_field": ["a": [1, 2.5]]])
    }
}

@Suite("Hostile record pages", .timeLimit(.minutes(1)))
struct HostileRecordPagesTests {
    @Test("a page of a million empty objects fails on its first record without allocating for all of them")
    func manyEmptyRecords() throws {
        let body = Data(("{\"records\":[" + Array(repeating: "{}", count: 1_000_000).joined(separator: ",") + "],\"next_cursor\":null}").utf8)
        let error = #expect(throws: NangoError.self) {
            try NangoCoding.decode(RecordPage<JSONValue>.self, from: body, context: .init(operation: "test"))
        }
        #expect(error?.kind == .decoding)
        #expect(error?.message.contains("records.[0]") == true, "\(error?.message ?? "")")
    }

    @Test("a records array of numbers is a type error at its first element")
    func numbers() throws {
        let body = Data(("{\"records\":[" + Array(repeating: "0", count: 5_000).joined(separator: ",") + "],\"next_cursor\":null}").utf8)
        let error = #expect(throws: NangoError.self) {
            try NangoCoding.decode(RecordPage<JSONValue>.self, from: body, context: .init(operation: "test"))
        }
        #expect(error?.message.contains("records.[0]") == true, "\(error?.message ?? "")")
    }

    @Test("a repeated unknown key keeps its last value, as every other key does")
    func repeatedUnknownKey() throws {
        let body = Data(#"{"records":[{"id":"1","_nango_metadata":{"first_seen_at":"2026-07-30T12:01:15Z","last_modified_at":"2026-07-30T12:01:15Z","last_action":"ADDED","cursor":"c","x":1e400,"x":2}}],"next_cursor":null}"#.utf8)
        // A typed record (a JSONValue record would read the whole object, 1e400 included, and fail).
        struct OnlyID: Decodable, Sendable { var id: String }
        let page = try NangoCoding.decode(RecordPage<OnlyID>.self, from: body, context: .init(operation: "test"))
        #expect(page.records.first?.metadata.additionalFields == ["x": 2])
    }
}

@Suite("Records streamed page after page", .timeLimit(.minutes(1)))
struct RecordsStreamTests {
    static func page(ids: [Int], next: String?, brokenEmail: Bool = false) -> String {
        let records = ids.map { id in
            #"{"id":"\#(id)","email":\#(brokenEmail ? "5" : #""u\#(id)@x.io""#),"name":"N","_nango_metadata":{"first_seen_at":"2026-07-30T12:01:15Z","last_modified_at":"2026-07-30T12:01:15Z","last_action":"ADDED","cursor":"c\#(id)"}}"#
        }
        return #"{"records":[\#(records.joined(separator: ","))],"next_cursor":\#(next.map { #""\#($0)""# } ?? "null")}"#
    }

    @Test("each page's cursor is sent for the next request, which starts before the page is decoded")
    func cursorsInOrder() async throws {
        let mock = MockTransport()
        mock.enqueue(.json(Self.page(ids: [1, 2], next: "p2")))
        mock.enqueue(.json(Self.page(ids: [3], next: "p3")))
        mock.enqueue(.json(Self.page(ids: [4, 5], next: nil)))
        let nango = try makeClient(mock)
        var ids: [JSONValue] = []
        for try await record in nango.records(providerConfigKey: "p", connectionID: "c", model: "Contact", as: Contact.self) {
            ids.append(record.data.id)
        }
        #expect(ids == ["1", "2", "3", "4", "5"])
        #expect(mock.requests.map { $0.queryValues("cursor") } == [[], ["p2"], ["p3"]])
    }

    @Test("a page that does not decode ends the iteration with its error, after every record before it")
    func brokenPage() async throws {
        let mock = MockTransport()
        mock.enqueue(.json(Self.page(ids: [1, 2], next: "p2")))
        let broken = Self.page(ids: [3], next: "p3", brokenEmail: true)
        mock.enqueue(.json(broken, headers: [HTTPField.Name("X-Request-Id")!: "req-page-2"]))
        mock.enqueue(.json(Self.page(ids: [4], next: nil)))
        let nango = try makeClient(mock)
        var seen = 0
        let error = await #expect(throws: NangoError.self) {
            for try await _ in nango.records(providerConfigKey: "p", connectionID: "c", model: "Contact", as: Contact.self) {
                seen += 1
            }
        }
        #expect(seen == 2)
        #expect(error?.kind == .decoding)
        #expect(error?.message.contains("records.[0].email") == true, "\(error?.message ?? "")")
        // The page's own bytes, status and request id, although only its parsed index was kept.
        #expect(error?.responseBody == Data(broken.utf8))
        #expect(error?.status == 200)
        #expect(error?.requestID == "req-page-2")
    }

    @Test("a page that is not JSON is a decoding error with the status")
    func notJSON() async throws {
        let mock = MockTransport()
        mock.enqueue(.json(#"{"records": [tru"#))
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) {
            for try await _ in nango.records(providerConfigKey: "p", connectionID: "c", model: "Contact", as: JSONValue.self) {}
        }
        #expect(error?.kind == .decoding)
        #expect(error?.status == 200)
    }
}
