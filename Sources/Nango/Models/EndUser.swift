/// The end user (and their organization) a connection belongs to. Deprecated by Nango in favour of connection
/// tags, but still sent and accepted.
public struct EndUser: Codable, Hashable, Sendable {
    /// Your id for the end user.
    public var id: String
    /// The end user's e-mail address.
    public var email: String?
    /// The end user's display name.
    public var displayName: String?
    /// Tags of the end user.
    public var tags: [String: String]?
    /// The end user's organization.
    public var organization: Organization?
    /// Fields this version of the SDK does not model, kept so that they survive a decode and encode.
    public var additionalFields: [String: JSONValue]

    /// The organization an end user belongs to.
    public struct Organization: Codable, Hashable, Sendable {
        /// Your id for the organization.
        public var id: String
        /// The organization's display name.
        public var displayName: String?

        /// Creates an organization.
        public init(id: String, displayName: String? = nil) {
            self.id = id
            self.displayName = displayName
        }

        private enum CodingKeys: String, CodingKey {
            case id
            case displayName = "display_name"
        }
    }

    /// Creates an end user.
    public init(
        id: String,
        email: String? = nil,
        displayName: String? = nil,
        tags: [String: String]? = nil,
        organization: Organization? = nil,
        additionalFields: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.tags = tags
        self.organization = organization
        self.additionalFields = additionalFields
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case id, email, tags, organization
        case displayName = "display_name"
    }

    /// Decodes an end user; tag values that are not strings are kept as their JSON text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        displayName = try container.decodeIfPresent(String.self, forKey: .displayName)
        tags = try container.decodeIfPresent([String: JSONValue].self, forKey: .tags)?.mapValues { value in
            value.stringValue ?? value.description
        }
        organization = try container.decodeIfPresent(Organization.self, forKey: .organization)
        additionalFields = try decoder.unknownFields(excluding: CodingKeys.self)
    }

    /// Encodes the end user as Nango spells it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(email, forKey: .email)
        try container.encodeIfPresent(displayName, forKey: .displayName)
        try container.encodeIfPresent(tags, forKey: .tags)
        try container.encodeIfPresent(organization, forKey: .organization)
        try encoder.encodeUnknownFields(additionalFields)
    }
}

/// A problem Nango recorded on a connection.
public struct ConnectionError: Codable, Hashable, Sendable {
    /// What failed: ``Kind/auth`` (the credentials are invalid) or ``Kind/sync`` (the last sync failed).
    public var type: Kind
    /// The id of the log entry with the details.
    public var logID: String

    /// The kind of a connection error. An open set.
    public struct Kind: OpenEnumeration {
        /// The kind as Nango spells it.
        public let rawValue: String

        /// Wraps a kind.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// `auth`: the connection's credentials are invalid.
        public static let auth: Kind = "auth"
        /// `sync`: the connection's last sync failed.
        public static let sync: Kind = "sync"
    }

    /// Creates a connection error.
    public init(type: Kind, logID: String) {
        self.type = type
        self.logID = logID
    }

    private enum CodingKeys: String, CodingKey {
        case type
        case logID = "log_id"
    }
}
