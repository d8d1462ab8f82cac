public import Foundation
import NangoJSON
public import HTTPTypes

/// Nango's rate-limit window, from the `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset`
/// headers Nango sends with its responses.
///
/// ```swift
/// } catch let error as NangoError where error.status == 429 {
///     if let reset = error.rateLimit?.resetsAt { scheduleRetry(at: reset) }
/// }
/// ```
public struct NangoRateLimit: Sendable, Hashable, CustomStringConvertible {
    /// How many requests the window allows.
    public var limit: Int?
    /// How many are left in the current window.
    public var remaining: Int?
    /// When the window resets. Nango sends epoch seconds; a small number is read as seconds from the response.
    public var resetsAt: Date?

    /// Creates a value (for tests).
    public init(limit: Int? = nil, remaining: Int? = nil, resetsAt: Date? = nil) {
        self.limit = limit
        self.remaining = remaining
        self.resetsAt = resetsAt
    }

    /// The window described by `fields`, or `nil` when they carry none of the three headers (or only invalid
    /// values).
    public init?(headers fields: HTTPFields, receivedAt now: Date = Date()) {
        func number(_ name: HTTPField.Name) -> Int? {
            guard let text = fields[name]?.trimmingCharacters(in: .whitespaces), let value = Int(text), value >= 0 else {
                return nil
            }
            return value
        }
        limit = number(.nangoRateLimitLimit)
        remaining = number(.nangoRateLimitRemaining)
        resetsAt = number(.nangoRateLimitReset).map { value in
            // Epoch seconds from 2001 on; anything smaller is a delay in seconds.
            value >= 1_000_000_000 ? Date(timeIntervalSince1970: TimeInterval(value)) : now.addingTimeInterval(TimeInterval(value))
        }
        guard limit != nil || remaining != nil || resetsAt != nil else { return nil }
    }

    /// `remaining/limit, resets <date>`.
    public var description: String {
        var parts: [String] = []
        if limit != nil || remaining != nil {
            parts.append("\(remaining.map(String.init) ?? "?")/\(limit.map(String.init) ?? "?")")
        }
        if let resetsAt { parts.append("resets \(ISO8601.format(resetsAt))") }
        return "NangoRateLimit(" + parts.joined(separator: ", ") + ")"
    }
}

extension NangoError {
    /// Nango's rate-limit window as of this error's response (see ``NangoRateLimit``), when it sent one.
    public var rateLimit: NangoRateLimit? {
        responseHeaders.flatMap { NangoRateLimit(headers: $0) }
    }
}
