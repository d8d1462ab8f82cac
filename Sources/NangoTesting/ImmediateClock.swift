import Foundation

/// A clock whose sleeps return at once (after checking for cancellation) and are recorded, so tests of retries
/// and polling run instantly and can assert on the waits.
///
/// ```swift
/// let clock = ImmediateClock()
/// var configuration = NangoClient.Configuration()
/// configuration.clock = clock
/// // ... a call that is retried after `Retry-After: 2` ...
/// #expect(clock.sleeps == [.seconds(2)])
/// ```
public final class ImmediateClock: Clock, @unchecked Sendable {
    // Safety: all mutable state is guarded by `lock`.
    private let lock = NSLock()
    private var current = Instant(offset: .zero)
    private var recordedSleeps: [Duration] = []

    /// An instant of an ``ImmediateClock``: the time elapsed since the clock was made.
    public struct Instant: InstantProtocol, Sendable {
        /// Time since the clock was made.
        public var offset: Duration

        /// Creates an instant.
        public init(offset: Duration) {
            self.offset = offset
        }

        /// The instant `duration` later.
        public func advanced(by duration: Duration) -> Instant {
            Instant(offset: offset + duration)
        }

        /// The duration from this instant to `other`.
        public func duration(to other: Instant) -> Duration {
            other.offset - offset
        }

        /// Orders instants.
        public static func < (lhs: Instant, rhs: Instant) -> Bool {
            lhs.offset < rhs.offset
        }
    }

    /// Creates a clock at offset zero.
    public init() {}

    /// The current instant: zero plus every sleep so far.
    public var now: Instant {
        lock.withLock { current }
    }

    /// Zero.
    public var minimumResolution: Duration { .zero }

    /// Every sleep requested, in order.
    public var sleeps: [Duration] {
        lock.withLock { recordedSleeps }
    }

    /// Records the sleep and advances the clock, without waiting.
    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try Task.checkCancellation()
        lock.withLock {
            recordedSleeps.append(current.duration(to: deadline))
            if deadline > current { current = deadline }
        }
        await Task.yield()
        try Task.checkCancellation()
    }
}
