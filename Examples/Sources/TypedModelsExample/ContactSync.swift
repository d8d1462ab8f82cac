public import Nango

/// Reads a HubSpot integration's contacts as the typed `Hubspot.Contact` the build plugin generates from
/// `hubspot.nango-schema.json` (beside this file): no model name, no hand-written struct.
public struct ContactSync: Sendable {
    let nango: NangoClient

    /// A reader of contacts through `nango`.
    public init(nango: NangoClient) {
        self.nango = nango
    }

    /// The emails of every contact of a connection, and the cursor to resume from next time.
    public func emails(connectionID: String, after cursor: String? = nil) async throws -> (emails: [String], cursor: String?) {
        var emails: [String] = []
        var last = cursor
        let options = ListRecordsOptions(cursor: cursor)
        for try await record in nango.records(
            of: Hubspot.Contact.self, providerConfigKey: "hubspot", connectionID: connectionID, options: options
        ) {
            if let email = record.data.email { emails.append(email) }
            last = record.metadata.cursor
        }
        return (emails, last)
    }
}
