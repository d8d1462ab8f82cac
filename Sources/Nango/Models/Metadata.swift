/// The echo of a metadata change: what ``NangoClient/setMetadata(providerConfigKey:connectionIDs:metadata:)`` and
/// ``NangoClient/updateMetadata(providerConfigKey:connectionIDs:metadata:)`` return.
public struct MetadataChange: Decodable, Sendable, Hashable {
    /// The connections changed.
    public var connectionIDs: [String]
    /// The integration's unique key.
    public var providerConfigKey: String
    /// The metadata that was sent.
    public var metadata: [String: JSONValue]

    /// Creates a change.
    public init(connectionIDs: [String], providerConfigKey: String, metadata: [String: JSONValue]) {
        self.connectionIDs = connectionIDs
        self.providerConfigKey = providerConfigKey
        self.metadata = metadata
    }

    private enum CodingKeys: String, CodingKey {
        case metadata
        case connectionID = "connection_id"
        case providerConfigKey = "provider_config_key"
    }

    /// Decodes the echo; `connection_id` may be one string or a list.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let single = try? container.decode(String.self, forKey: .connectionID) {
            connectionIDs = [single]
        } else {
            connectionIDs = try container.decodeIfPresent([String].self, forKey: .connectionID) ?? []
        }
        providerConfigKey = try container.decodeIfPresent(String.self, forKey: .providerConfigKey) ?? ""
        metadata = try container.decodeIfPresent([String: JSONValue].self, forKey: .metadata) ?? [:]
    }
}

extension MetadataChange: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private var shownFields: KeyValuePairs<String, Any?> {
        ["connectionIDs": connectionIDs, "providerConfigKey": providerConfigKey, "metadataKeys": Redacted.keys(metadata)]
    }

    /// The connections and integration, and the keys (never the values) of the metadata, as for ``Connection``.
    public var description: String { Redacted.describe("MetadataChange", shownFields) }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror with the fields of ``description`` only, for `dump`.
    public var customMirror: Mirror { Redacted.mirror(self, shownFields) }
}
