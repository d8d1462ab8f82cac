import Dispatch
import Foundation
import HTTPTypes

/// One timer for every deadline in the process: a min-heap of deadlines served by a single `DispatchSourceTimer`.
///
/// The SDK used to race each attempt against a sleeping task; a cancelled sleep stays queued until its deadline,
/// so memory grew with the call rate times the timeout. Here a deadline is one small heap entry, removed as soon
/// as its call finishes (`cancel`), so nothing outlives a call, and the only thread work is one timer re-armed
/// when the earliest deadline changes.
///
/// Actions run on the timer's serial queue and must be short (resume a continuation, cancel a task).
final class DeadlineTimer: @unchecked Sendable {
    // Safety: the heap is only reachable inside its lock; `timer` is a Dispatch source, whose `schedule` may be
    // called from any thread (here always with the lock held, so re-arming follows the heap's order).

    /// A scheduled deadline; pass it to ``cancel(_:)`` when the work it guards has finished.
    ///
    /// `@unchecked Sendable`: `fireAt` and `action` are immutable; `index` is only read and written by the
    /// owning timer's heap, which lives inside its lock.
    final class Entry: @unchecked Sendable {
        fileprivate let fireAt: UInt64
        fileprivate let action: @Sendable () -> Void
        /// Position in the heap; -1 once fired or cancelled.
        fileprivate var index: Int = -1

        fileprivate init(fireAt: UInt64, action: @escaping @Sendable () -> Void) {
            self.fireAt = fireAt
            self.action = action
        }
    }

    static let shared = DeadlineTimer()

    /// The pending deadlines and what the timer is armed for: reachable only through the lock.
    private let heap = Locked(DeadlineHeap())
    private let queue = DispatchQueue(label: "nango.deadlines")
    private let timer: any DispatchSourceTimer

    init() {
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.setEventHandler { [weak self] in self?.fire() }
        timer.schedule(deadline: .distantFuture)
        timer.resume()
    }

    deinit {
        timer.cancel()
    }

    /// The number of pending deadlines (for tests and benchmarks).
    var pendingCount: Int { heap.withLock { $0.entries.count } }

    /// Runs `action` once `delay` has passed, unless the returned entry is cancelled first.
    func schedule(after delay: Duration, _ action: @escaping @Sendable () -> Void) -> Entry {
        let now = DispatchTime.now().uptimeNanoseconds
        // Ten years is as good as never, and keeps every uptime value far below 2^62 (Dispatch reads bit 63 as a
        // clock flag, and a value there would fire at once, for ever).
        let entry = Entry(fireAt: now &+ UInt64(delay.nanoseconds(cappedAt: .seconds(10 * 365 * 86_400))), action: action)
        heap.withLock { heap in
            heap.insert(entry)
            if heap.armedAt.map({ entry.fireAt < $0 }) ?? true {
                heap.armedAt = entry.fireAt
                timer.schedule(deadline: DispatchTime(uptimeNanoseconds: entry.fireAt))
            }
        }
        return entry
    }

    /// Runs `action` at `deadline` (at once when it has passed), unless the returned entry is cancelled first.
    func schedule(at deadline: ContinuousClock.Instant, _ action: @escaping @Sendable () -> Void) -> Entry {
        schedule(after: deadline - ContinuousClock.now, action)
    }

    /// Removes the entry; its action will not run (unless it is already running). Idempotent.
    func cancel(_ entry: Entry) {
        heap.withLock { heap in
            guard entry.index >= 0 else { return }
            heap.remove(at: entry.index)
            // The timer stays armed; if it fires early it finds nothing due and re-arms for the next entry.
        }
    }

    private func fire() {
        let now = DispatchTime.now().uptimeNanoseconds
        let due = heap.withLock { heap in
            var due: [Entry] = []
            while let first = heap.entries.first, first.fireAt <= now {
                heap.remove(at: 0)
                due.append(first)
            }
            if let next = heap.entries.first {
                heap.armedAt = next.fireAt
                timer.schedule(deadline: DispatchTime(uptimeNanoseconds: next.fireAt))
            } else {
                heap.armedAt = nil
                timer.schedule(deadline: .distantFuture)
            }
            return due
        }
        for entry in due {
            entry.action()
        }
    }
}

/// A min-heap of deadline entries by `fireAt`, each entry knowing its position (so that cancelling is O(log n)).
/// Only ever used inside its timer's lock.
private struct DeadlineHeap: Sendable {
    var entries: [DeadlineTimer.Entry] = []
    /// The uptime (ns) the timer is armed for, or `nil` when it is idle.
    var armedAt: UInt64?

    mutating func insert(_ entry: DeadlineTimer.Entry) {
        entry.index = entries.count
        entries.append(entry)
        siftUp(entry.index)
    }

    mutating func remove(at index: Int) {
        let removed = entries[index]
        removed.index = -1
        let last = entries.removeLast()
        guard index < entries.count else { return }
        entries[index] = last
        last.index = index
        siftDown(index)
        siftUp(last.index)
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].fireAt < entries[parent].fireAt else { return }
            swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < entries.count else { return }
            let right = left + 1
            var smallest = left
            if right < entries.count && entries[right].fireAt < entries[left].fireAt { smallest = right }
            guard entries[smallest].fireAt < entries[parent].fireAt else { return }
            swapAt(parent, smallest)
            parent = smallest
        }
    }

    private mutating func swapAt(_ first: Int, _ second: Int) {
        entries.swapAt(first, second)
        entries[first].index = first
        entries[second].index = second
    }
}

extension Duration {
    /// Whole nanoseconds, from 0 (for a negative duration) up to `maximum`: safe to add to a clock reading.
    func nanoseconds(cappedAt maximum: Duration) -> Int64 {
        let (seconds, attoseconds) = min(max(self, .zero), maximum).components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

/// The limits of one attempt, as the pipeline hands them to a transport that enforces them itself.
struct AttemptLimits: Sendable {
    /// How long the attempt may take once its request is handed to the network; `nil` for no limit.
    var timeout: Duration?
    /// When the whole call must be over: bounds the time spent queued for a connection and the attempt.
    var callDeadline: ContinuousClock.Instant?

    /// The attempt's deadline if it were handed over now: the earlier of the two limits.
    func attemptDeadline(from now: ContinuousClock.Instant = .now) -> ContinuousClock.Instant? {
        switch (timeout.map { now + $0 }, callDeadline) {
        case (let attempt?, let call?): return min(attempt, call)
        case (let attempt?, nil): return attempt
        case (nil, let call): return call
        }
    }

    /// The longest timeout the SDK applies: a year. Longer ones (`.seconds(Int64.max)`) are clamped, so that no
    /// deadline computation can overflow in the SDK, Dispatch or libcurl.
    static let maximumTimeout = Duration.seconds(365 * 86_400)

    /// `duration`, at most ``maximumTimeout``.
    static func clamped(_ duration: Duration) -> Duration {
        min(duration, maximumTimeout)
    }

    /// The error of an attempt whose deadline passed; `sent: false` when it passed before the request was sent.
    static func timeoutError(_ timeout: Duration?, sent: Bool = true) -> NangoError {
        var error = NangoError(
            kind: .timeout,
            message: "No complete response within \(timeout.map { "\($0)" } ?? "the call's deadline")."
        )
        error.mayHaveBeenSent = sent
        return error
    }
}

/// One of the SDK's own transports: it admits requests (its own queue, which cancellation leaves) and enforces
/// each attempt's deadline itself, so the pipeline neither queues nor races it: the attempt's timeout starts when
/// the request leaves the queue.
/// How the client calls its transport for one attempt, decided once when the client is created (a dynamic cast
/// per attempt costs more than the rest of the call's bookkeeping).
enum TransportRoute: Sendable {
    /// Admits and times its requests itself (both of the SDK's transports): given the attempt's limits.
    case admitting(any AdmittingTransport)
    /// Honours a deadline: given the attempt's deadline.
    case honoringDeadlines(any DeadlineHonoringTransport)
    /// Any other: bounded by the client, one timer entry and one task per attempt.
    case plain(any HTTPTransport)

    init(_ transport: any HTTPTransport) {
        if let admitting = transport as? any AdmittingTransport {
            self = .admitting(admitting)
        } else if let honoring = transport as? any DeadlineHonoringTransport {
            self = .honoringDeadlines(honoring)
        } else {
            self = .plain(transport)
        }
    }
}

protocol AdmittingTransport: HTTPTransport {
    func send(_ request: HTTPRequest, body: Data?, limits: AttemptLimits) async throws -> (HTTPResponse, Data)

    /// Requests waiting in the transport's admission queue (for tests).
    var queuedRequestCount: Int { get }
}

/// Runs `operation` in its own task and returns its outcome, or throws `timeoutError` as soon as `deadline`
/// passes (the operation's task is then cancelled). Cancelling the caller cancels the operation and throws
/// `CancellationError` at once, without waiting for the operation to wind down.
///
/// This is how the pipeline bounds a transport that does not enforce deadlines itself (any `HTTPTransport`): one
/// task and one timer entry per attempt, both gone when the attempt ends.
func withDeadline<Value: Sendable>(
    _ deadline: ContinuousClock.Instant,
    timeoutError: @escaping @Sendable () -> any Error,
    _ operation: @escaping @Sendable () async throws -> Value
) async throws -> Value {
    let race = Race<Value>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
            guard race.install(continuation) else { return }
            let task = Task {
                do {
                    race.finish(.success(try await operation()))
                } catch {
                    race.finish(.failure(error))
                }
            }
            let entry = DeadlineTimer.shared.schedule(at: deadline) {
                race.finish(.failure(timeoutError()))
                task.cancel()
            }
            race.attach(task: task, entry: entry)
        }
    } onCancel: {
        race.finish(.failure(CancellationError()))
        race.cancelTask()
    }
}

/// The once-only meeting point of an operation, its deadline and the caller's cancellation.
private final class Race<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value, any Error>?
        /// The outcome when it arrived before the continuation was installed.
        var early: Result<Value, any Error>?
        var finished = false
        var task: Task<Void, Never>?
        var entry: DeadlineTimer.Entry?
    }

    private let state = Locked(State())

    /// Stores the continuation; resumes it at once (and returns false) when the outcome is already known.
    func install(_ continuation: CheckedContinuation<Value, any Error>) -> Bool {
        let early: Result<Value, any Error>? = state.withLock { state in
            if let early = state.early { return early }
            state.continuation = continuation
            return nil
        }
        guard let early else { return true }
        continuation.resume(with: early)
        return false
    }

    func attach(task: Task<Void, Never>, entry: DeadlineTimer.Entry) {
        let finished = state.withLock { state -> Bool in
            state.task = task
            state.entry = entry
            return state.finished
        }
        if finished {
            DeadlineTimer.shared.cancel(entry)
            task.cancel()
        }
    }

    func finish(_ result: Result<Value, any Error>) {
        let (continuation, entry) = state.withLock { state -> (CheckedContinuation<Value, any Error>?, DeadlineTimer.Entry?) in
            guard !state.finished else { return (nil, nil) }
            state.finished = true
            if state.continuation == nil { state.early = result }
            defer { state.continuation = nil }
            return (state.continuation, state.entry)
        }
        if let entry { DeadlineTimer.shared.cancel(entry) }
        continuation?.resume(with: result)
    }

    func cancelTask() {
        state.withLock { $0.task }?.cancel()
    }
}
