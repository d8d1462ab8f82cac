import Foundation
import HTTPTypes
@testable import Nango
import NangoTesting
import Testing

private struct NewCalendar: Encodable, Sendable {
    var id: String
    var selected: Bool
}

private struct CalendarList: Decodable, Sendable {
    struct Entry: Decodable, Sendable { var id: String; var summary: String }
    var items: [Entry]
}

@Suite("Proxy", .timeLimit(.minutes(1)))
struct ProxyTests {
    @Test("proxy sends method, endpoint, connection headers, prefixed caller headers, query and a JSON body")
    func fullRequest() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("proxy/calendar-list"), for: .post, path: "/proxy/calendar/v3/users/me/calendarList")
        let nango = try makeClient(mock)

        let response = try await nango.proxy(.init(
            method: .post,
            endpoint: "/calendar/v3/users/me/calendarList",
            providerConfigKey: "google-calendar",
            connectionID: "u1",
            headers: ["X-Custom": "1"],
            query: ["maxResults": "10", "q": "a+b c"],
            body: .json(NewCalendar(id: "team@acme.example", selected: true)),
            retries: 3
        ))

        let request = try #require(mock.lastRequest)
        #expect(request.rawQuery == "maxResults=10&q=a%2Bb+c")
        #expect(request.header("Connection-Id") == "u1")
        #expect(request.header("Provider-Config-Key") == "google-calendar")
        #expect(request.header("Nango-Proxy-X-Custom") == "1")
        #expect(request.header("X-Custom") == nil)
        #expect(request.header("Retries") == "3")
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.header("Retry-On") == nil)
        #expect(request.header("Base-Url-Override") == nil)
        #expect(request.header("Decompress") == nil)
        #expect(request.header("Forward-Headers-On-Redirect") == nil)
        #expect(request.header("Nango-Activity-Log-Id") == nil)
        #expect(request.json == ["id": "team@acme.example", "selected": true])
        expectStandardHeaders(request)

        #expect(response.status == 200)
        let calendars = try response.decode(as: CalendarList.self)
        #expect(calendars.items.first?.summary == "Team")
        #expect(try response.json()["kind"] == "calendar#calendarList")
        #expect(response.headers[.contentType] == "application/json")
    }

    @Test("get/post/put/patch/delete force the method", arguments: [
        (HTTPRequest.Method.get, "get"), (.post, "post"), (.put, "put"), (.patch, "patch"), (.delete, "delete"),
    ])
    func shorthands(method: HTTPRequest.Method, name: String) async throws {
        let mock = MockTransport()
        mock.enqueue(.json("{}"), for: method, path: "/proxy/user")
        let nango = try makeClient(mock)
        let request = ProxyRequest(method: .options, endpoint: "user", providerConfigKey: "github", connectionID: "u1")
        switch name {
        case "get": _ = try await nango.get(request)
        case "post": _ = try await nango.post(request)
        case "put": _ = try await nango.put(request)
        case "patch": _ = try await nango.patch(request)
        default: _ = try await nango.delete(request)
        }
        try mock.verifyAllResponsesUsed()
    }

    @Test("the client's defaults supply the connection, integration and activity log id")
    func defaults() async throws {
        let mock = MockTransport()
        mock.enqueue(.json("{}"))
        mock.enqueue(.json("{}"))
        let nango = try makeClient(mock) {
            $0.defaultConnectionID = "default-conn"
            $0.defaultProviderConfigKey = "github"
            $0.activityLogID = "log-1"
        }
        _ = try await nango.get(.init(endpoint: "/user"))
        _ = try await nango.get(.init(endpoint: "/user", providerConfigKey: "gitlab", connectionID: "c2", activityLogID: "log-2"))
        #expect(mock.requests[0].header("Connection-Id") == "default-conn")
        #expect(mock.requests[0].header("Provider-Config-Key") == "github")
        #expect(mock.requests[0].header("Nango-Activity-Log-Id") == "log-1")
        #expect(mock.requests[1].header("Connection-Id") == "c2")
        #expect(mock.requests[1].header("Nango-Activity-Log-Id") == "log-2")
    }

    @Test("retryOn, baseUrlOverride, decompress and forwardHeadersOnRedirect (false too) become headers")
    func optionHeaders() async throws {
        let mock = MockTransport()
        mock.enqueue(.json("{}"))
        mock.enqueue(.json("{}"))
        let nango = try makeClient(mock)
        _ = try await nango.get(.init(
            endpoint: "/v1/items", providerConfigKey: "p", connectionID: "c", retries: 0, retryOn: [408, 409],
            baseURLOverride: "https://eu.api.example", decompress: true, forwardHeadersOnRedirect: false
        ))
        _ = try await nango.get(.init(endpoint: "/v1/items", providerConfigKey: "p", connectionID: "c", decompress: false, forwardHeadersOnRedirect: true))
        let first = mock.requests[0]
        #expect(first.header("Retry-On") == "408,409")
        #expect(first.header("Retries") == nil)
        #expect(first.header("Base-Url-Override") == "https://eu.api.example")
        #expect(first.header("Decompress") == "true")
        #expect(first.header("Forward-Headers-On-Redirect") == "false")
        #expect(mock.requests[1].header("Decompress") == "false")
        #expect(mock.requests[1].header("Forward-Headers-On-Redirect") == "true")
    }

    @Test("an explicit Content-Type is sent prefixed and as the request's own")
    func contentTypeHeader() async throws {
        let mock = MockTransport()
        mock.enqueue(.json("{}"))
        let nango = try makeClient(mock)
        _ = try await nango.post(.init(
            endpoint: "/upload", providerConfigKey: "p", connectionID: "c",
            headers: ["Content-Type": "application/vnd.api+json"], body: .json(["a": 1])
        ))
        let request = try #require(mock.lastRequest)
        #expect(request.header("Nango-Proxy-Content-Type") == "application/vnd.api+json")
        #expect(request.header("Content-Type") == "application/vnd.api+json")
    }

    @Test("each body kind sends its bytes and content type")
    func bodyKinds() async throws {
        let mock = MockTransport(handler: { _ in .json("{}") })
        let nango = try makeClient(mock)
        func send(_ body: ProxyBody) async throws -> RecordedRequest {
            _ = try await nango.post(.init(endpoint: "/x", providerConfigKey: "p", connectionID: "c", body: body))
            return try #require(mock.lastRequest)
        }

        let raw = try await send(.data(Data([0, 1, 2, 255]), contentType: "image/png"))
        #expect(raw.body == Data([0, 1, 2, 255]))
        #expect(raw.header("Content-Type") == "image/png")

        let octets = try await send(.data(Data([9])))
        #expect(octets.header("Content-Type") == "application/octet-stream")

        let text = try await send(.text("héllo"))
        #expect(text.body == Data("héllo".utf8))
        #expect(text.header("Content-Type") == "text/plain; charset=utf-8")

        let form = try await send(.form(["b": "x y", "a": "1+2=3&"]))
        #expect(form.body == Data("a=1%2B2%3D3%26&b=x+y".utf8))
        #expect(form.header("Content-Type") == "application/x-www-form-urlencoded")

        let ordered = try await send(.form([(name: "z", value: "1"), (name: "a", value: "2"), (name: "z", value: "3")]))
        #expect(ordered.body == Data("z=1&a=2&z=3".utf8))

        let multipart = try await send(.multipart([
            MultipartPart(name: "title", value: "Q3 report"),
            MultipartPart(name: "file", filename: "r.pdf", contentType: "application/pdf", data: Data([0x25, 0x50, 0x44, 0x46])),
        ]))
        let contentType = try #require(multipart.header("Content-Type"))
        #expect(contentType.hasPrefix("multipart/form-data; boundary="))
        let boundary = String(contentType.dropFirst("multipart/form-data; boundary=".count))
        var expected = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nQ3 report\r\n".utf8)
        expected.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.pdf\"\r\nContent-Type: application/pdf\r\n\r\n".utf8))
        expected.append(Data([0x25, 0x50, 0x44, 0x46]))
        expected.append(Data("\r\n--\(boundary)--\r\n".utf8))
        #expect(multipart.body == expected)
    }

    @Test("endpoints: a missing slash is added, spaces are escaped, the endpoint's own query is kept and extended")
    func endpoints() async throws {
        let mock = MockTransport(handler: { _ in .json("{}") })
        let nango = try makeClient(mock)
        _ = try await nango.get(.init(endpoint: "user/repos", providerConfigKey: "p", connectionID: "c"))
        #expect(mock.lastRequest?.path == "/proxy/user/repos")
        _ = try await nango.get(.init(endpoint: "/search/a b/é", providerConfigKey: "p", connectionID: "c"))
        #expect(mock.lastRequest?.path == "/proxy/search/a%20b/%C3%A9")
        _ = try await nango.get(.init(endpoint: "/items?sort=asc&q=%2F", providerConfigKey: "p", connectionID: "c", query: ["page": "2"]))
        #expect(mock.lastRequest?.rawQuery == "sort=asc&q=%2F&page=2")
        _ = try await nango.get(.init(endpoint: "/100%done", providerConfigKey: "p", connectionID: "c"))
        #expect(mock.lastRequest?.path == "/proxy/100%25done")
    }

    @Test("invalid proxy input throws before sending", arguments: [
        ProxyRequest(endpoint: "/x", connectionID: "c"),
        ProxyRequest(endpoint: "/x", providerConfigKey: "p"),
        ProxyRequest(endpoint: "/x#frag", providerConfigKey: "p", connectionID: "c"),
        ProxyRequest(endpoint: "/a/../connections", providerConfigKey: "p", connectionID: "c"),
        ProxyRequest(endpoint: "/a/%2e%2e/b", providerConfigKey: "p", connectionID: "c"),
        ProxyRequest(endpoint: "/x", providerConfigKey: "p", connectionID: "c", retryOn: []),
        ProxyRequest(endpoint: "/x", providerConfigKey: "p", connectionID: "c", retryOn: [42]),
        ProxyRequest(endpoint: "/x", providerConfigKey: "p", connectionID: "c", retries: -1),
        ProxyRequest(endpoint: "/x", providerConfigKey: "p", connectionID: "c", headers: ["Bad Name": "v"]),
        ProxyRequest(endpoint: "/x", providerConfigKey: "p", connectionID: "c", headers: ["X": "a\r\nInjected: 1"]),
        ProxyRequest(method: .get, endpoint: "/x", providerConfigKey: "p", connectionID: "c", body: .text("no")),
        ProxyRequest(method: .post, endpoint: "/x", providerConfigKey: "p", connectionID: "c", body: .multipart([MultipartPart(name: "a\"b", value: "v")])),
        ProxyRequest(method: .post, endpoint: "/x", providerConfigKey: "p", connectionID: "c", headers: ["content-type": "text/plain"], body: .multipart([MultipartPart(name: "a", value: "v")])),
    ])
    func invalid(request: ProxyRequest) async throws {
        let mock = MockTransport()
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) { try await nango.proxy(request) }
        #expect(error?.kind == .invalidArgument)
        #expect(mock.requests.isEmpty)
    }

    @Test("a provider's 404 is a providerHTTP error with its status, headers and body; it is not retried")
    func providerError() async throws {
        let mock = MockTransport()
        var headers = HTTPFields()
        headers[HTTPField.Name("X-GitHub-Request-Id")!] = "gh-1"
        mock.enqueue(try fixtureResponse("proxy/provider-not-found", status: 404, headers: headers))
        let nango = try makeClient(mock)

        let error = await #expect(throws: NangoError.self) {
            try await nango.get(.init(endpoint: "/repos/acme/missing", providerConfigKey: "github", connectionID: "u1"))
        }

        #expect(error?.kind == .providerHTTP)
        #expect(error?.status == 404)
        #expect(error?.code == nil)
        #expect(error?.responseHeaders?[HTTPField.Name("X-GitHub-Request-Id")!] == "gh-1")
        let body = try #require(error?.responseBody)
        #expect(try JSONDecoder().decode(JSONValue.self, from: body)["message"] == "Not Found")
        #expect(mock.requests.count == 1)
    }

    @Test("a provider's error body for a person: its words kept, secret-looking values and tokens redacted, capped")
    func readableProviderBody() async throws {
        let mock = MockTransport()
        let json = #"{"message":"Bad credentials","docs":"https://docs.github.com/rest","access_token":"short","Client-Secret":"x","hint":"ghp_abcdefghijklmnopqrstuvwxyz0123456789AB"}"#
        mock.enqueue(.json(json, status: 401))
        mock.enqueue(.http(status: 502, body: Data(("upstream down, key sk_live_0123456789abcdefghijklmnopqrstuv " + String(repeating: "x", count: 200)).utf8)))
        let nango = try makeClient(mock)
        let first = await #expect(throws: NangoError.self) {
            try await nango.get(.init(endpoint: "/user", providerConfigKey: "github", connectionID: "u1"))
        }
        #expect(first?.readableResponseBody() == #"{"Client-Secret":"<redacted>","access_token":"<redacted>","docs":"https://docs.github.com/rest","hint":"<redacted>","message":"Bad credentials"}"#)
        let second = await #expect(throws: NangoError.self) {
            try await nango.get(.init(endpoint: "/user", providerConfigKey: "github", connectionID: "u1"))
        }
        let text = try #require(second?.readableResponseBody(limit: 40))
        #expect(text == "upstream down, key <redacted> xxxxxxxxxx… (260 bytes in all)")
        #expect(NangoError(kind: .transport, message: "x").readableResponseBody() == nil)
    }

    @Test("a provider's error envelope with its own fields stays the provider's; a 503 is never retried by the SDK")
    func providerLookalike() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("proxy/provider-stripe-error", status: 404))
        mock.enqueue(.http(status: 503, body: Data("upstream down".utf8)))
        let nango = try makeClient(mock)
        let stripe = await #expect(throws: NangoError.self) {
            try await nango.get(.init(endpoint: "/v1/customers/cus_123", providerConfigKey: "stripe", connectionID: "u1"))
        }
        #expect(stripe?.kind == .providerHTTP)
        let down = await #expect(throws: NangoError.self) {
            try await nango.get(.init(endpoint: "/v1/customers", providerConfigKey: "stripe", connectionID: "u1"))
        }
        #expect(down?.kind == .providerHTTP)
        #expect(down?.status == 503)
        #expect(mock.requests.count == 2)
    }

    @Test("Nango's own refusal is an http error with Nango's code")
    func nangoRefusal() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("proxy/nango-unknown-connection", status: 400))
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) {
            try await nango.get(.init(endpoint: "/user", providerConfigKey: "github", connectionID: "missing"))
        }
        #expect(error?.kind == .http)
        #expect(error?.code == "unknown_connection")
    }

    @Test("Nango's own 429 on a proxy call is retried after Retry-After; an unsent request too")
    func proxyRetries() async throws {
        let mock = MockTransport()
        var headers = HTTPFields()
        headers[.retryAfter] = "1"
        mock.enqueue(try fixtureResponse("errors/too-many-requests", status: 429, headers: headers))
        mock.enqueue(.failure(NangoError.transport("refused", requestSent: false)))
        mock.enqueue(.json("{}"))
        let clock = ImmediateClock()
        let nango = try makeClient(mock, clock: clock)
        _ = try await nango.post(.init(endpoint: "/x", providerConfigKey: "p", connectionID: "c", body: .json(["a": 1])))
        #expect(mock.requests.count == 3)
        #expect(clock.sleeps.first == .seconds(1))
    }

    @Test("a provider's 429 that looks like Nango's envelope is never retried; a POST is sent once")
    func provider429() async throws {
        let mock = MockTransport()
        var headers = HTTPFields()
        headers[.retryAfter] = "1"
        mock.enqueue(.json(#"{"error":{"code":"rate_limited","message":"slow down"}}"#, status: 429, headers: headers))
        mock.enqueue(.json("{}"))
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) {
            try await nango.post(.init(endpoint: "/x", providerConfigKey: "p", connectionID: "c", body: .json(["a": 1])))
        }
        #expect(error?.status == 429)
        #expect(mock.requests.count == 1)
    }

    @Test("proxy requests and responses never print header values or bodies")
    func proxyRedaction() {
        let request = ProxyRequest(endpoint: "/x", providerConfigKey: "p", connectionID: "c",
                                   headers: ["Authorization": "Bearer canary-secret-caller"], body: .text("canary-secret-body"))
        expectNoSecrets(everyRendering(of: request))
        var headers = HTTPFields()
        headers[.setCookie] = "session=canary-secret-cookie"
        let response = ProxyResponse(status: 200, headers: headers, body: Data("canary-secret-body".utf8))
        expectNoSecrets(everyRendering(of: response))
        #expect(String(describing: response).contains("Set-Cookie"))
    }

    @Test("a binary response body comes back intact")
    func binaryBody() async throws {
        let bytes = Data((0...255).map { UInt8($0) } + [0xFF, 0xD8, 0x00])
        let mock = MockTransport()
        var headers = HTTPFields()
        headers[.contentType] = "image/jpeg"
        mock.enqueue(.http(status: 200, headers: headers, body: bytes))
        let nango = try makeClient(mock)
        let response = try await nango.get(.init(endpoint: "/avatar.jpg", providerConfigKey: "p", connectionID: "c"))
        #expect(response.body == bytes)
        #expect(response.text == nil)
        #expect(response.headers[.contentType] == "image/jpeg")
        #expect(throws: NangoError.self) { try response.json() }
    }

    @Test("a proxy timeout can be raised per call")
    func perCallTimeout() async throws {
        let mock = MockTransport()
        mock.enqueue(.delayed(.milliseconds(200), .json("{}")))
        let nango = try makeClient(mock) {
            $0.timeout = .milliseconds(50)
            $0.totalTimeout = .milliseconds(60)
        }
        _ = try await nango.get(.init(endpoint: "/slow", providerConfigKey: "p", connectionID: "c", timeout: .seconds(5)))
    }
}

@Suite("Proxy query merge", .timeLimit(.minutes(1)))
struct ProxyQueryMergeTests {
    private func target(_ endpoint: String, _ query: [String: String]) throws -> String {
        let nango = try makeClient(MockTransport())
        return try nango.proxyRequest(ProxyRequest(endpoint: endpoint, providerConfigKey: "p", connectionID: "c", query: query))
            .target(prefix: "")
    }

    @Test("a parameter replaces the endpoint's item of the same name, as Node's searchParams.set does", arguments: [
        ("/search?a=1&b=old", ["b": "new"], "/proxy/search?a=1&b=new"),
        ("/search?b=old&a=1&b=older", ["b": "new"], "/proxy/search?b=new&a=1"),
        ("/search?a=1", ["b": "2"], "/proxy/search?a=1&b=2"),
        ("/search?q=a+b&x=%2F", ["z": "1"], "/proxy/search?q=a+b&x=%2F&z=1"),
        ("/search?flag&a=", ["a": "v w"], "/proxy/search?flag=&a=v+w"),
        ("/search", ["b": "1", "a": "2"], "/proxy/search?a=2&b=1"),
        ("/search?keep=as%20is", [:], "/proxy/search?keep=as%20is"),
    ])
    func merge(endpoint: String, query: [String: String], expected: String) throws {
        #expect(try target(endpoint, query) == expected)
    }

    @Test("the merged query reaches the transport")
    func throughTheTransport() async throws {
        let mock = MockTransport()
        mock.enqueue(.json("{}"), for: .get, path: "/proxy/search")
        _ = try await makeClient(mock).proxy(.init(endpoint: "/search?a=1&b=old", providerConfigKey: "p", connectionID: "c", query: ["b": "new"]))
        #expect(mock.lastRequest?.rawQuery == "a=1&b=new")
    }
}
