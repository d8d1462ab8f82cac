import Foundation
import HTTPTypes
import Logging

/// The last rate-limit window Nango reported to a client, and the calls the client has sent against it since.
final class RateLimitState: Sendable {
    private struct Window {
        /// As Nango reported it, for ``NangoClient/rateLimit``.
        var reported: NangoRateLimit
        /// Calls left by the client's own count: the reported number less every call admitted since.
        var remaining: Int?
        var resetsAt: Date?
    }

    private let window = Locked<Window?>(nil)

    /// The window as Nango last reported it.
    var current: NangoRateLimit? {
        window.withLock { $0?.reported }
    }

    /// Takes the window a response reports (`reported`, read from its headers); a 429 without the headers but
    /// with `Retry-After` exhausts the window until then.
    func update(from response: HTTPResponse, reported: NangoRateLimit?, now: Date = Date()) {
        if let reported {
            window.withLock { $0 = Window(reported: reported, remaining: reported.remaining, resetsAt: reported.resetsAt) }
        } else if response.status.code == 429,
                  let retryAfter = response.headerFields[.retryAfter].flatMap(RetryAfter.parse) {
            let resetsAt = now.addingTimeInterval(retryAfter.seconds)
            let reported = NangoRateLimit(remaining: 0, resetsAt: resetsAt)
            window.withLock { $0 = Window(reported: reported, remaining: 0, resetsAt: resetsAt) }
        }
    }

    /// Counts one call against the window, or says how long to wait when none are left before it resets.
    func reserve(now: Date = Date()) -> Duration? {
        window.withLock { window in
            guard let resetsAt = window?.resetsAt, let remaining = window?.remaining, resetsAt > now else {
                return nil
            }
            if remaining > 0 {
                window?.remaining = remaining - 1
                return nil
            }
            return .milliseconds(Int64((min(resetsAt.timeIntervalSince(now), 86_400) * 1000).rounded(.up)))
        }
    }

    /// After a wait for the reset: the old count no longer holds, until the next response reports the new window.
    func windowReset() {
        window.withLock { $0?.remaining = nil }
    }
}

extension NangoClient {
    /// Admission under ``Configuration-swift.struct/rateLimiting``: waits for an exhausted window to reset, or
    /// fails without sending when the wait is too long for the policy or the call's deadline.
    func admitUnderRateLimit(deadline: ContinuousClock.Instant, operation: @autoclosure () -> String, attempts: Int) async throws {
        let policy = configuration.rateLimiting
        guard policy.isEnabled else { return }
        while let wait = rateLimits.reserve() {
            guard wait <= policy.maximumWait, ContinuousClock.now + wait < deadline else {
                throw NangoError(
                    kind: .rateLimited,
                    message: "Nango's rate limit is exhausted for another \(wait), longer than this call may wait; nothing was sent.",
                    operation: operation(),
                    attempts: attempts,
                    retryAfter: wait
                )
            }
            configuration.logger?.debug(
                "Nango rate limit exhausted: waiting",
                metadata: ["nango.operation": "\(operation())", "nango.wait_ms": "\(Int(wait.seconds * 1000))"]
            )
            try await configuration.clock.sleep(for: wait)
            rateLimits.windowReset()
        }
    }

    /// The rate-limit window Nango last reported to this client (and the clients derived from it with
    /// ``withConfiguration(_:)``), or `nil` before any response carried one.
    ///
    /// ```swift
    /// if let window = nango.rateLimit, let remaining = window.remaining, remaining < 10 {
    ///     // slow down
    /// }
    /// ```
    public var rateLimit: NangoRateLimit? {
        rateLimits.current
    }
}
