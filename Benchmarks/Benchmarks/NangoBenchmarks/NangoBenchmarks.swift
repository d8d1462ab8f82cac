import Benchmark
import Foundation
import Nango
import NangoTesting

/// A record of the kind syncs return: a few scalar fields and a nested object.
struct Contact: Decodable, Sendable {
    struct Company: Decodable, Sendable {
        var name: String
        var domain: String
    }

    var id: String
    var email: String
    var name: String
    var company: Company
}

/// JSON for one page of `count` records, with a next cursor unless it is the last page.
func recordsPage(count: Int, page: Int, lastPage: Int) -> Data {
    var records: [String] = []
    records.reserveCapacity(count)
    for index in 0..<count {
        let id = page * count + index
        records.append("""
        {"id":"\(id)","email":"user\(id)@example.com","name":"User \(id)","company":{"name":"Acme \(id % 97)",\
        "domain":"acme\(id % 97).example"},"_nango_metadata":{"first_seen_at":"2026-07-30T12:01:15.220431+00:00",\
        "last_modified_at":"2026-08-01T09:14:02.418305+00:00","last_action":"UPDATED","deleted_at":null,\
        "pruned_at":null,"cursor":"Y3Vyc29yLTAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAtMDAwMDAwMDAwMDAwMDAw\(id)"}}
        """)
    }
    let next = page < lastPage ? "\"cursor+/=\(page + 1)\"" : "null"
    return Data("{\"records\":[\(records.joined(separator: ","))],\"next_cursor\":\(next)}".utf8)
}

/// A full OAuth 2 connection, as `GET /connections/{id}` returns it.
let connectionJSON = Data("""
{"id":4821,"connection_id":"user-1","provider_config_key":"github","provider":"github","errors":[],
"end_user":{"id":"u1","email":"a@b.c","display_name":"A","tags":{},"organization":{"id":"o1","display_name":"O"}},
"tags":{"organization_id":"org-1"},"metadata":{"plan":"pro","seats":25,"big_id":9007199254740993},
"connection_config":{"subdomain":"acme"},"webhook_url_override":null,"created_at":"2026-08-01T10:20:30.123000+00:00",
"updated_at":"2026-08-02T10:20:30.123000+00:00","last_fetched_at":"2026-08-03T10:20:30.123000+00:00",
"credentials":{"type":"OAUTH2","access_token":"gho_xxx","expires_at":"2026-09-01T00:00:00.000Z",
"raw":{"access_token":"gho_xxx","token_type":"bearer","scope":"repo"}}}
""".utf8)

func client(_ transport: MockTransport) throws -> NangoClient {
    var configuration = NangoClient.Configuration()
    configuration.retry = .none
    return try NangoClient(secretKey: "benchmark-key", configuration: configuration, transport: transport)
}

/// Foundation's decoder, with ISO 8601 dates read by the SDK's parser: the reference of the engine's goals.
func foundationDecoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .custom { decoder in
        let text = try decoder.singleValueContainer().decode(String.self)
        return try ProxyResponse(status: 200, body: Data("\"\(text)\"".utf8)).decode(as: Date.self)
    }
    return decoder
}

let benchmarks: @Sendable () -> Void = {
    let decoding = Benchmark.Configuration(metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(5))

    // Each body is decoded through the SDK's decoding seam (`ProxyResponse.decode` is what every call uses) and
    // through Foundation's JSONDecoder into the same types. Run under `taskset -c 0` for the one-core figures.
    Benchmark("Decode a full connection (SDK)", configuration: decoding) { benchmark in
        let response = ProxyResponse(status: 200, body: connectionJSON)
        for _ in benchmark.scaledIterations {
            blackHole(try response.decode(as: Connection.self))
        }
    }
    Benchmark("Decode a full connection (JSONDecoder)", configuration: decoding) { benchmark in
        let decoder = foundationDecoder()
        for _ in benchmark.scaledIterations {
            blackHole(try decoder.decode(Connection.self, from: connectionJSON))
        }
    }

    let page = recordsPage(count: 1000, page: 0, lastPage: 0)
    Benchmark("Decode a page of 1,000 typed records (SDK)", configuration: decoding) { benchmark in
        let response = ProxyResponse(status: 200, body: page)
        for _ in benchmark.scaledIterations {
            blackHole(try response.decode(as: RecordPage<Contact>.self))
        }
    }
    Benchmark("Decode a page of 1,000 typed records (JSONDecoder)", configuration: decoding) { benchmark in
        let decoder = foundationDecoder()
        for _ in benchmark.scaledIterations {
            blackHole(try decoder.decode(RecordPage<Contact>.self, from: page))
        }
    }
    Benchmark("A page of 1,000 records as JSONValue (SDK)", configuration: decoding) { benchmark in
        let response = ProxyResponse(status: 200, body: page)
        for _ in benchmark.scaledIterations {
            blackHole(try response.decode(as: JSONValue.self))
        }
    }
    Benchmark("A page of 1,000 records as JSONValue (JSONDecoder)", configuration: decoding) { benchmark in
        // JSONValue's generic init(from:) on Foundation's decoder: how every body was decoded before the engine.
        let decoder = foundationDecoder()
        for _ in benchmark.scaledIterations {
            blackHole(try decoder.decode(JSONValue.self, from: page))
        }
    }

    // The client's own cost per call (building, headers, classification, decoding) against the bare transport.
    let overhead = Benchmark.Configuration(metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(5))
    let list = Data(#"{"connections":[]}"#.utf8)
    Benchmark("Bare MockTransport.send", configuration: overhead) { benchmark in
        let transport = MockTransport(handler: { _ in .http(status: 200, body: list) })
        let request = HTTPRequestFactory.listConnections()
        for _ in benchmark.scaledIterations {
            blackHole(try await transport.send(request, body: nil))
        }
    }
    Benchmark("listConnections through the pipeline", configuration: overhead) { benchmark in
        let nango = try client(MockTransport(handler: { _ in .http(status: 200, body: list) }))
        for _ in benchmark.scaledIterations {
            blackHole(try await nango.listConnections(integrationID: "github", tags: ["organization_id": "org-1"]))
        }
    }

    // Memory stays bounded by one page while streaming many: compare peak resident memory with 10 and 100 pages.
    let streaming = Benchmark.Configuration(metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal], maxIterations: 5)
    for pages in [10, 100] {
        Benchmark("Stream \(pages) pages of 1,000 records", configuration: streaming) { benchmark in
            // Each page is made when requested, so only the SDK's own memory is measured.
            let counter = PageCounter()
            let nango = try client(MockTransport(handler: { _ in
                .http(status: 200, body: recordsPage(count: 1000, page: counter.next() % pages, lastPage: pages - 1))
            }))
            for _ in benchmark.scaledIterations {
                var count = 0
                for try await record in nango.records(providerConfigKey: "hubspot", connectionID: "c1", model: "Contact", as: Contact.self) {
                    blackHole(record)
                    count += 1
                }
                precondition(count == pages * 1000)
            }
        }
    }
}

/// Hands out page indexes to the mock transport's handler.
final class PageCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.withLock {
            defer { value += 1 }
            return value
        }
    }
}
