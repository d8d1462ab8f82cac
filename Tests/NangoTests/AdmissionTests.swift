import Foundation
@testable import Nango
import Testing

@Suite("Admission gate", .timeLimit(.minutes(1)))
struct AdmissionTests {
    @Test("slots are handed out up to the limit, then first come first served")
    func fifo() async throws {
        let gate = AdmissionGate(limit: 2, ceiling: 4)
        let first = try await gate.acquire(until: nil)
        let second = try await gate.acquire(until: nil)
        #expect(gate.snapshot == (0, 2, 2))
        let order = OrderLog()
        let a = Task {
            let ticket = try await gate.acquire(until: nil)
            order.append(0)
            return ticket
        }
        try await waitUntil { gate.snapshot.waiting == 1 }
        let b = Task {
            let ticket = try await gate.acquire(until: nil)
            order.append(1)
            return ticket
        }
        try await waitUntil { gate.snapshot.waiting == 2 }
        gate.finish(first)
        try await waitUntil { order.values.count == 1 }
        #expect(order.values == [0])
        #expect(gate.snapshot.waiting == 1)
        gate.finish(second)
        try await waitUntil { order.values.count == 2 }
        #expect(order.values == [0, 1])
        gate.finish(try await a.value)
        gate.finish(try await b.value)
        #expect(gate.snapshot == (0, 0, 0))
    }

    @Test("a cancelled waiter leaves the queue at once and never gets a slot")
    func cancelledWaiter() async throws {
        let gate = AdmissionGate(limit: 1, ceiling: 1)
        let held = try await gate.acquire(until: nil)
        let waiter = Task { try await gate.acquire(until: nil) }
        try await waitUntil { gate.snapshot.waiting == 1 }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(gate.snapshot.waiting == 0)
        gate.finish(held)
        #expect(gate.snapshot == (0, 0, 0))
    }

    @Test("an already cancelled task is refused without queueing")
    func cancelledBeforeAcquire() async throws {
        let gate = AdmissionGate(limit: 1, ceiling: 1)
        let held = try await gate.acquire(until: nil)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await gate.acquire(until: nil)
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(gate.snapshot.waiting == 0)
        gate.finish(held)
    }

    @Test("a waiter whose deadline passes fails as a timeout that was never sent")
    func deadline() async throws {
        let gate = AdmissionGate(limit: 1, ceiling: 1)
        let held = try await gate.acquire(until: nil)
        let started = ContinuousClock.now
        let error = await #expect(throws: NangoError.self) { try await gate.acquire(until: .now + .milliseconds(100)) }
        #expect(error?.kind == .timeout)
        #expect(error?.mayHaveBeenSent == false)
        // The slot is never released, so any bound proves the deadline; a loose one tolerates a starved task pool.
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(gate.snapshot.waiting == 0)
        gate.finish(held)
    }

    @Test("a released slot goes to the next waiter while the lingering request still counts toward the ceiling")
    func releaseSlotAndCeiling() async throws {
        let gate = AdmissionGate(limit: 1, ceiling: 2)
        let lingering = try await gate.acquire(until: nil)
        gate.releaseSlot(lingering)
        gate.releaseSlot(lingering)
        #expect(gate.snapshot == (0, 0, 1))
        let second = try await gate.acquire(until: nil)
        gate.releaseSlot(second)
        // Two requests still run: the ceiling is reached though no slot is held.
        let third = Task { try await gate.acquire(until: nil) }
        try await waitUntil { gate.snapshot.waiting == 1 }
        gate.finish(lingering)
        let ticket = try await third.value
        gate.finish(second)
        gate.finish(ticket)
        gate.finish(ticket)
        #expect(gate.snapshot == (0, 0, 0))
    }

    @Test("many waiters racing cancellation and release all end, and the books balance")
    func races() async throws {
        let gate = AdmissionGate(limit: 3, ceiling: 3)
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<400 {
                group.addTask {
                    let task = Task { try await gate.acquire(until: .now + .seconds(5)) }
                    if index % 3 == 0 { task.cancel() }
                    if let ticket = try? await task.value {
                        await Task.yield()
                        gate.finish(ticket)
                    }
                }
            }
        }
        #expect(gate.snapshot == (0, 0, 0))
    }
}

private final class OrderLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Int] = []

    func append(_ value: Int) { lock.withLock { stored.append(value) } }
    var values: [Int] { lock.withLock { stored } }
}
