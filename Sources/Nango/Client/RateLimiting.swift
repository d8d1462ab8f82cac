/// Whether a client holds calls back when Nango's rate-limit window is exhausted
/// (``NangoClient/Configuration-swift.struct/rateLimiting``).
///
/// Nango reports its window on every response (`X-RateLimit-Limit`, `X-RateLimit-Remaining`,
/// `X-RateLimit-Reset`; see ``NangoRateLimit``). With ``waitWhenExhausted(maximumWait:)`` the client counts the
/// calls it sends against the last window reported and, once none are left, waits for the window to reset
/// before sending (instead of sending calls certain to get a 429). A wait longer than `maximumWait` or than the
/// call's ``NangoClient/Configuration-swift.struct/totalTimeout`` fails at once with
/// ``NangoError/Kind/rateLimited``, having sent nothing.
///
/// ```swift
/// var configuration = NangoClient.Configuration()
/// configuration.rateLimiting = .waitWhenExhausted(maximumWait: .seconds(30))
/// ```
///
/// The window is shared by a client and the clients derived from it with
/// ``NangoClient/withConfiguration(_:)``; separate clients (or processes) on the same key each keep their own.
public struct RateLimiting: Sendable, Hashable {
    /// Whether the client waits when the window is exhausted.
    public var isEnabled: Bool
    /// The longest a call waits for the window to reset.
    public var maximumWait: Duration

    /// Sends every call at once, whatever the window says (the default; a 429 is still retried by the
    /// ``RetryPolicy``).
    public static let off = RateLimiting(isEnabled: false, maximumWait: .zero)

    /// Waits, up to `maximumWait`, for an exhausted window to reset before sending.
    public static func waitWhenExhausted(maximumWait: Duration = .seconds(60)) -> RateLimiting {
        RateLimiting(isEnabled: true, maximumWait: maximumWait)
    }
}
