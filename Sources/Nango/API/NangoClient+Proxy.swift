import Foundation
import HTTPTypes

extension NangoClient {
    /// Calls an external API through Nango's proxy, which adds the connection's credentials
    /// (`/proxy/{endpoint}`), and returns the external API's status, headers and raw body.
    ///
    /// ```swift
    /// let response = try await nango.proxy(.init(endpoint: "/user/repos", providerConfigKey: "github", connectionID: "u1"))
    /// let repos = try response.decode(as: [Repository].self)
    /// ```
    ///
    /// - Throws: ``NangoError``: of kind ``NangoError/Kind/providerHTTP`` when the external API answered with an
    ///   error status (its status, headers and body are in the error), of kind ``NangoError/Kind/http`` when
    ///   Nango refused the call itself (unknown connection, invalid headers, ...), of kind
    ///   ``NangoError/Kind/invalidArgument`` for a missing integration or connection, an endpoint with a fragment
    ///   or a `.`/`..` segment, an empty `retryOn`, an invalid header, or a body on a `GET`.
    ///
    /// The SDK retries only what never reached the external API (a connection that failed before sending, or
    /// Nango's own rate limit); ask Nango to retry the external call with ``ProxyRequest/retries``.
    @discardableResult
    public func proxy(_ request: ProxyRequest) async throws -> ProxyResponse {
        let apiRequest = try proxyRequest(request)
        let raw = try await send(apiRequest)
        return ProxyResponse(status: raw.response.status.code, headers: raw.response.headerFields, body: raw.body)
    }

    /// ``proxy(_:)`` with the method forced to `GET`.
    @discardableResult
    public func get(_ request: ProxyRequest) async throws -> ProxyResponse {
        try await proxy(request, method: .get)
    }

    /// ``proxy(_:)`` with the method forced to `POST`.
    @discardableResult
    public func post(_ request: ProxyRequest) async throws -> ProxyResponse {
        try await proxy(request, method: .post)
    }

    /// ``proxy(_:)`` with the method forced to `PUT`.
    @discardableResult
    public func put(_ request: ProxyRequest) async throws -> ProxyResponse {
        try await proxy(request, method: .put)
    }

    /// ``proxy(_:)`` with the method forced to `PATCH`.
    @discardableResult
    public func patch(_ request: ProxyRequest) async throws -> ProxyResponse {
        try await proxy(request, method: .patch)
    }

    /// ``proxy(_:)`` with the method forced to `DELETE`.
    @discardableResult
    public func delete(_ request: ProxyRequest) async throws -> ProxyResponse {
        try await proxy(request, method: .delete)
    }

    private func proxy(_ request: ProxyRequest, method: HTTPRequest.Method) async throws -> ProxyResponse {
        var forced = request
        forced.method = method
        return try await proxy(forced)
    }

    /// Builds `/proxy{endpoint}` with its headers and body.
    func proxyRequest(_ proxy: ProxyRequest) throws -> APIRequest {
        guard let providerConfigKey = proxy.providerConfigKey ?? configuration.defaultProviderConfigKey else {
            throw NangoError.invalidArgument("A proxy call needs a providerConfigKey (or a configuration default).")
        }
        guard let connectionID = proxy.connectionID ?? configuration.defaultConnectionID else {
            throw NangoError.invalidArgument("A proxy call needs a connectionID (or a configuration default).")
        }
        try Validate.identifier(providerConfigKey, "providerConfigKey")
        try Validate.identifier(connectionID, "connectionID")
        var request = APIRequest(
            proxy.method,
            [.literal("proxy")],
            headers: try HTTPFields.connection(providerConfigKey, connectionID)
        )
        (request.rawSuffix, request.query) = try URLEncoding.proxyTarget(
            endpoint: proxy.endpoint,
            params: proxy.query.sorted { $0.key < $1.key }.map { .init($0.key, $0.value) }
        )
        request.source = .proxy
        request.timeoutOverride = proxy.timeout

        func set(_ name: String, _ value: String) throws {
            guard let field = HTTPField.Name(name) else {
                throw NangoError.invalidArgument("\"\(name)\" is not a valid header name.")
            }
            try Validate.headerValue(value, "The value of header \(name)")
            request.headers[field] = value
        }
        var contentTypeOverride: String?
        for (name, value) in proxy.headers.sorted(by: { $0.key < $1.key }) {
            try set("Nango-Proxy-\(name)", value)
            if name.lowercased() == "content-type" { contentTypeOverride = value }
        }
        if let baseURLOverride = proxy.baseURLOverride { try set("Base-Url-Override", baseURLOverride) }
        if let activityLogID = proxy.activityLogID ?? configuration.activityLogID {
            try set("Nango-Activity-Log-Id", activityLogID)
        }
        if let retries = proxy.retries {
            guard retries >= 0 else { throw NangoError.invalidArgument("retries must not be negative (got \(retries)).") }
            if retries > 0 { try set("Retries", String(retries)) }
        }
        if let retryOn = proxy.retryOn {
            guard !retryOn.isEmpty else {
                throw NangoError.invalidArgument("retryOn must list at least one status; pass nil for none.")
            }
            guard retryOn.allSatisfy({ (100...599).contains($0) }) else {
                throw NangoError.invalidArgument("retryOn must list HTTP statuses (100–599).")
            }
            try set("Retry-On", retryOn.map(String.init).joined(separator: ","))
        }
        if let decompress = proxy.decompress { try set("Decompress", String(decompress)) }
        if let forward = proxy.forwardHeadersOnRedirect { try set("Forward-Headers-On-Redirect", String(forward)) }

        if let body = proxy.body {
            guard proxy.method != .get && proxy.method != .head else {
                throw NangoError.invalidArgument("A \(proxy.method.rawValue) proxy call cannot have a body.")
            }
            let (data, contentType) = try body.encoded(boundary: "nango-swift-\(UUID().uuidString)")
            request.body = data
            request.headers[.contentType] = contentType
        }
        if let contentTypeOverride {
            if case .multipart = proxy.body?.kind {
                throw NangoError.invalidArgument("A multipart body sets its own Content-Type (with its boundary); remove the header.")
            }
            try set("Content-Type", contentTypeOverride)
        }
        return request
    }
}

extension URLEncoding {
    /// The proxy target: the endpoint (see ``proxyEndpoint(_:)``) and the query parameters. As in the Node SDK
    /// (`URL.searchParams.set`), a parameter replaces the endpoint's own query item of the same name (the first
    /// in place, later ones removed) and others are appended; when there are parameters, the whole query is then
    /// form-encoded anew. Without parameters the endpoint's query is sent as written.
    static func proxyTarget(
        endpoint: String,
        params: [APIRequest.QueryItem]
    ) throws -> (suffix: String, query: [APIRequest.QueryItem]) {
        let encoded = try proxyEndpoint(endpoint)
        guard !params.isEmpty else { return (encoded, []) }
        guard let mark = encoded.firstIndex(of: "?") else { return (encoded, params) }
        var items = formDecode(String(encoded[encoded.index(after: mark)...]))
        for param in params {
            if let first = items.firstIndex(where: { $0.name == param.name }) {
                items[first].value = param.value
                var index = items.index(after: first)
                while index < items.endIndex {
                    if items[index].name == param.name { items.remove(at: index) } else { index += 1 }
                }
            } else {
                items.append(param)
            }
        }
        return (String(encoded[..<mark]), items)
    }

    /// A proxy endpoint as a path suffix: a leading `/` added when missing, characters that are not allowed in a
    /// URL percent-encoded (a space becomes `%20`), existing `%XX` escapes and the endpoint's own query kept.
    static func proxyEndpoint(_ endpoint: String) throws -> String {
        guard !endpoint.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw NangoError.invalidArgument("The proxy endpoint must not contain control characters.")
        }
        guard !endpoint.contains("#") else {
            throw NangoError.invalidArgument("The proxy endpoint must not contain a fragment ('#').")
        }
        let pathPart = endpoint.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let segments = pathPart.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.replacingOccurrences(of: "%2e", with: ".").replacingOccurrences(of: "%2E", with: ".")
        }
        guard !segments.contains(where: { $0 == "." || $0 == ".." }) else {
            throw NangoError.invalidArgument("The proxy endpoint must not contain '.' or '..' segments.")
        }
        let bytes = Array(endpoint.utf8)
        var output: [UInt8] = bytes.first == UInt8(ascii: "/") ? [] : [UInt8(ascii: "/")]
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?".utf8)
        let hex = Set("0123456789abcdefABCDEF".utf8)
        for (index, byte) in bytes.enumerated() {
            if allowed.contains(byte) {
                output.append(byte)
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count, hex.contains(bytes[index + 1]),
                      hex.contains(bytes[index + 2]) {
                output.append(byte)
            } else {
                output.append(contentsOf: Array(String(format: "%%%02X", byte).utf8))
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
