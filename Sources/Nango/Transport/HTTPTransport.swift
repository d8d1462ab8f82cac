public import Foundation
public import HTTPTypes

/// Sends one HTTP request and returns the response with its whole body.
///
/// ``NangoClient`` builds every request (URL, headers, body), handles retries, timeouts and errors, and calls
/// ``send(_:body:)`` once per attempt. Implement this protocol to run the SDK on another HTTP stack (a Vapor or
/// Hummingbird application's client, a test double such as `NangoTesting.MockTransport`).
///
/// Requirements for an implementation:
/// - Return any HTTP status as a response; do not throw for 4xx or 5xx.
/// - Throw `CancellationError` promptly when the calling task is cancelled: the client bounds each attempt with
///   its timeout by cancelling it (and answers its caller at the deadline without waiting for the transport).
/// - Throw ``NangoError/transport(_:requestSent:underlyingError:)`` with `requestSent: false` when the request
///   certainly never left (connection refused, name resolution failed): the client may then retry even a
///   non-idempotent call. Any other error is treated as "may have been sent".
/// - Never follow a redirect to another origin with the `Authorization` header.
public protocol HTTPTransport: Sendable {
    /// Sends `request` with `body` and returns the response and its body (empty when there is none).
    func send(_ request: HTTPRequest, body: Data?) async throws -> (HTTPResponse, Data)
}

/// A transport that bounds each request by a deadline itself.
///
/// The client runs an attempt on a plain ``HTTPTransport`` in a task of its own, so that it can answer its caller
/// as soon as the attempt's deadline passes even if the transport does not stop. A transport that honours the
/// deadline (and cancellation) adopts this protocol and is called directly instead, which saves that task and a
/// thread hop per attempt. `NangoTesting.MockTransport` adopts it.
public protocol DeadlineHonoringTransport: HTTPTransport {
    /// Sends `request` with `body` and returns the response and its body (empty when there is none).
    ///
    /// Throw a ``NangoError`` of kind ``NangoError/Kind/timeout`` once `deadline` passes without a complete
    /// response, and `CancellationError` promptly when the calling task is cancelled.
    func send(_ request: HTTPRequest, body: Data?, deadline: ContinuousClock.Instant) async throws -> (HTTPResponse, Data)
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
