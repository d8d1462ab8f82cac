// nango-loadgen: runs the ops of ../shared/bench (see its README) through nango-swift's public API, one op per
// process, and prints one JSON line, so that `../shared/bench/compare.sh -- <this> --transport ahc` gives same-run
// ratios against Node's fetch + JSON.parse.
//
//   nango-loadgen OP --base URL [--transport urlsession|ahc] [--n N] [--concurrency C] [--chains K] [--warmup W]
//
// OP: get_seq, get_conc, records_chain (the rig's ops); decode and decode_connection (the rig's decode-only ops:
// a records page and a connection, here through listRecords / getConnection on an in-memory transport, so the
// client's whole call path is included); decode_connection_body and decode_body (the same bodies through the
// SDK's decoding seam alone, as Node's JSON.parse of the bytes); and calls_memory: N sequential getConnection calls, printing resident
// memory after 1,000 calls and after N (the SDK must not retain anything per call); streams: `--streams S` record
// streams at once from an in-memory transport with `--decoding parallel|serial`, and the lateness of an
// unrelated task's 1 ms sleeps meanwhile.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import Nango
import NangoTesting
#if canImport(Glibc)
import Glibc
#endif

/// The rig's `Contact` record (12 fields, nested objects, an array).
struct Contact: Decodable, Sendable {
    struct Company: Decodable, Sendable {
        var id: String
        var name: String
        var domain: String
        var industry: String
        var employeeCount: Int
        enum CodingKeys: String, CodingKey { case id, name, domain, industry, employeeCount = "employee_count" }
    }

    struct Address: Decodable, Sendable {
        var street: String
        var city: String
        var region: String
        var postalCode: String
        var country: String
        enum CodingKeys: String, CodingKey { case street, city, region, country, postalCode = "postal_code" }
    }

    struct Owner: Decodable, Sendable {
        var id: String
        var email: String
    }

    var id: String
    var firstName: String
    var lastName: String
    var email: String
    var company: Company
    var address: Address
    var lifecycleStage: String
    var leadScore: Double
    var isSubscribed: Bool
    var tags: [String]
    var owner: Owner
    var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, email, company, address, tags, owner
        case firstName = "first_name", lastName = "last_name", lifecycleStage = "lifecycle_stage"
        case leadScore = "lead_score", isSubscribed = "is_subscribed", createdAt = "created_at"
    }
}

struct Options {
    var op = "help"
    var base = "http://127.0.0.1:18080"
    var transport = "urlsession"
    var n: Int?
    var concurrency = 64
    var chains = 20
    var warmup: Int?
    /// records_chain: follow the chain with `records(...)` (the SDK's paging, which requests the next page while
    /// decoding the current one) instead of one `listRecords` call after another.
    var paging = false
    /// decode_body / decode_connection_body: `engine` (the SDK's) or `foundation` (JSONDecoder).
    var decoder = "engine"
    /// decode_body / decode_connection_body: decode the body as a JSONValue instead of the typed model.
    var asJSON = false
    /// streams: how many record streams run at once.
    var streams = 1
    /// `parallel` or `serial` (`Configuration.pageDecoding`), for every op.
    var decoding = "parallel"
    /// decode_body, decode, records_chain: `handwritten` (the `Contact` below) or `generated` (`Rig.Contact`, made
    /// by the SDK's build plugin from rig.nango-schema.json).
    var model = "handwritten"

    init(_ arguments: [String]) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let value = index + 1 < arguments.count ? arguments[index + 1] : ""
            switch argument {
            case "--base": base = value; index += 1
            case "--transport": transport = value; index += 1
            case "--n": n = Int(value); index += 1
            case "--concurrency": concurrency = Int(value) ?? concurrency; index += 1
            case "--chains": chains = Int(value) ?? chains; index += 1
            case "--warmup": warmup = Int(value); index += 1
            case "--paging": paging = true
            case "--decoder": decoder = value; index += 1
            case "--model": model = value; index += 1
            case "--as-json": asJSON = true
            case "--streams": streams = Int(value) ?? streams; index += 1
            case "--decoding":
                guard value == "parallel" || value == "serial" else {
                    FileHandle.standardError.write(Data("--decoding takes parallel or serial\n".utf8))
                    exit(64)
                }
                decoding = value; index += 1
            default: if !argument.hasPrefix("--") { op = argument }
            }
            index += 1
        }
    }
}

enum LoadError: Error { case unexpected(String) }

/// Process CPU time (user + system), in microseconds.
func cpuMicroseconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func micros(_ time: timeval) -> Double { Double(time.tv_sec) * 1e6 + Double(time.tv_usec) }
    return micros(usage.ru_utime) + micros(usage.ru_stime)
}

/// Peak resident memory, in MB.
func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// Current resident memory, in MB (from /proc/self/statm).
func currentRSSMegabytes() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
          let pages = text.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}

func emit(_ fields: [String: Any]) {
    let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data("{}".utf8)
    print(String(decoding: data, as: UTF8.self))
}

func makeTransport(_ name: String) throws -> any HTTPTransport {
    switch name {
    case "urlsession": return URLSessionTransport()
    #if AsyncHTTPClient
    case "ahc": return AsyncHTTPClientTransport()
    #endif
    default: throw LoadError.unexpected("unknown transport \(name) (compiled in: \(NangoClient.availableTransports))")
    }
}

let connectionID = "3f9c2b7e-5d41-4a8e-9c6b-1e2f7a0d8c55"

func getConnection(_ nango: NangoClient) async throws {
    let connection = try await nango.getConnection(providerConfigKey: "hubspot-prod", connectionID: connectionID)
    guard connection.id == 48213, case .oauth2 = connection.credentials else {
        throw LoadError.unexpected("unexpected connection payload")
    }
}

func run(_ options: Options) async throws {
    var configuration = NangoClient.Configuration()
    configuration.host = options.base
    configuration.pageDecoding = options.decoding == "serial" ? .serial : .parallel
    let nango = try NangoClient(secretKey: "bench-secret-key", configuration: configuration, transport: makeTransport(options.transport))
    let name = "nango-swift-\(options.transport)"

    switch options.op {
    case "get_seq":
        let n = options.n ?? 2000
        for _ in 0..<(options.warmup ?? 200) { try await getConnection(nango) }
        let cpu0 = cpuMicroseconds()
        let start = ContinuousClock.now
        for _ in 0..<n { try await getConnection(nango) }
        let seconds = (ContinuousClock.now - start).seconds
        emit(["name": name, "op": "get_connection_seq", "n": n, "concurrency": 1, "seconds": seconds,
              "req_per_s": Double(n) / seconds, "cpu_us_per_op": (cpuMicroseconds() - cpu0) / Double(n),
              "peak_rss_mb": peakRSSMegabytes()])

    case "get_conc":
        let n = options.n ?? 20000
        let workers = options.concurrency
        func wave(_ perWorker: @escaping @Sendable (Int) -> Int) async throws {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<workers {
                    group.addTask { for _ in 0..<perWorker(worker) { try await getConnection(nango) } }
                }
                try await group.waitForAll()
            }
        }
        let warmup = options.warmup ?? 10
        try await wave { _ in warmup }
        let cpu0 = cpuMicroseconds()
        let start = ContinuousClock.now
        try await wave { worker in n / workers + (worker < n % workers ? 1 : 0) }
        let seconds = (ContinuousClock.now - start).seconds
        emit(["name": name, "op": "get_connection_conc", "n": n, "concurrency": workers, "seconds": seconds,
              "req_per_s": Double(n) / seconds, "cpu_us_per_op": (cpuMicroseconds() - cpu0) / Double(n),
              "peak_rss_mb": peakRSSMegabytes()])

    case "records_chain":
        let generated = options.model == "generated"
        func chain() async throws -> (pages: Int, records: Int) {
            if options.paging {
                var records = 0
                if generated {
                    for try await _ in nango.records(of: Rig.Contact.self, providerConfigKey: "hubspot-prod", connectionID: connectionID) {
                        records += 1
                    }
                    return (records / 1_000, records)
                }
                for try await _ in nango.records(providerConfigKey: "hubspot-prod", connectionID: connectionID, model: "Contact", as: Contact.self) {
                    records += 1
                }
                return (records / 1_000, records)
            }
            var cursor: String?
            var pages = 0
            var records = 0
            repeat {
                let count: Int
                if generated {
                    let page = try await nango.listRecords(
                        of: Rig.Contact.self, providerConfigKey: "hubspot-prod", connectionID: connectionID,
                        options: ListRecordsOptions(cursor: cursor)
                    )
                    (count, cursor) = (page.records.count, page.nextCursor)
                } else {
                    let page = try await nango.listRecords(
                        providerConfigKey: "hubspot-prod", connectionID: connectionID, model: "Contact", as: Contact.self, cursor: cursor
                    )
                    (count, cursor) = (page.records.count, page.nextCursor)
                }
                pages += 1
                records += count
            } while cursor != nil && pages < 50
            return (pages, records)
        }
        for _ in 0..<(options.warmup ?? 1) { _ = try await chain() }
        let cpu0 = cpuMicroseconds()
        let start = ContinuousClock.now
        var pages = 0
        var records = 0
        for _ in 0..<options.chains {
            let result = try await chain()
            pages += result.pages
            records += result.records
        }
        let seconds = (ContinuousClock.now - start).seconds
        guard pages == options.chains * 10, records == options.chains * 10_000 else {
            throw LoadError.unexpected("chain returned \(pages) pages / \(records) records")
        }
        emit(["name": name + (options.paging ? "-paging" : "") + (generated ? "-generated" : ""), "op": "records_chain", "n": pages, "concurrency": 1, "seconds": seconds,
              "req_per_s": Double(pages) / seconds, "records": records, "records_per_s": Double(records) / seconds,
              "cpu_us_per_op": (cpuMicroseconds() - cpu0) / Double(pages), "peak_rss_mb": peakRSSMegabytes()])

    case "decode", "decode_connection":
        let isPage = options.op == "decode"
        let dataDirectory = ProcessInfo.processInfo.environment["NANGO_BENCH_DATA"] ?? "/tmp/nango-bench-data"
        let file = isPage ? "\(dataDirectory)/records/first.json" : "\(dataDirectory)/connection.json"
        guard let body = FileManager.default.contents(atPath: file) else { throw LoadError.unexpected("cannot read \(file)") }
        let mock = MockTransport(handler: { _ in .http(status: 200, body: body) })
        var memoryConfiguration = NangoClient.Configuration()
        memoryConfiguration.retry = .none
        let local = try NangoClient(secretKey: "bench-secret-key", configuration: memoryConfiguration, transport: mock)
        let iterations = options.n ?? (isPage ? 200 : 20_000)
        func once() async throws -> Int {
            if isPage {
                let page = try await local.listRecords(providerConfigKey: "hubspot-prod", connectionID: connectionID, model: "Contact", as: Contact.self)
                return page.records.count
            }
            try await getConnection(local)
            return 1
        }
        for _ in 0..<(options.warmup ?? 5) { _ = try await once() }
        let cpu0 = cpuMicroseconds()
        let start = ContinuousClock.now
        var decoded = 0
        for _ in 0..<iterations { decoded += try await once() }
        let seconds = (ContinuousClock.now - start).seconds
        emit(["name": name, "op": isPage ? "decode_listrecords" : "decode_getconnection", "n": iterations, "seconds": seconds,
              "req_per_s": Double(iterations) / seconds, "records_per_s": Double(decoded) / seconds,
              "cpu_us_per_op": (cpuMicroseconds() - cpu0) / Double(iterations), "bytes": body.count,
              "mb_per_s": Double(body.count * iterations) / seconds / 1e6, "peak_rss_mb": peakRSSMegabytes()])

    case "decode_body", "decode_connection_body":
        // The body alone through the SDK's decoding seam (`ProxyResponse.decode` is `NangoCoding.decode`, as
        // every call uses), without the client's call path: the same work as Node's `JSON.parse` of the bytes.
        let isPage = options.op == "decode_body"
        let dataDirectory = ProcessInfo.processInfo.environment["NANGO_BENCH_DATA"] ?? "/tmp/nango-bench-data"
        let file = isPage ? "\(dataDirectory)/records/first.json" : "\(dataDirectory)/connection.json"
        guard let body = FileManager.default.contents(atPath: file) else { throw LoadError.unexpected("cannot read \(file)") }
        let response = ProxyResponse(status: 200, body: body)
        let iterations = options.n ?? (isPage ? 200 : 200_000)
        // `--decoder foundation`: the same types through Foundation's JSONDecoder (the reference of the engine's
        // goals); `--as json`: the body as an untyped JSONValue (through JSONDecoder, JSONValue's generic
        // init(from:), as every SDK call decoded it before the engine).
        let foundation = JSONDecoder()
        foundation.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = ProxyResponse(status: 200, body: Data("\"\(text)\"".utf8)).decodeDateForBenchmark() else {
                throw LoadError.unexpected("not a date: \(text)")
            }
            return date
        }
        let useFoundation = options.decoder == "foundation"
        let generated = options.model == "generated"
        func once() throws -> Int {
            switch (options.asJSON, useFoundation) {
            case (true, true): return try foundation.decode(JSONValue.self, from: body) == .null ? 0 : 1
            case (true, false): return try response.decode(as: JSONValue.self) == .null ? 0 : 1
            case (false, true):
                if isPage, generated { return try foundation.decode(RecordPage<Rig.Contact>.self, from: body).records.count }
                if isPage { return try foundation.decode(RecordPage<Contact>.self, from: body).records.count }
                return try foundation.decode(Connection.self, from: body).id == 0 ? 0 : 1
            case (false, false):
                if isPage, generated { return try response.decode(as: RecordPage<Rig.Contact>.self).records.count }
                if isPage { return try response.decode(as: RecordPage<Contact>.self).records.count }
                return try response.decode(as: Connection.self).id == 0 ? 0 : 1
            }
        }
        for _ in 0..<(options.warmup ?? 100) { _ = try once() }
        let cpu0 = cpuMicroseconds()
        let start = ContinuousClock.now
        var decoded = 0
        for _ in 0..<iterations { decoded += try once() }
        let seconds = (ContinuousClock.now - start).seconds
        emit(["name": name + (generated ? "-generated" : ""), "op": options.op, "n": iterations, "seconds": seconds,
              "us_per_op": seconds * 1e6 / Double(iterations), "records_per_s": Double(decoded) / seconds,
              "cpu_us_per_op": (cpuMicroseconds() - cpu0) / Double(iterations), "bytes": body.count])

    case "get_seq_bare", "get_conc_bare":
        // The same requests on a bare URLSession (one session, its default connection limit, completion
        // handlers, JSONSerialization): the ceiling URLSessionTransport is measured against.
        let sequential = options.op == "get_seq_bare"
        let n = options.n ?? (sequential ? 2000 : 20000)
        let workers = sequential ? 1 : options.concurrency
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        let session = URLSession(configuration: configuration)
        guard let url = URL(string: "\(options.base)/connections/\(connectionID)?provider_config_key=hubspot-prod") else {
            throw LoadError.unexpected("bad base URL")
        }
        @Sendable func bareGet() async throws {
            let data: Data = try await withCheckedThrowingContinuation { continuation in
                var request = URLRequest(url: url)
                request.setValue("application/json", forHTTPHeaderField: "Accept")
                session.dataTask(with: request) { data, _, error in
                    if let error { continuation.resume(throwing: error) } else { continuation.resume(returning: data ?? Data()) }
                }.resume()
            }
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any], object["id"] as? Int == 48213 else {
                throw LoadError.unexpected("unexpected connection payload")
            }
        }
        func wave(_ perWorker: @escaping @Sendable (Int) -> Int) async throws {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<workers {
                    group.addTask { for _ in 0..<perWorker(worker) { try await bareGet() } }
                }
                try await group.waitForAll()
            }
        }
        let warmup = options.warmup ?? (sequential ? 200 : 10)
        try await wave { _ in warmup }
        let cpu0 = cpuMicroseconds()
        let start = ContinuousClock.now
        try await wave { worker in n / workers + (worker < n % workers ? 1 : 0) }
        let seconds = (ContinuousClock.now - start).seconds
        emit(["name": "bare-urlsession", "op": options.op, "n": n, "concurrency": workers, "seconds": seconds,
              "req_per_s": Double(n) / seconds, "cpu_us_per_op": (cpuMicroseconds() - cpu0) / Double(n),
              "peak_rss_mb": peakRSSMegabytes()])

    case "overhead":
        // What the client adds to a transport call: `listConnections` (build, admit, deadline, classify, decode
        // `{"connections":[]}`, spans and metrics off) against a bare `send` of the same request on the same
        // in-memory transport. Compare the difference with a loopback get_seq's latency.
        let body = Data(#"{"connections":[]}"#.utf8)
        let mock = MockTransport(handler: { _ in .http(status: 200, body: body) })
        var memoryConfiguration = NangoClient.Configuration()
        memoryConfiguration.retry = .none
        let local = try NangoClient(secretKey: "bench-secret-key", configuration: memoryConfiguration, transport: mock)
        let request = HTTPRequest(method: .get, scheme: "https", authority: "api.nango.dev", path: "/connections")
        let iterations = options.n ?? 200_000
        func measure(_ body: () async throws -> Void) async throws -> Double {
            for _ in 0..<(options.warmup ?? 1_000) { try await body() }
            let start = ContinuousClock.now
            for _ in 0..<iterations { try await body() }
            return (ContinuousClock.now - start).seconds / Double(iterations) * 1e6
        }
        var bare = Double.infinity, client = Double.infinity
        for _ in 0..<3 {
            bare = min(bare, try await measure { _ = try await mock.send(request, body: nil) })
            client = min(client, try await measure { _ = try await local.listConnections() })
        }
        emit(["name": name, "op": "overhead", "n": iterations, "bare_send_us": bare, "client_call_us": client,
              "overhead_us": client - bare, "peak_rss_mb": peakRSSMegabytes()])

    case "fetch_body":
        // A records page's bytes through the transport alone (no client, no decoding): the network's share of
        // records_chain's time per page.
        let transport = try makeTransport(options.transport)
        guard let url = URL(string: options.base), let host = url.host, let port = url.port else { throw LoadError.unexpected("bad base URL") }
        let request = HTTPRequest(method: .get, scheme: "http", authority: "\(host):\(port)", path: "/records?model=Contact")
        let n = options.n ?? 200
        var bytes = 0
        for _ in 0..<(options.warmup ?? 20) { bytes = try await transport.send(request, body: nil).1.count }
        let cpu0 = cpuMicroseconds()
        let start = ContinuousClock.now
        for _ in 0..<n { bytes = try await transport.send(request, body: nil).1.count }
        let seconds = (ContinuousClock.now - start).seconds
        emit(["name": name, "op": "fetch_body", "n": n, "bytes": bytes, "us_per_op": seconds * 1e6 / Double(n),
              "cpu_us_per_op": (cpuMicroseconds() - cpu0) / Double(n)])

    case "stream_memory":
        // Peak resident memory of streaming `--n` pages with `records(...)` from an in-memory transport that
        // serves the rig's 10 pages in turn (so the network stack's buffers are not counted). `--n 0` only sets
        // up (the baseline); `--n 1` decodes one page with `listRecords` and holds it (one page's worth). Run
        // each in its own process: `(peak(N) - peak(0)) / (peak(1) - peak(0))` is pages' worth held at once.
        let pages = options.n ?? 100
        let dataDirectory = ProcessInfo.processInfo.environment["NANGO_BENCH_DATA"] ?? "/tmp/nango-bench-data"
        var bodies: [Data] = []
        var file = "first"
        while bodies.count < 10 {
            guard let body = FileManager.default.contents(atPath: "\(dataDirectory)/records/\(file).json"),
                  let text = String(data: body, encoding: .utf8),
                  let marker = text.range(of: #""next_cursor":"#, options: .backwards) else {
                throw LoadError.unexpected("cannot read page \(file)")
            }
            // Each page without its next cursor; the transport adds one naming the next request.
            bodies.append(Data(text[..<marker.lowerBound].utf8))
            file = String(text[marker.upperBound...].dropFirst().prefix { $0 != "\"" })
        }
        let served = PageCounter()
        let pageBodies = bodies
        let mock = MockTransport(handler: { _ in
            let index = served.next()
            let next = index + 1 < pages ? "\"p\(index + 1)\"" : "null"
            return .http(status: 200, body: pageBodies[index % pageBodies.count] + Data(#""next_cursor":\#(next)}"#.utf8))
        })
        var memoryConfiguration = NangoClient.Configuration()
        memoryConfiguration.retry = .none
        let local = try NangoClient(secretKey: "bench-secret-key", configuration: memoryConfiguration, transport: mock)
        let start = ContinuousClock.now
        var records = 0
        var held: RecordPage<Contact>?
        if pages == 1 {
            held = try await local.listRecords(providerConfigKey: "hubspot-prod", connectionID: connectionID, model: "Contact", as: Contact.self)
            records = held?.records.count ?? 0
        } else if pages > 1 {
            for try await _ in local.records(providerConfigKey: "hubspot-prod", connectionID: connectionID, model: "Contact", as: Contact.self) {
                records += 1
            }
        }
        let seconds = (ContinuousClock.now - start).seconds
        guard records == pages * 1_000 else { throw LoadError.unexpected("streamed \(records) records") }
        emit(["name": name, "op": "stream_memory", "n": pages, "records": records, "seconds": seconds,
              "page_bytes": bodies[0].count, "held_records": held?.records.count ?? 0, "peak_rss_mb": peakRSSMegabytes()])

    case "streams":
        // `--streams S` tasks each decode `--n` pages (the rig's first page, 1,000 records) with listRecords from an
        // in-memory transport, with `--decoding parallel|serial`; meanwhile an unrelated task sleeps 1 ms again and
        // again, and the time it wakes up late is the delay the decoding imposes on the rest of a server.
        let dataDirectory = ProcessInfo.processInfo.environment["NANGO_BENCH_DATA"] ?? "/tmp/nango-bench-data"
        let file = "\(dataDirectory)/records/first.json"
        guard let body = FileManager.default.contents(atPath: file) else { throw LoadError.unexpected("cannot read \(file)") }
        let mock = MockTransport(handler: { _ in .http(status: 200, body: body) })
        var streamConfiguration = NangoClient.Configuration()
        streamConfiguration.retry = .none
        streamConfiguration.pageDecoding = options.decoding == "serial" ? .serial : .parallel
        let local = try NangoClient(secretKey: "bench-secret-key", configuration: streamConfiguration, transport: mock)
        let pagesPerStream = options.n ?? 20
        let streams = options.streams
        @Sendable func stream(_ pages: Int) async throws -> Int {
            var records = 0
            for _ in 0..<pages {
                records += try await local.listRecords(providerConfigKey: "hubspot-prod", connectionID: connectionID, model: "Contact", as: Contact.self).records.count
            }
            return records
        }
        _ = try await stream(2)
        let done = DoneFlag()
        let probe = Task { () -> [Double] in
            var late: [Double] = []
            while !done.isSet {
                let before = ContinuousClock.now
                try? await Task.sleep(for: .milliseconds(1))
                late.append(((ContinuousClock.now - before) - .milliseconds(1)).seconds * 1e6)
            }
            return late
        }
        let cpu0 = cpuMicroseconds()
        let start = ContinuousClock.now
        let records = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<streams { group.addTask { try await stream(pagesPerStream) } }
            return try await group.reduce(0, +)
        }
        let seconds = (ContinuousClock.now - start).seconds
        done.set()
        let late = await probe.value.sorted()
        func percentile(_ p: Double) -> Double { late.isEmpty ? 0 : late[min(late.count - 1, Int(Double(late.count) * p))] }
        emit(["name": name, "op": "streams", "streams": streams, "decoding": options.decoding, "pages": streams * pagesPerStream,
              "seconds": seconds, "records_per_s": Double(records) / seconds,
              "cpu_us_per_page": (cpuMicroseconds() - cpu0) / Double(streams * pagesPerStream),
              "probe_wakeups": late.count, "probe_late_us_p50": percentile(0.5), "probe_late_us_p99": percentile(0.99),
              "probe_late_us_max": late.last ?? 0, "peak_rss_mb": peakRSSMegabytes()])

    case "calls_memory":
        let n = options.n ?? 100_000
        for _ in 0..<1_000 { try await getConnection(nango) }
        let after1k = currentRSSMegabytes()
        let start = ContinuousClock.now
        for _ in 1_000..<n { try await getConnection(nango) }
        let seconds = (ContinuousClock.now - start).seconds
        let afterN = currentRSSMegabytes()
        emit(["name": name, "op": "calls_memory", "n": n, "req_per_s": Double(n - 1_000) / seconds,
              "rss_mb_after_1000": after1k, "rss_mb_after_n": afterN, "growth_kb_per_1000_calls": (afterN - after1k) * 1024 / Double(n / 1_000 - 1),
              "peak_rss_mb": peakRSSMegabytes()])

    default:
        FileHandle.standardError.write(Data("usage: nango-loadgen get_seq|get_conc|records_chain|calls_memory|stream_memory|streams|decode|decode_body|overhead --base URL [--transport urlsession|ahc] [--n N] [--streams S --decoding parallel|serial]\n".utf8))
        exit(2)
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

do {
    try await run(Options(Array(CommandLine.arguments.dropFirst())))
} catch {
    FileHandle.standardError.write(Data("nango-loadgen: \(error)\n".utf8))
    exit(1)
}

/// Hands out request numbers to an in-memory transport's handler.
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

extension ProxyResponse {
    /// A quoted ISO 8601 date decoded by the SDK's own date parser (the one Nango's dates always go through).
    func decodeDateForBenchmark() -> Date? { try? decode(as: Date.self) }
}

/// A flag set once, read from another task.
final class DoneFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
