import Foundation
import HTTPTypes
import Nango

// The fake's state. Everything here is read and changed under `FakeNango.lock`.

struct FakeState {
    var recorded: [RecordedRequest] = []
    var faults: [FaultEntry] = []

    var integrations: [IntegrationEntry] = []
    var connections: [ConnectionEntry] = []
    var nextConnectionNumber: Int64 = 1
    var stores: [RecordStoreKey: RecordStore] = [:]
    var recordSequence = 0
    var syncs: [SyncDefinition] = []
    var syncRuns: [SyncRunKey: SyncRun] = [:]
    var actions: [ActionEntry] = []
    var asyncRuns: [String: AsyncRun] = [:]
    var proxyRoutes: [ProxyRoute] = []
    var environmentVariables: [(name: String, value: String)] = []
    var connectSessions: [FakeNango.ConnectSessionInfo] = []
    var lastTimestamp = Date(timeIntervalSince1970: 0)
    var tokenCounter = 0

    /// A timestamp for a change: `date` (now by default), moved forward when needed so that every change is at
    /// least a millisecond after the previous one, in whole milliseconds (which keeps cursors and `modified_after` unambiguous).
    mutating func tick(_ date: Date? = nil) -> Date {
        // Whole milliseconds, the precision clients send `modified_after` with.
        let milliseconds = ((date ?? Date()).timeIntervalSince1970 * 1_000).rounded(.down)
        var next = Date(timeIntervalSince1970: milliseconds / 1_000)
        if next <= lastTimestamp {
            next = Date(timeIntervalSince1970: ((lastTimestamp.timeIntervalSince1970 * 1_000).rounded() + 1) / 1_000)
        }
        lastTimestamp = max(lastTimestamp, next)
        return next
    }

    mutating func takeFault(for request: RecordedRequest) -> FakeNango.Fault? {
        guard let index = faults.firstIndex(where: { $0.matches(request) }) else { return nil }
        let fault = faults[index].fault
        faults[index].remaining -= 1
        if faults[index].remaining <= 0 { faults.remove(at: index) }
        return fault
    }

    mutating func nextToken(_ prefix: String) -> String {
        tokenCounter += 1
        return "\(prefix)-\(tokenCounter)-\(UUID().uuidString.lowercased())"
    }

    func integrationIndex(_ uniqueKey: String) -> Int? {
        integrations.firstIndex { $0.uniqueKey == uniqueKey }
    }

    func connectionIndex(_ connectionID: String, _ providerConfigKey: String) -> Int? {
        connections.firstIndex { $0.connectionID == connectionID && $0.providerConfigKey == providerConfigKey }
    }

    /// The connection addressed by headers or a body, or Nango's `unknown_connection`.
    func requireConnection(_ connectionID: String, _ providerConfigKey: String) throws -> Int {
        guard let index = connectionIndex(connectionID, providerConfigKey) else {
            throw APIFailure.unknownConnection(connectionID, providerConfigKey)
        }
        return index
    }

    /// Removes a connection with its records and sync runs.
    mutating func removeConnection(at index: Int) {
        let connection = connections.remove(at: index)
        stores = stores.filter { !($0.key.connectionID == connection.connectionID && $0.key.providerConfigKey == connection.providerConfigKey) }
        syncRuns = syncRuns.filter { !($0.key.connectionID == connection.connectionID && $0.key.providerConfigKey == connection.providerConfigKey) }
    }
}

struct IntegrationEntry {
    var uniqueKey: String
    var provider: String
    var displayName: String
    var logo: String
    var forwardWebhooks: Bool
    var credentials: IntegrationCredentials?
    var webhookURL: String?
    var createdAt: Date
    var updatedAt: Date
}

struct ConnectionEntry {
    var id: Int64
    var connectionID: String
    var providerConfigKey: String
    var provider: String
    var credentials: Credentials
    var tags: [String: String]
    var metadata: [String: JSONValue]
    var connectionConfig: [String: JSONValue]
    var endUser: EndUser?
    var errors: [ConnectionError]
    var webhookURLOverride: String?
    var createdAt: Date
    var updatedAt: Date
    var lastFetchedAt: Date?
}

struct RecordStoreKey: Hashable {
    var providerConfigKey: String
    var connectionID: String
    var model: String
    var variant: String
}

struct StoredRecord {
    var id: JSONValue
    var payload: [String: JSONValue]
    var firstSeenAt: Date
    var lastModifiedAt: Date
    var lastAction: String
    var deletedAt: Date?
    var prunedAt: Date?
    var sequence: Int

    var cursor: String {
        Data("\(WireDate.microseconds(lastModifiedAt))||\(sequence)".utf8).base64EncodedString()
    }

    static func sequence(ofCursor cursor: String) -> Int? {
        guard let data = Data(base64Encoded: cursor),
              let text = String(data: data, encoding: .utf8),
              let range = text.range(of: "||", options: .backwards)
        else { return nil }
        return Int(text[range.upperBound...])
    }
}

struct RecordStore {
    var records: [String: StoredRecord] = [:]
}

struct SyncDefinition {
    var name: String
    var providerConfigKey: String
    var models: [String]
    var frequency: String
    var description: String
    var autoStart: Bool
    var trackDeletes: Bool
}

struct SyncRunKey: Hashable {
    var providerConfigKey: String
    var connectionID: String
    var name: String
    var variant: String
}

struct SyncRun {
    var id: String
    var status: String
    var type: String
    var frequency: String?
    var finishedAt: Date?
    var nextScheduledSyncAt: Date?
    var latestResult: [String: JSONValue]
    var checkpoint: JSONValue

    init(id: String, status: String) {
        self.id = id
        self.status = status
        type = "INITIAL"
        frequency = nil
        finishedAt = nil
        nextScheduledSyncAt = nil
        latestResult = [:]
        checkpoint = .null
    }
}

struct ActionEntry {
    var name: String
    var providerConfigKey: String?
    var description: String
    var handler: @Sendable (JSONValue) async throws -> JSONValue
}

struct AsyncRun {
    var task: Task<Void, Never>?
    var outcome: Result<JSONValue, APIFailure>?
    var connectionID: String
    var providerConfigKey: String
}

struct ProxyRoute {
    var method: HTTPRequest.Method
    var path: String
    var providerConfigKey: String?
    var handler: @Sendable (FakeNango.ProxyCall) async throws -> FakeNango.ProxyReply

    func matches(method: HTTPRequest.Method, path: String, providerConfigKey: String) -> Bool {
        guard method == self.method else { return false }
        if let key = self.providerConfigKey, key != providerConfigKey { return false }
        if self.path.hasSuffix("*") {
            return path.hasPrefix(String(self.path.dropLast()))
        }
        let pattern = self.path.split(separator: "/", omittingEmptySubsequences: true)
        let actual = path.split(separator: "/", omittingEmptySubsequences: true)
        guard pattern.count == actual.count else { return false }
        return zip(pattern, actual).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
    }
}
