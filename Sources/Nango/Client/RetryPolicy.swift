import Foundation

/// When and how the client retries a failed attempt.
///
/// What is retried (never anything else):
/// - A request that never left (connection refused, name resolution failed): any method.
/// - HTTP 429 from Nango: any method, because a rate-limited request was not processed. The wait honours
///   `Retry-After` (seconds or an HTTP date), capped at ``maximumRetryAfter``.
/// - HTTP 502, 503 and 504, a dropped connection and an attempt timeout: **idempotent calls only** (reads,
///   deletes, metadata writes, ...). A non-idempotent call (trigger an action, trigger a sync, import a
///   connection, create a session) is never repeated once its bytes may have reached the server.
/// - Never a 4xx other than 429, and never an error status relayed from an external API through the proxy
///   (ask Nango to retry those with the proxy's `retries` option).
///
/// Between attempts the client waits with exponential backoff and jitter: attempt *n* waits between half and
/// all of `min(initialBackoff × 2^(n-1), maximumBackoff)`. No wait extends past the call's total timeout.
public struct RetryPolicy: Sendable, Hashable {
    /// The most attempts for one call, the first included. `1` disables retries.
    public var maximumAttempts: Int
    /// The backoff before the second attempt.
    public var initialBackoff: Duration
    /// The longest backoff.
    public var maximumBackoff: Duration
    /// The longest `Retry-After` the client waits for; a longer one ends the call with the 429 error (whose
    /// ``NangoError/retryAfter`` says how long the server asked for).
    public var maximumRetryAfter: Duration

    /// Creates a policy.
    public init(
        maximumAttempts: Int = 3,
        initialBackoff: Duration = .milliseconds(500),
        maximumBackoff: Duration = .seconds(10),
        maximumRetryAfter: Duration = .seconds(60)
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.maximumRetryAfter = maximumRetryAfter
    }

    /// 3 attempts, 0.5 s initial backoff doubling up to 10 s, `Retry-After` honoured up to 60 s.
    public static let `default` = RetryPolicy()

    /// One attempt, no retries.
    public static let none = RetryPolicy(maximumAttempts: 1)

    /// The wait before attempt `attempt` (2 for the first retry), with jitter from `random` in `0...1`.
    func backoff(beforeAttempt attempt: Int, random: Double) -> Duration {
        // In seconds as a Double, so that no configuration can overflow `Duration` arithmetic.
        let exponent = Double(min(max(attempt - 2, 0), 62))
        let full = min(initialBackoff.seconds * pow(2, exponent), maximumBackoff.seconds)
        let seconds = max(0, full) * (0.5 + 0.5 * min(max(random, 0), 1))
        return .milliseconds(Int64(min(seconds, 86_400) * 1000))
    }
}
