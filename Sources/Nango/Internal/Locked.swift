import Foundation

/// A value guarded by a lock. Used for the little shared mutable state the SDK has (transport bookkeeping).
///
/// The Synchronization module's lock would do, but it needs macOS 15; this works on every supported platform. Like a
/// mutex, it is `Sendable` only when `Value` is: the lock orders accesses, it does not make a non-`Sendable`
/// value safe to share.
final class Locked<Value> {
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

// Safety: every access to `value` happens while holding `lock`, and `Value` itself may cross threads.
extension Locked: @unchecked Sendable where Value: Sendable {}
