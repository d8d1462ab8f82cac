import Foundation
import HTTPTypes

/// The description of one API call: what every public method builds and hands to the pipeline.
struct APIRequest: Sendable {
    enum PathPart: Sendable {
        /// A fixed segment such as `connections`.
        case literal(String)
        /// A caller-supplied value: percent-encoded as one segment; shown as `{name}` in logs and errors.
        case parameter(name: String, value: String)
    }

    struct QueryItem: Sendable, Hashable {
        var name: String
        var value: String
    }

    var method: HTTPRequest.Method
    var path: [PathPart]
    /// Appended after the path as is: an already-encoded path and query (the async action status URL, a proxy
    /// endpoint). Shown as `{raw}` in logs.
    var rawSuffix: String?
    var query: [QueryItem] = []
    var headers = HTTPFields()
    var body: Data?
    /// Whether repeating the request cannot do more than doing it once (retried on 502/503/504 and after a
    /// dropped connection). Defaults from the method.
    var isIdempotent: Bool
    /// Replaces the configuration's per-attempt and total timeouts (actions run for minutes).
    var timeoutOverride: Duration?
    /// Who an error status comes from, which decides the error's kind.
    var source: Source = .nango

    enum Source: Sendable {
        /// Nango itself: errors are ``NangoError/Kind/http``.
        case nango
        /// An action run by Nango: an action's own failure is ``NangoError/Kind/actionFailed``.
        case action
        /// The result of an asynchronous action: a 500 also means the action failed.
        case actionResult
        /// The proxy: an error status is the external API's (``NangoError/Kind/providerHTTP``) unless the body is
        /// Nango's own error envelope.
        case proxy
    }

    init(
        _ method: HTTPRequest.Method,
        _ path: [PathPart],
        query: [QueryItem] = [],
        headers: HTTPFields = HTTPFields(),
        idempotent: Bool? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.isIdempotent = idempotent ?? [.get, .head, .put, .delete, .options].contains(method)
    }

    /// Sets a JSON body (and `Content-Type: application/json`).
    mutating func setJSONBody<Body: Encodable>(_ body: Body) throws {
        self.body = try NangoCoding.encode(body, what: "request body")
        headers[.contentType] = "application/json"
    }

    /// `GET /connections/{connectionId}`: the operation's name in logs, errors, spans and metrics (never the
    /// values).
    var operation: String {
        "\(method.rawValue) \(template)"
    }

    /// `/connections/{connectionId}`: the path with its parameters as names.
    var template: String {
        let template = path.map { part -> String in
            switch part {
            case .literal(let segment): return segment
            case .parameter(let name, _): return "{\(name)}"
            }
        }.joined(separator: "/")
        return "/\(template)\(rawSuffix == nil ? "" : "{raw}")"
    }

    /// The request target: path prefix, encoded segments, raw suffix and form-encoded query.
    func target(prefix: String) -> String {
        var target = prefix
        for part in path {
            switch part {
            case .literal(let segment): target += "/" + segment
            case .parameter(_, let value): target += "/" + URLEncoding.pathSegment(value)
            }
        }
        if let rawSuffix { target += rawSuffix }
        if target.isEmpty { target = "/" }
        if !query.isEmpty {
            target += (target.contains("?") ? "&" : "?") + URLEncoding.formQuery(query.map { ($0.name, $0.value) })
        }
        return target
    }
}

extension APIRequest.QueryItem {
    init(_ name: String, _ value: String) {
        self.init(name: name, value: value)
    }
}

/// Checks of caller input, before anything is sent.
enum Validate {
    /// A path or query identifier: not empty, and not `.` or `..` (which URL normalisation would remove).
    static func identifier(_ value: String, _ name: String) throws {
        guard !value.isEmpty else {
            throw NangoError.invalidArgument("\(name) must not be empty.")
        }
        guard value != "." && value != ".." else {
            throw NangoError.invalidArgument("\(name) must not be \"\(value)\".")
        }
    }

    /// A value sent in a header: printable ASCII only (space to `~`), without leading or trailing spaces.
    /// HTTP carries header values as bytes that servers read as Latin-1 (a UTF-8 id would arrive as a different
    /// id), a control character would be refused or split the header, and outer spaces would be trimmed.
    static func headerValue(_ value: String, _ name: String) throws {
        guard value.utf8.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E }) else {
            throw NangoError.invalidArgument(
                "\(name) is sent in a header, so it must be printable ASCII (no line breaks, control or non-ASCII characters)."
            )
        }
        guard value.utf8.first != 0x20 && value.utf8.last != 0x20 else {
            throw NangoError.invalidArgument("\(name) is sent in a header, so it must not start or end with a space.")
        }
    }

    static func identifiers(_ values: [String], _ name: String) throws {
        guard !values.isEmpty else {
            throw NangoError.invalidArgument("\(name) must not be an empty list.")
        }
        for value in values {
            try identifier(value, name)
        }
    }
}
