import Foundation

/// A function's type. An open set.
public struct FunctionType: OpenEnumeration {
    /// The type as Nango spells it.
    public let rawValue: String

    /// Wraps a type.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `sync`.
    public static let sync: FunctionType = "sync"
    /// `action`.
    public static let action: FunctionType = "action"
    /// `on-event`.
    public static let onEvent: FunctionType = "on-event"
}

/// A page of ``NangoClient/listFunctions(uniqueKey:type:search:page:limit:)``.
public struct FunctionList: Decodable, Hashable, Sendable {
    /// The functions of this page.
    public var functions: [NangoFunction]
    /// How many functions match in all.
    public var total: Int
    /// This page's number, from 0.
    public var page: Int
    /// The page size.
    public var limit: Int

    private enum CodingKeys: String, CodingKey {
        case data, pagination
    }

    private struct Pagination: Decodable {
        var total: Int
        var page: Int
        var limit: Int
    }

    /// Decodes `{data, pagination: {total, page, limit}}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        functions = try container.decode([NangoFunction].self, forKey: .data)
        let pagination = try container.decode(Pagination.self, forKey: .pagination)
        total = pagination.total
        page = pagination.page
        limit = pagination.limit
    }
}

/// A function's source code, from ``NangoClient/getFunctionCode(uniqueKey:name:type:)``.
public struct FunctionCode: Codable, Hashable, Sendable {
    /// The function's type.
    public var type: FunctionType
    /// The TypeScript source.
    public var code: String
}
