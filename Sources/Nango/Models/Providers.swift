/// A provider (an API Nango supports), from ``NangoClient/listProviders(search:connectSessionToken:)``.
public struct Provider: Codable, Hashable, Sendable {
    /// The provider's name, e.g. `github`.
    public var name: String
    /// The display name.
    public var displayName: String?
    /// How it authenticates.
    public var authMode: AuthMode?
    /// Its documentation URL.
    public var docs: String?
    /// Its categories.
    public var categories: [String]?
    /// Every other field of the provider's definition (proxy base URL, OAuth URLs, ...).
    public var additionalFields: [String: JSONValue]

    /// Creates a provider (for tests).
    public init(
        name: String,
        displayName: String? = nil,
        authMode: AuthMode? = nil,
        docs: String? = nil,
        categories: [String]? = nil,
        additionalFields: [String: JSONValue] = [:]
    ) {
        self.name = name
        self.displayName = displayName
        self.authMode = authMode
        self.docs = docs
        self.categories = categories
        self.additionalFields = additionalFields
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case name, docs, categories
        case displayName = "display_name"
        case authMode = "auth_mode"
    }

    /// Decodes a provider, keeping every other field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        displayName = try container.decodeIfPresent(String.self, forKey: .displayName)
        authMode = try container.decodeIfPresent(AuthMode.self, forKey: .authMode)
        docs = try container.decodeIfPresent(String.self, forKey: .docs)
        categories = try container.decodeIfPresent([String].self, forKey: .categories)
        additionalFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    /// Encodes the provider as Nango spells it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(displayName, forKey: .displayName)
        try container.encodeIfPresent(authMode, forKey: .authMode)
        try container.encodeIfPresent(docs, forKey: .docs)
        try container.encodeIfPresent(categories, forKey: .categories)
        try encoder.encodeUnknownFields(additionalFields)
    }
}
