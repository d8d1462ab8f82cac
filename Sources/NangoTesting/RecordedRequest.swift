public import Foundation
public import HTTPTypes
public import Nango

/// A request as a transport received it, with accessors for what tests assert on.
public struct RecordedRequest: Sendable {
    /// One query item, decoded.
    public struct QueryItem: Sendable, Hashable, CustomStringConvertible {
        /// The decoded name.
        public var name: String
        /// The decoded value.
        public var value: String

        /// Creates an item.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }

        /// `name=value`.
        public var description: String { "\(name)=\(value)" }
    }

    /// The request as sent, with every header (`Authorization` included).
    public let request: HTTPRequest
    /// The body, if any.
    public let body: Data?

    /// Creates a record.
    public init(request: HTTPRequest, body: Data?) {
        self.request = request
        self.body = body
    }

    /// The method.
    public var method: HTTPRequest.Method { request.method }

    /// The path as sent, percent-encoded, without the query: `/connections/a%2Fb`.
    public var path: String {
        let target = request.path ?? ""
        return target.firstIndex(of: "?").map { String(target[..<$0]) } ?? target
    }

    /// The path's segments, percent-decoded: `["connections", "a/b"]`.
    public var pathSegments: [String] {
        path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { segment in
            String(segment).removingPercentEncoding ?? String(segment)
        }
    }

    /// The query exactly as sent (still encoded), or `nil` when there is none.
    public var rawQuery: String? {
        let target = request.path ?? ""
        return target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) }
    }

    /// The query items, decoded as a form (`+` is a space), in order.
    public var query: [QueryItem] {
        guard let rawQuery, !rawQuery.isEmpty else { return [] }
        return rawQuery.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return QueryItem(decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// Every value of the query item `name`, in order.
    public func queryValues(_ name: String) -> [String] {
        query.filter { $0.name == name }.map(\.value)
    }

    /// The header fields.
    public var headerFields: HTTPFields { request.headerFields }

    /// The value of header `name` (case-insensitive; several values joined with `, `).
    public func header(_ name: String) -> String? {
        guard let fieldName = HTTPField.Name(name) else { return nil }
        return request.headerFields[fieldName]
    }

    /// The body parsed as JSON, or `nil` when there is no body or it is not JSON.
    public var json: JSONValue? {
        guard let body, !body.isEmpty else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: body)
    }
}
