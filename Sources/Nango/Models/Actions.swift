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
