public import Foundation
import NangoJSON
import HTTPTypes

extension NangoClient {
    /// Returns one page of a model's synced records (`GET /records/`).
    ///
    /// ```swift
    /// let page = try await nango.listRecords(providerConfigKey: "hubspot", connectionID: "c1", model: "Contact",
    ///                                        as: Contact.self, options: .init(modifiedAfter: checkpoint, limit: 500))
    /// ```
    ///
    /// Pass `page.nextCursor` as the next call's `cursor` until it is `nil`, or iterate
    /// ``records(providerConfigKey:connectionID:model:as:options:)``, which does that for you. The connection and
    /// integration travel as the `Connection-Id` and `Provider-Config-Key` headers, as the Node SDK sends them.
    ///
    /// - Throws: ``NangoError`` of kind ``NangoError/Kind/invalidArgument`` for an empty model, id or cursor, a
    ///   limit outside 1–10,000, an empty filter, or more than 100 ids, before anything is sent.
    public func listRecords<Record: Decodable & Sendable>(
        providerConfigKey: String,
        connectionID: String,
        model: String,
        as type: Record.Type,
        options: ListRecordsOptions
    ) async throws -> RecordPage<Record> {
        let request = try recordsRequest(providerConfigKey, connectionID, model, options)
        let raw = try await send(request)
        let decodingContext = context(of: raw, operation: request.operation)
        let document = try NangoCoding.parse(raw.body, as: RecordPage<Record>.self, context: decodingContext)
        return try await RecordPage<Record>.decode(
            from: document, using: configuration.pageDecoding, context: decodingContext
        )
    }

    /// Returns one page of a model's synced records, with labelled options; see
    /// ``listRecords(providerConfigKey:connectionID:model:as:options:)``.
    ///
    /// ```swift
    /// let page = try await nango.listRecords(providerConfigKey: "hubspot", connectionID: "c1", model: "Contact",
    ///                                        as: Contact.self, modifiedAfter: checkpoint, limit: 500)
    /// ```
    public func listRecords<Record: Decodable & Sendable>(
        providerConfigKey: String,
        connectionID: String,
        model: String,
        as type: Record.Type,
        variant: String? = nil,
        cursor: String? = nil,
        modifiedAfter: Date? = nil,
        limit: Int? = nil,
        filter: RecordFilter? = nil,
        ids: [String] = []
    ) async throws -> RecordPage<Record> {
        try await listRecords(
            providerConfigKey: providerConfigKey,
            connectionID: connectionID,
            model: model,
            as: type,
            options: ListRecordsOptions(
                variant: variant, cursor: cursor, modifiedAfter: modifiedAfter, limit: limit, filter: filter, ids: ids
            )
        )
    }

    /// Returns one page of a model's synced records as untyped JSON.
    public func listRecords(
        providerConfigKey: String,
        connectionID: String,
        model: String,
        options: ListRecordsOptions = ListRecordsOptions()
    ) async throws -> RecordPage<JSONValue> {
        try await listRecords(
            providerConfigKey: providerConfigKey, connectionID: connectionID, model: model, as: JSONValue.self, options: options
        )
    }

    /// Every record of a model, as an `AsyncSequence` that fetches one page at a time until `next_cursor` is
    /// `null`, with the same options on every page (see ``NangoPages``).
    ///
    /// ```swift
    /// for try await record in nango.records(providerConfigKey: "hubspot", connectionID: "c1", model: "Contact", as: Contact.self) {
    ///     save(record.data, cursor: record.metadata.cursor)
    /// }
    /// ```
    ///
    /// Invalid arguments surface as ``NangoError`` when iteration starts.
    public func records<Record: Decodable & Sendable>(
        providerConfigKey: String,
        connectionID: String,
        model: String,
        as type: Record.Type,
        options: ListRecordsOptions = ListRecordsOptions()
    ) -> NangoPages<NangoRecord<Record>> {
        NangoPages(start: .init(cursor: options.cursor, page: 0), fetchPage: { position in
            var pageOptions = options
            pageOptions.cursor = position.cursor
            let request = try recordsRequest(providerConfigKey, connectionID, model, pageOptions)
            let raw = try await send(request)
            let decodingContext = context(of: raw, operation: request.operation)
            let body = raw.body
            // Kept as bytes until the iterator reaches the page; then parsed (the next cursor is read at once, so
            // the next request goes out), and its records decoded. The index holds its own copy of the bytes.
            return .init {
                let document = try NangoCoding.parse(body, as: RecordPage<Record>.self, context: decodingContext)
                let next = document.rootStringMember("next_cursor").flatMap { $0.isEmpty ? nil : $0 }
                // A position is the cursor alone, so a cursor the server repeats is recognised.
                return .init(next: next.map { .init(cursor: $0, page: 0) }) {
                    try await RecordPage<Record>.decode(
                        from: document, using: configuration.pageDecoding, context: decodingContext
                    ).records
                }
            }
        })
    }

    /// Empties the payload of a model's records up to and including `untilCursor`, keeping their metadata
    /// (`PATCH /records/prune`). Call again while the result's `hasMore` is `true`.
    public func pruneRecords(
        providerConfigKey: String,
        connectionID: String,
        model: String,
        untilCursor: String,
        variant: String? = nil,
        limit: Int? = nil
    ) async throws -> PruneResult {
        try Validate.identifier(providerConfigKey, "providerConfigKey")
        try Validate.identifier(connectionID, "connectionID")
        try Validate.identifier(model, "model")
        guard !untilCursor.isEmpty else { throw NangoError.invalidArgument("untilCursor must not be empty.") }
        if let variant { try Validate.identifier(variant, "variant") }
        if let limit, !(1...10_000).contains(limit) {
            throw NangoError.invalidArgument("limit must be between 1 and 10000 (got \(limit)).")
        }
        var body: [String: JSONValue] = ["model": .string(model), "until_cursor": .string(untilCursor)]
        if let limit { body["limit"] = .int(Int64(limit)) }
        if let variant { body["variant"] = .string(variant) }
        // Pruning up to the same cursor twice leaves the same state, so this may be retried.
        var request = APIRequest(
            .patch,
            [.literal("records"), .literal("prune")],
            headers: try HTTPFields.connection(providerConfigKey, connectionID),
            idempotent: true
        )
        try request.setJSONBody(JSONValue.object(body))
        return try await send(request)
    }

    private func recordsRequest(
        _ providerConfigKey: String,
        _ connectionID: String,
        _ model: String,
        _ options: ListRecordsOptions
    ) throws -> APIRequest {
        try Validate.identifier(providerConfigKey, "providerConfigKey")
        try Validate.identifier(connectionID, "connectionID")
        try Validate.identifier(model, "model")
        var query: [APIRequest.QueryItem] = [.init("model", model)]
        if let variant = options.variant {
            try Validate.identifier(variant, "variant")
            query.append(.init("variant", variant))
        }
        if let modifiedAfter = options.modifiedAfter ?? options.deprecatedDelta {
            guard ISO8601.isRepresentable(modifiedAfter) else {
                throw NangoError.invalidArgument("modifiedAfter is not a representable date.")
            }
            query.append(.init("modified_after", ISO8601.format(modifiedAfter)))
        }
        if let limit = options.limit {
            guard (1...10_000).contains(limit) else {
                throw NangoError.invalidArgument("limit must be between 1 and 10000 (got \(limit)).")
            }
            query.append(.init("limit", String(limit)))
        }
        if let filter = options.filter {
            guard !filter.isEmpty else { throw NangoError.invalidArgument("filter must name at least one change.") }
            query.append(.init("filter", filter.queryValue))
        }
        if let cursor = options.cursor {
            guard !cursor.isEmpty else { throw NangoError.invalidArgument("cursor must not be empty; pass nil to start.") }
            query.append(.init("cursor", cursor))
        }
        guard options.ids.count <= 100 else {
            throw NangoError.invalidArgument("At most 100 ids can filter records (got \(options.ids.count)).")
        }
        for id in options.ids {
            guard !id.isEmpty else { throw NangoError.invalidArgument("A record id must not be empty.") }
            query.append(.init("ids", id))
        }
        // The Node SDK requests `/records/` (with the slash, hence the empty last segment); Nango serves both.
        return APIRequest(
            .get,
            [.literal("records"), .literal("")],
            query: query,
            headers: try HTTPFields.connection(providerConfigKey, connectionID)
        )
    }
}
