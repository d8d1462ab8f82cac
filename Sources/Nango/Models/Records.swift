public import Foundation
import NangoJSON

/// One synced record: your model (``data``) and Nango's bookkeeping (``metadata``, from `_nango_metadata`).
///
/// ```swift
/// struct Contact: Codable, Sendable { let id: String; let email: String? }
/// for record in page.records where record.metadata.lastAction != .deleted {
///     save(record.data)
/// }
/// ```
///
/// `Record` is decoded from the whole record object, so it may declare any of its fields (and ignores
/// `_nango_metadata`). Use ``JSONValue`` for untyped records.
public struct NangoRecord<Record: Sendable>: Sendable {
    /// Your record, decoded from the record object.
    public var data: Record
    /// Nango's bookkeeping for the record.
    public var metadata: RecordMetadata

    /// Creates a record.
    public init(data: Record, metadata: RecordMetadata) {
        self.data = data
        self.metadata = metadata
    }
}

/// The one key a record envelope adds to your record's fields.
private enum RecordEnvelopeKeys: String, CodingKey {
    case metadata = "_nango_metadata"
}

extension NangoRecord: Decodable where Record: Decodable {
    /// Decodes `Record` from the object and ``RecordMetadata`` from its `_nango_metadata`.
    public init(from decoder: any Decoder) throws {
        if let engine = IndexDecoder.engine(decoder) {
            // Straight from the index: the metadata by its generated reader, no keyed container.
            let object = try IndexObjectReader(engine, decoding: NangoRecord.self)
            let node = object.node(RecordEnvelopeKeys.metadata.rawValue) ?? -1
            let metadata = try object.requiredNested(node, "_nango_metadata", RecordMetadata.init(reading:))
            self.init(data: try Record(from: decoder), metadata: metadata)
            return
        }
        let container = try decoder.container(keyedBy: RecordEnvelopeKeys.self)
        let metadata = try container.decode(RecordMetadata.self, forKey: .metadata)
        self.init(data: try Record(from: decoder), metadata: metadata)
    }
}

extension NangoRecord: Encodable where Record: Encodable {
    /// Encodes the record's fields with `_nango_metadata` beside them (`Record` must encode as an object).
    public func encode(to encoder: any Encoder) throws {
        try data.encode(to: encoder)
        var container = encoder.container(keyedBy: RecordEnvelopeKeys.self)
        try container.encode(metadata, forKey: .metadata)
    }
}

extension NangoRecord: Equatable where Record: Equatable {}
extension NangoRecord: Hashable where Record: Hashable {}

/// The last change to a record. An open set; values are uppercased, so `added` and `ADDED` compare equal.
public struct RecordAction: OpenEnumeration {
    /// The action, uppercased.
    public let rawValue: String

    /// Wraps an action, uppercasing it.
    public init(rawValue: String) { self.rawValue = rawValue.uppercased() }

    /// `ADDED`.
    public static let added: RecordAction = "ADDED"
    /// `UPDATED`.
    public static let updated: RecordAction = "UPDATED"
    /// `DELETED`.
    public static let deleted: RecordAction = "DELETED"
}

/// Which changes ``NangoClient/listRecords(providerConfigKey:connectionID:model:as:options:)`` returns; sent as
/// `filter=added,updated`.
public struct RecordFilter: OptionSet, Hashable, Sendable {
    /// The bits.
    public let rawValue: Int

    /// Creates a filter from bits.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Records added.
    public static let added = RecordFilter(rawValue: 1 << 0)
    /// Records updated.
    public static let updated = RecordFilter(rawValue: 1 << 1)
    /// Records deleted.
    public static let deleted = RecordFilter(rawValue: 1 << 2)

    /// `added,updated,deleted` (those present, in that order).
    var queryValue: String {
        [(RecordFilter.added, "added"), (.updated, "updated"), (.deleted, "deleted")]
            .filter { contains($0.0) }
            .map(\.1)
            .joined(separator: ",")
    }
}

/// Options of ``NangoClient/listRecords(providerConfigKey:connectionID:model:as:options:)`` and
/// ``NangoClient/records(providerConfigKey:connectionID:model:as:options:)``.
public struct ListRecordsOptions: Sendable, Hashable {
    /// The model's variant (`nil` for the base one).
    public var variant: String?
    /// Start after this position: a page's `nextCursor`, or a record's `metadata.cursor` saved earlier (more
    /// precise than ``modifiedAfter``).
    public var cursor: String?
    /// Only records changed after this instant (sent in UTC with `Z`; Nango accepts the last 365 days).
    public var modifiedAfter: Date?
    /// The page size, 1–10,000 (Nango's default: 100). A page may hold fewer records: it is not the end
    /// until `nextCursor` is `nil`.
    public var limit: Int?
    /// Only records whose last change is one of these.
    public var filter: RecordFilter?
    /// Only records with these ids (at most 100).
    public var ids: [String]
    /// The deprecated name of ``modifiedAfter``, sent as `modified_after` when ``modifiedAfter`` is `nil`.
    @available(*, deprecated, renamed: "modifiedAfter")
    public var delta: Date? {
        get { deprecatedDelta }
        set { deprecatedDelta = newValue }
    }

    var deprecatedDelta: Date?

    /// Creates options; every one defaults to none.
    public init(
        variant: String? = nil,
        cursor: String? = nil,
        modifiedAfter: Date? = nil,
        limit: Int? = nil,
        filter: RecordFilter? = nil,
        ids: [String] = []
    ) {
        self.variant = variant
        self.cursor = cursor
        self.modifiedAfter = modifiedAfter
        self.limit = limit
        self.filter = filter
        self.ids = ids
    }
}

/// One page of records.
public struct RecordPage<Record: Sendable>: Sendable {
    /// The records, oldest change first.
    public var records: [NangoRecord<Record>]
    /// Records whose payload was emptied by pruning and no longer decodes as `Record` (a record type with
    /// required fields): their metadata and whatever payload is left, as JSON. Pruned records that still decode
    /// are in ``records``.
    public var prunedRecords: [NangoRecord<JSONValue>]
    /// The cursor of the next page; `nil` on the last page.
    public var nextCursor: String?

    /// Creates a page.
    public init(records: [NangoRecord<Record>], prunedRecords: [NangoRecord<JSONValue>] = [], nextCursor: String?) {
        self.records = records
        self.prunedRecords = prunedRecords
        self.nextCursor = nextCursor
    }
}

extension RecordPage: Decodable where Record: Decodable {
    private enum CodingKeys: String, CodingKey {
        case records
        case nextCursor = "next_cursor"
    }

    /// Decodes a page; an empty `next_cursor` counts as none. Records that no longer fit `Record` because
    /// they were pruned go to ``prunedRecords``; any other record that does not fit throws.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var records: [NangoRecord<Record>] = []
        var pruned: [NangoRecord<JSONValue>] = []
        var elements = try container.nestedUnkeyedContainer(forKey: .records)
        if let count = elements.count { records.reserveCapacity(count) }
        while !elements.isAtEnd {
            switch try elements.decode(PageElement<Record>.self) {
            case .record(let record): records.append(record)
            case .pruned(let record): pruned.append(record)
            }
        }
        self.records = records
        self.prunedRecords = pruned
        nextCursor = try RecordPageCursor(from: decoder).nextCursor
    }
}

/// The page's `next_cursor` alone (an empty one counts as none), for a page whose records were decoded apart.
private struct RecordPageCursor: Decodable {
    var nextCursor: String?

    private enum CodingKeys: String, CodingKey {
        case nextCursor = "next_cursor"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let cursor = try container.decodeIfPresent(String.self, forKey: .nextCursor)
        nextCursor = cursor?.isEmpty == true ? nil : cursor
    }
}

extension RecordPage where Record: Decodable {
    /// Decodes a parsed page as `decoding` says: with ``PageDecoding/parallel``, a page of at least 256 records
    /// (all objects) has them decoded in chunks by child tasks of the calling task (bounded for the whole
    /// process, cancellable, with the caller's task-locals); anything else, or a page where a record does not fit
    /// `Record` (a pruned record, or an error to report with its exact path), is decoded serially on the calling
    /// task. The result is the same either way.
    static func decode(
        from document: JSONIndex,
        using decoding: PageDecoding,
        context: @autoclosure () -> NangoCoding.Context
    ) async throws -> RecordPage {
        if decoding == .parallel {
            do {
                if let records = try await document.decodeElementsInParallel(
                    NangoRecord<Record>.self, member: CodingKeys.records.rawValue, options: NangoCoding.engineOptions
                ) {
                    let cursor = try NangoCoding.decode(RecordPageCursor.self, from: document, context: context())
                    return RecordPage(records: records, nextCursor: cursor.nextCursor)
                }
            } catch is CancellationError {
                throw CancellationError()
            } catch where Task.isCancelled {
                throw CancellationError()
            } catch {
                // A record that does not fit: the serial decode below sorts pruned records out, or throws the
                // first record's error with its coding path, as a serial decode of the page always does.
            }
        }
        ParallelDecoding.observer?.report(.serial)
        return try NangoCoding.decode(RecordPage.self, from: document, context: context())
    }
}

/// One element of a page: the user's record, or a pruned record that no longer fits its type.
private enum PageElement<Record: Decodable & Sendable>: Decodable, Sendable {
    case record(NangoRecord<Record>)
    case pruned(NangoRecord<JSONValue>)

    init(from decoder: any Decoder) throws {
        do {
            self = .record(try NangoRecord<Record>(from: decoder))
        } catch let error as DecodingError {
            let untyped = try NangoRecord<JSONValue>(from: decoder)
            guard untyped.metadata.prunedAt != nil else { throw error }
            self = .pruned(untyped)
        }
    }
}
