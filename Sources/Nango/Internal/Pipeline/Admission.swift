/// Admission control in front of a transport that cannot withdraw a request once it has been handed one
/// (`URLSession`: a task queued behind its per-host connection limit is sent later even if abandoned).
///
/// The gate hands out at most `limit` slots; a request waits for one in the gate's own queue, where cancellation
/// or the call's deadline removes it, so a call cancelled while queued is never sent. A slot is held from
/// hand-over until the request finishes, or until its attempt deadline passes if it was abandoned (cancelled or
/// timed out) and is still running: abandoned work never starves healthy calls for longer than its own timeout.
/// Such lingering requests still count against `ceiling`, the number of requests the transport may have running
/// at all, which is set no higher than the transport's own connection limit, so the transport never queues.
final class AdmissionGate: Sendable {
    /// One admitted request's claim on the gate.
    final class Ticket: Sendable {
        fileprivate let state = Locked((holdsSlot: true, running: true))
    }

    private struct Waiter {
        var continuation: CheckedContinuation<Ticket, any Error>?
        var entry: DeadlineTimer.Entry?
    }

    private struct State {
        var holding = 0
        var running = 0
        var nextID: UInt64 = 0
        /// Waiter ids in arrival order; ids no longer in `waiters` (cancelled, timed out) are skipped.
        var order: [UInt64] = []
        var head = 0
        var waiters: [UInt64: Waiter] = [:]
    }

    let limit: Int
    let ceiling: Int
    private let state = Locked(State())

    init(limit: Int, ceiling: Int) {
        self.limit = max(1, limit)
        self.ceiling = max(self.limit, ceiling)
    }

    /// Requests waiting in the queue, slots held, and requests running (for tests).
    var snapshot: (waiting: Int, holding: Int, running: Int) {
        state.withLock { state in
            (state.waiters.values.filter { $0.continuation != nil }.count, state.holding, state.running)
        }
    }

    /// Waits for a slot. Throws `CancellationError` when the task is cancelled while waiting, or a timeout
    /// ``NangoError`` (that says the request was never sent) when `deadline` passes first.
    func acquire(until deadline: ContinuousClock.Instant?) async throws -> Ticket {
        let fast = state.withLock { state -> Ticket? in
            guard state.head == state.order.count, state.holding < limit, state.running < ceiling else { return nil }
            state.holding += 1
            state.running += 1
            return Ticket()
        }
        if let fast { return fast }
        try Task.checkCancellation()

        // Registered before the continuation exists, so a cancellation that comes first finds it and removes it.
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            state.waiters[state.nextID] = Waiter()
            return state.nextID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Ticket, any Error>) in
                let enqueued = state.withLock { state -> Bool in
                    guard state.waiters[id] != nil else { return false }
                    state.waiters[id]?.continuation = continuation
                    state.order.append(id)
                    return true
                }
                guard enqueued else {
                    continuation.resume(throwing: CancellationError())
                    return
                }
                if let deadline {
                    let entry = DeadlineTimer.shared.schedule(at: deadline) { [self] in
                        withdraw(id, error: Self.queueTimeout(limit: limit))
                    }
                    let stillWaiting = state.withLock { state -> Bool in
                        guard state.waiters[id] != nil else { return false }
                        state.waiters[id]?.entry = entry
                        return true
                    }
                    if !stillWaiting { DeadlineTimer.shared.cancel(entry) }
                }
                // A slot may have come free between the fast path and the enqueue.
                grantWaiters()
            }
        } onCancel: {
            withdraw(id, error: CancellationError())
        }
    }

    /// Gives up the slot but keeps counting the request as running (its deadline passed while it lingers).
    func releaseSlot(_ ticket: Ticket) {
        let released = ticket.state.withLock { claim -> Bool in
            guard claim.holdsSlot else { return false }
            claim.holdsSlot = false
            return true
        }
        guard released else { return }
        state.withLock { $0.holding -= 1 }
        grantWaiters()
    }

    /// The request is over: frees its slot (if still held) and its place among the running requests. Idempotent.
    func finish(_ ticket: Ticket) {
        let (slot, running) = ticket.state.withLock { claim -> (Bool, Bool) in
            defer { claim = (false, false) }
            return (claim.holdsSlot, claim.running)
        }
        guard slot || running else { return }
        state.withLock { state in
            if slot { state.holding -= 1 }
            if running { state.running -= 1 }
        }
        grantWaiters()
    }

    /// Removes a waiter (cancelled or timed out) and resumes it with `error`.
    private func withdraw(_ id: UInt64, error: any Error) {
        let waiter = state.withLock { state -> Waiter? in
            let waiter = state.waiters.removeValue(forKey: id)
            // Withdrawn ids stay in `order` until a grant skips them; while the gate is full, drop them here so
            // that a long stretch of cancellations cannot grow the queue.
            if state.order.count - state.head > 2 * state.waiters.count + 64 {
                state.order = state.order[state.head...].filter { state.waiters[$0] != nil }
                state.head = 0
            }
            return waiter
        }
        guard let waiter else { return }
        if let entry = waiter.entry { DeadlineTimer.shared.cancel(entry) }
        waiter.continuation?.resume(throwing: error)
    }

    /// Hands free slots to waiters, first come first served.
    private func grantWaiters() {
        while true {
            let granted = state.withLock { state -> (Waiter, Ticket)? in
                guard state.holding < limit, state.running < ceiling else { return nil }
                while state.head < state.order.count {
                    let id = state.order[state.head]
                    state.head += 1
                    if let waiter = state.waiters.removeValue(forKey: id), waiter.continuation != nil {
                        state.holding += 1
                        state.running += 1
                        compact(&state)
                        return (waiter, Ticket())
                    }
                }
                compact(&state)
                return nil
            }
            guard let (waiter, ticket) = granted else { return }
            if let entry = waiter.entry { DeadlineTimer.shared.cancel(entry) }
            waiter.continuation?.resume(returning: ticket)
        }
    }

    private func compact(_ state: inout State) {
        if state.head == state.order.count {
            state.order.removeAll(keepingCapacity: true)
            state.head = 0
        } else if state.head > 64 && state.head * 2 > state.order.count {
            state.order.removeFirst(state.head)
            state.head = 0
        }
    }

    private static func queueTimeout(limit: Int) -> NangoError {
        var error = NangoError(
            kind: .timeout,
            message: "The call's deadline passed while it waited for one of the transport's \(limit) connections; it was never sent."
        )
        error.mayHaveBeenSent = false
        return error
    }
}

/// One ``AdmissionGate`` per origin (`scheme://host:port`), since connection limits are per host.
final class AdmissionGates: Sendable {
    let limit: Int
    let ceiling: Int
    private let gates = Locked([String: AdmissionGate]())

    /// Requests waiting in the queues of every origin (for tests).
    var waitingCount: Int {
        gates.withLock { $0.values.reduce(0) { $0 + $1.snapshot.waiting } }
    }

    init(limit: Int, ceiling: Int) {
        self.limit = limit
        self.ceiling = ceiling
    }

    func gate(for origin: String) -> AdmissionGate {
        gates.withLock { gates in
            if let gate = gates[origin] { return gate }
            let gate = AdmissionGate(limit: limit, ceiling: ceiling)
            gates[origin] = gate
            return gate
        }
    }
}
