/// Repeats a check on the configuration's clock until it yields a value, the attempts or the time run out, or
/// the task is cancelled. Waiting on the injected clock keeps tests instant and deterministic.
enum Polling {
    /// Returns the first non-`nil` result of `check`, or `nil` when `maximumAttempts` checks or `timeout` (measured
    /// on `clock`) were used up. `interval(n)` is the wait after check `n` (from 0).
    static func poll<Value, C: Clock>(
        clock: C,
        maximumAttempts: Int?,
        timeout: Duration?,
        interval: (Int) -> Duration,
        _ check: (Int) async throws -> Value?
    ) async throws -> Value? where C.Duration == Duration {
        let start = clock.now
        var attempt = 0
        while true {
            try Task.checkCancellation()
            if let value = try await check(attempt) { return value }
            let wait = interval(attempt)
            attempt += 1
            if let maximumAttempts, attempt >= maximumAttempts { return nil }
            if let timeout, start.duration(to: clock.now) + wait > timeout { return nil }
            try await clock.sleep(for: wait)
        }
    }
}
