import Foundation

/// A value guarded by a lock. Used for the little shared mutable state the SDK has (transport bookkeeping).
///
/// `Synchronization.Mutex` would do, but it needs macOS 15; this works on every supported platform.
final class Locked<Value>: @unchecked Sendable {
    // Safety: every access to `value` happens while holding `lock`.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
