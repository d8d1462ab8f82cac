public import Foundation
public import HTTPTypes

/// A call to an external API through Nango's proxy, which adds the connection's credentials.
///
/// ```swift
/// let response = try await nango.proxy(.init(method: .post, endpoint: "/calendar/v3/users/me/calendarList",
///                                            providerConfigKey: "google-calendar", connectionID: "u1",
///                                            headers: ["X-Custom": "1"], query: ["maxResults": "10"],
///                                            body: .json(newCalendar), retries: 3))
/// ```
public struct ProxyRequest: Sendable {
    /// The HTTP method. Default: `GET`.
    public var method: HTTPRequest.Method
    /// The external API's path, relative to its base URL (`/user/repos`); it may carry its own query.
    public var endpoint: String
    /// The integration; `nil` uses ``NangoClient/Configuration/defaultProviderConfigKey``.
    public var providerConfigKey: String?
    /// The connection; `nil` uses ``NangoClient/Configuration/defaultConnectionID``.
    public var connectionID: String?
    /// Headers for the external API, sent as `Nango-Proxy-<name>` (Nango strips the prefix). A `Content-Type`
    /// here is also sent as the request's own `Content-Type`.
    public var headers: [String: String]
    /// Query parameters for the external API, form-encoded. As in the Node SDK, a parameter replaces an item of the
    /// same name in the endpoint's own query (`"/search?a=1&b=old"` with `["b": "new"]` sends `a=1&b=new`); the
    /// others are appended, in key order.
    public var query: [String: String]
    /// The body, if any.
    public var body: ProxyBody?
    /// How many times Nango retries the external call on 5xx, 429 (and ``retryOn``), with backoff (`Retries`).
    /// The SDK itself never retries a provider's answer.
    public var retries: Int?
    /// More statuses Nango should retry on (`Retry-On`); must not be empty when set.
    public var retryOn: [Int]?
    /// Replaces the provider's base URL (`Base-Url-Override`).
    public var baseURLOverride: String?
    /// Whether Nango decompresses the external API's response (`Decompress`).
    public var decompress: Bool?
    /// Whether Nango forwards the headers when the external API redirects (`Forward-Headers-On-Redirect`; `false`
    /// is sent too, unlike the Node SDK which drops it).
    public var forwardHeadersOnRedirect: Bool?
    /// Sent as `Nango-Activity-Log-Id`; `nil` uses ``NangoClient/Configuration/activityLogID``.
    public var activityLogID: String?
    /// How long one attempt may take; `nil` uses ``NangoClient/Configuration/timeout``. Raise it when asking Nango
    /// for ``retries``.
    public var timeout: Duration?

    /// Creates a proxy request.
    public init(
        method: HTTPRequest.Method = .get,
        endpoint: String,
        providerConfigKey: String? = nil,
        connectionID: String? = nil,
        headers: [String: String] = [:],
        query: [String: String] = [:],
        body: ProxyBody? = nil,
        retries: Int? = nil,
        retryOn: [Int]? = nil,
        baseURLOverride: String? = nil,
        decompress: Bool? = nil,
        forwardHeadersOnRedirect: Bool? = nil,
        activityLogID: String? = nil,
        timeout: Duration? = nil
    ) {
        self.method = method
        self.endpoint = endpoint
        self.providerConfigKey = providerConfigKey
        self.connectionID = connectionID
        self.headers = headers
        self.query = query
        self.body = body
        self.retries = retries
        self.retryOn = retryOn
        self.baseURLOverride = baseURLOverride
        self.decompress = decompress
        self.forwardHeadersOnRedirect = forwardHeadersOnRedirect
        self.activityLogID = activityLogID
        self.timeout = timeout
    }
}

/// The body of a ``ProxyRequest``.
public struct ProxyBody: Sendable {
    enum Kind: Sendable {
        case json(any Encodable & Sendable)
        case data(Data, contentType: String)
        case form([(String, String)])
        case multipart([MultipartPart])
    }

    let kind: Kind

    /// A JSON body (`application/json`).
    public static func json<Value: Encodable & Sendable>(_ value: Value) -> ProxyBody {
        ProxyBody(kind: .json(value))
    }

    /// Raw bytes with a content type (`application/octet-stream` by default).
    public static func data(_ data: Data, contentType: String = "application/octet-stream") -> ProxyBody {
        ProxyBody(kind: .data(data, contentType: contentType))
    }

    /// Text with a content type (`text/plain; charset=utf-8` by default).
    public static func text(_ text: String, contentType: String = "text/plain; charset=utf-8") -> ProxyBody {
        ProxyBody(kind: .data(Data(text.utf8), contentType: contentType))
    }

    /// An `application/x-www-form-urlencoded` body; fields are sent in key order.
    public static func form(_ fields: [String: String]) -> ProxyBody {
        ProxyBody(kind: .form(fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
    }

    /// An `application/x-www-form-urlencoded` body with fields in the given order (names may repeat).
    public static func form(_ fields: [(name: String, value: String)]) -> ProxyBody {
        ProxyBody(kind: .form(fields.map { ($0.name, $0.value) }))
    }

    /// A `multipart/form-data` body.
    public static func multipart(_ parts: [MultipartPart]) -> ProxyBody {
        ProxyBody(kind: .multipart(parts))
    }

    /// The bytes and content type to send. `boundary` is used for multipart bodies.
    func encoded(boundary: String) throws -> (Data, String) {
        switch kind {
        case .json(let value):
            return (try NangoCoding.encode(value, what: "proxy body"), "application/json")
        case .data(let data, let contentType):
            return (data, contentType)
        case .form(let fields):
            return (Data(URLEncoding.formQuery(fields).utf8), "application/x-www-form-urlencoded")
        case .multipart(let parts):
            var data = Data()
            for part in parts {
                try part.validate()
                data.append(Data("--\(boundary)\r\n".utf8))
                var disposition = "Content-Disposition: form-data; name=\"\(part.name)\""
                if let filename = part.filename { disposition += "; filename=\"\(filename)\"" }
                data.append(Data("\(disposition)\r\n".utf8))
                if let contentType = part.contentType {
                    data.append(Data("Content-Type: \(contentType)\r\n".utf8))
                }
                data.append(Data("\r\n".utf8))
                data.append(part.data)
                data.append(Data("\r\n".utf8))
            }
            data.append(Data("--\(boundary)--\r\n".utf8))
            return (data, "multipart/form-data; boundary=\(boundary)")
        }
    }
}

/// One part of a multipart body.
public struct MultipartPart: Sendable, Hashable {
    /// The field name.
    public var name: String
    /// The file name, for a file part.
    public var filename: String?
    /// The part's content type, for a file part.
    public var contentType: String?
    /// The part's bytes.
    public var data: Data

    /// A text field.
    public init(name: String, value: String) {
        self.name = name
        self.filename = nil
        self.contentType = nil
        self.data = Data(value.utf8)
    }

    /// A file.
    public init(name: String, filename: String, contentType: String = "application/octet-stream", data: Data) {
        self.name = name
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }

    func validate() throws {
        let texts = [name, filename ?? "", contentType ?? ""]
        guard texts.allSatisfy({ !$0.contains("\"") && !$0.contains("\r") && !$0.contains("\n") }) else {
            throw NangoError.invalidArgument("A multipart name, file name or content type cannot contain quotes or line breaks.")
        }
    }
}

/// The external API's answer, relayed by Nango: status, headers and the raw body.
public struct ProxyResponse: Sendable {
    /// The status the external API answered with.
    public var status: Int
    /// The headers Nango relayed.
    public var headers: HTTPFields
    /// The raw body (JSON, binary, text: as sent).
    public var body: Data

    /// Creates a response (for tests).
    public init(status: Int, headers: HTTPFields = HTTPFields(), body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Decodes the body as JSON into `type`.
    ///
    /// - Throws: ``NangoError`` of kind ``NangoError/Kind/decoding``.
    public func decode<Value: Decodable>(as type: Value.Type = Value.self) throws -> Value {
        try NangoCoding.decode(type, from: body, emptyAsNull: true, context: .init(operation: "ProxyResponse.decode", status: status))
    }

    /// The body as JSON.
    ///
    /// - Throws: ``NangoError`` of kind ``NangoError/Kind/decoding`` when it is not JSON.
    public func json() throws -> JSONValue {
        try decode(as: JSONValue.self)
    }

    /// The body as UTF-8 text, or `nil` when it is not valid UTF-8.
    public var text: String? {
        String(data: body, encoding: .utf8)
    }
}

extension ProxyRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Method, endpoint, integration, connection and header names; header values and the body never print
    /// (they may carry the caller's own credentials).
    public var description: String {
        Redacted.describe("ProxyRequest", [
            "method": method.rawValue, "endpoint": endpoint, "providerConfigKey": providerConfigKey,
            "connectionID": connectionID, "headers": headers.keys.sorted(),
        ])
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror of ``description``'s fields, for `dump`.
    public var customMirror: Mirror {
        Redacted.mirror(self, [
            "method": method.rawValue, "endpoint": endpoint, "providerConfigKey": providerConfigKey,
            "connectionID": connectionID, "headers": headers.keys.sorted(),
        ])
    }
}

extension ProxyResponse: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Status, header names and body size; header values (`Set-Cookie`, ...) and the body never print.
    public var description: String {
        Redacted.describe("ProxyResponse", [
            "status": status, "headers": headers.map(\.name.rawName), "bodyBytes": body.count,
        ])
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror of ``description``'s fields, for `dump`.
    public var customMirror: Mirror {
        Redacted.mirror(self, ["status": status, "headers": headers.map(\.name.rawName), "bodyBytes": body.count])
    }
}
