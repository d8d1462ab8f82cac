import Foundation
import HTTPTypes
@testable import Nango
import NangoTesting
import Testing

@Suite("Deadlines", .timeLimit(.minutes(1)))
struct DeadlinesTests {
    @Test("entries fire in deadline order; a cancelled entry never fires and leaves nothing behind")
    func timerOrder() async throws {
        let timer = DeadlineTimer()
        let fired = FiredLog()
        let late = timer.schedule(after: .milliseconds(120)) { fired.append("late") }
        _ = timer.schedule(after: .milliseconds(40)) { fired.append("early") }
        let cancelled = timer.schedule(after: .milliseconds(60)) { fired.append("cancelled") }
        _ = timer.schedule(after: .milliseconds(-5)) { fired.append("past") }
        timer.cancel(cancelled)
        timer.cancel(cancelled)
        try await waitUntil { fired.values.count == 3 }
        #expect(fired.values == ["past", "early", "late"])
        #expect(timer.pendingCount == 0)
        timer.cancel(late)
    }

    @Test("ten thousand scheduled and cancelled deadlines leave the heap empty")
    func noRetention() {
        let timer = DeadlineTimer()
        var entries: [DeadlineTimer.Entry] = []
        for index in 0..<10_000 {
            entries.append(timer.schedule(after: .seconds(30 + index % 7)) {})
            if index % 3 == 0 { timer.cancel(entries.removeFirst()) }
        }
        #expect(timer.pendingCount == entries.count)
        for entry in entries.shuffled() { timer.cancel(entry) }
        #expect(timer.pendingCount == 0)
    }

    @Test("withDeadline returns the operation's result, or a timeout at the deadline without waiting for it")
    func raceOutcomes() async throws {
        let value = try await withDeadline(.now + .seconds(5), timeoutError: { NangoError(kind: .timeout, message: "t") }) { 42 }
        #expect(value == 42)

        let started = ContinuousClock.now
        let error = await #expect(throws: NangoError.self) {
            try await withDeadline(.now + .milliseconds(100), timeoutError: { NangoError(kind: .timeout, message: "t") }) {
                // Ignores cancellation on purpose: the caller must not wait for it.
                try? await Task.sleep(for: .seconds(20))
                return 1
            }
        }
        #expect(error?.kind == .timeout)
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("cancelling the caller ends withDeadline at once with CancellationError")
    func callerCancelled() async throws {
        let task = Task {
            try await withDeadline(.now + .seconds(30), timeoutError: { NangoError(kind: .timeout, message: "t") }) {
                try await Task.sleep(for: .seconds(30))
                return 1
            }
        }
        try await Task.sleep(for: .milliseconds(50))
        let started = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        // Far below the 30 s sleep; not tighter, as a loaded 2-core machine can stall the task pool.
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test("a transport that ignores cancellation is still answered at the attempt's deadline")
    func stubbornTransport() async throws {
        let nango = try NangoClient(secretKey: canaryKey, configuration: {
            var configuration = NangoClient.Configuration()
            configuration.timeout = .milliseconds(150)
            configuration.retry = .none
            return configuration
        }(), transport: StubbornTransport())
        let started = ContinuousClock.now
        let error = await #expect(throws: NangoError.self) { try await nango.listConnections() }
        #expect(error?.kind == .timeout)
        // Far below the transport's 20 s; not tighter, as CPU-heavy tests running beside this one on a 2-core
        // machine can hold the task pool for seconds.
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("a deadline-honouring transport (MockTransport) is given the attempt's deadline")
    func genericTransportTimeout() async throws {
        let mock = MockTransport()
        mock.enqueue(.delayed(.seconds(30), .json(#"{"connections":[]}"#)))
        let nango = try makeClient(mock) {
            $0.timeout = .milliseconds(150)
            $0.retry = .none
        }
        let started = ContinuousClock.now
        let error = await #expect(throws: NangoError.self) { try await nango.listConnections() }
        #expect(error?.kind == .timeout)
        #expect(ContinuousClock.now - started < .seconds(10))
    }
}

/// Answers after twenty seconds whatever happens: cancellation does not stop it.
private struct StubbornTransport: HTTPTransport {
    func send(_ request: HTTPRequest, body: Data?) async throws -> (HTTPResponse, Data) {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().asyncAfter(deadline: .now() + 20) { continuation.resume() }
        }
        return (HTTPResponse(status: .ok), Data(#"{"connections":[]}"#.utf8))
    }
}

private final class FiredLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    func append(_ value: String) { lock.withLock { stored.append(value) } }
    var values: [String] { lock.withLock { stored } }
}
