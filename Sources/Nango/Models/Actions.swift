/// An action started with ``NangoClient/triggerActionAsync(providerConfigKey:connectionID:action:input:maxRetries:)``:
/// pass it to ``NangoClient/getAsyncActionResult(_:as:)`` or ``NangoClient/waitForAsyncActionResult(_:as:pollInterval:timeout:)``.
public struct AsyncActionHandle: Codable, Hashable, Sendable {
    /// The action run's id (a UUID).
    public var id: String
    /// Where its result will be, a path on the Nango host such as `/action/<id>`.
    public var statusURL: String

    /// Creates a handle, for example from an id and status URL stored earlier.
    public init(id: String, statusURL: String) {
        self.id = id
        self.statusURL = statusURL
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case statusURL = "statusUrl"
    }
}

/// The state of an asynchronous action.
public enum AsyncActionResult<Output: Sendable>: Sendable {
    /// Still running (Nango answers 404 until the result exists).
    case pending
    /// Finished with this output.
    case completed(Output)

    /// The output, when the action has completed.
    public var output: Output? {
        if case .completed(let output) = self { return output }
        return nil
    }
}

extension AsyncActionResult: Equatable where Output: Equatable {}
extension AsyncActionResult: Hashable where Output: Hashable {}
