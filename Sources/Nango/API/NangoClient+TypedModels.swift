extension NangoClient {
    /// Returns one page of a model's records by the model's type: the model name is the type's
    /// ``NangoModel/nangoModelName`` (`GET /records/`).
    ///
    /// ```swift
    /// let page = try await nango.listRecords(of: GithubIssue.self, providerConfigKey: "github", connectionID: "c1")
    /// ```
    ///
    /// See ``listRecords(providerConfigKey:connectionID:model:as:options:)`` for the options and errors.
    public func listRecords<Record: NangoModel>(
        of type: Record.Type,
        providerConfigKey: String,
        connectionID: String,
        options: ListRecordsOptions = ListRecordsOptions()
    ) async throws -> RecordPage<Record> {
        try await listRecords(
            providerConfigKey: providerConfigKey, connectionID: connectionID, model: Record.nangoModelName,
            as: type, options: options
        )
    }

    /// Every record of a model, by the model's type, as an `AsyncSequence` of pages fetched as it is iterated;
    /// see ``records(providerConfigKey:connectionID:model:as:options:)``.
    ///
    /// ```swift
    /// for try await record in nango.records(of: GithubIssue.self, providerConfigKey: "github", connectionID: "c1") {
    ///     print(record.data.title, record.metadata.cursor)
    /// }
    /// ```
    public func records<Record: NangoModel>(
        of type: Record.Type,
        providerConfigKey: String,
        connectionID: String,
        options: ListRecordsOptions = ListRecordsOptions()
    ) -> NangoPages<NangoRecord<Record>> {
        records(
            providerConfigKey: providerConfigKey, connectionID: connectionID, model: Record.nangoModelName,
            as: type, options: options
        )
    }

    /// Runs a generated action with its typed input and returns its typed output (`POST /action/trigger`); see
    /// ``triggerAction(providerConfigKey:connectionID:action:input:as:)`` for timeouts and errors.
    ///
    /// ```swift
    /// let issue = try await nango.triggerAction(GithubIntegration.Actions.createIssue, connectionID: "c1",
    ///                                           input: CreateIssueInput(owner: "o", repo: "r", title: "Bug"))
    /// ```
    public func triggerAction<Input, Output>(
        _ action: ActionHandle<Input, Output>,
        connectionID: String,
        input: Input
    ) async throws -> Output {
        try await triggerAction(
            providerConfigKey: action.providerConfigKey, connectionID: connectionID, action: action.name,
            input: input, as: Output.self
        )
    }

    /// Runs a generated action that takes no input and returns its typed output.
    public func triggerAction<Output>(
        _ action: ActionHandle<NoInput, Output>,
        connectionID: String
    ) async throws -> Output {
        try await triggerAction(
            providerConfigKey: action.providerConfigKey, connectionID: connectionID, action: action.name, as: Output.self
        )
    }

    /// Starts a generated action in the background with its typed input; fetch the result with
    /// ``getAsyncActionResult(_:as:)`` and the action's `Output` type.
    public func triggerActionAsync<Input, Output>(
        _ action: ActionHandle<Input, Output>,
        connectionID: String,
        input: Input,
        maxRetries: Int? = nil
    ) async throws -> AsyncActionHandle {
        try await triggerActionAsync(
            providerConfigKey: action.providerConfigKey, connectionID: connectionID, action: action.name,
            input: input, maxRetries: maxRetries
        )
    }

    /// Runs generated syncs now (`POST /sync/trigger`); all of them must be of one integration.
    ///
    /// - Parameters:
    ///   - syncs: The syncs; at least one.
    ///   - connectionID: The connection; `nil` means every connection of the integration.
    ///   - mode: Incremental (the default) or a full refresh.
    /// - Throws: ``NangoError`` of kind ``NangoError/Kind/invalidArgument`` for an empty list or syncs of
    ///   different integrations, before anything is sent.
    public func triggerSync(
        _ syncs: [SyncHandle],
        connectionID: String? = nil,
        mode: SyncTriggerMode = .incremental
    ) async throws {
        guard let first = syncs.first else {
            throw NangoError.invalidArgument("syncs must name at least one sync.")
        }
        guard syncs.allSatisfy({ $0.providerConfigKey == first.providerConfigKey }) else {
            throw NangoError.invalidArgument("syncs must all be of one integration.")
        }
        try await triggerSync(
            providerConfigKey: first.providerConfigKey, syncs: syncs.map(\.identifier), connectionID: connectionID,
            mode: mode
        )
    }
}
