#if AsyncHTTPClient
import AsyncHTTPClient
#endif
import Foundation
import HTTPTypes
@testable import Nango
import Testing

/// A transport the conformance suite runs against: every transport compiled into this build.
///
/// A new transport gets every fault, cancellation and load test by adding a case here.
struct TransportUnderTest: Sendable, CustomTestStringConvertible {
    enum Kind: Sendable {
        case urlSession
        #if AsyncHTTPClient
        case asyncHTTPClient
        #endif
    }

    let kind: Kind

    var testDescription: String {
        switch kind {
        case .urlSession: return "URLSessionTransport"
        #if AsyncHTTPClient
        case .asyncHTTPClient: return "AsyncHTTPClientTransport"
        #endif
        }
    }

    /// Every transport compiled in: URLSession always, AsyncHTTPClient with the package trait.
    static var all: [TransportUnderTest] {
        #if AsyncHTTPClient
        return [TransportUnderTest(kind: .urlSession), TransportUnderTest(kind: .asyncHTTPClient)]
        #else
        return [TransportUnderTest(kind: .urlSession)]
        #endif
    }

    /// Whether the transport follows same-origin redirects (URLSession does, without credentials across origins;
    /// the AsyncHTTPClient transport's default client follows none).
    var followsRedirects: Bool {
        kind == .urlSession
    }

    /// Runs `body` with a fresh transport that opens at most `connectionLimit` connections per host (its default
    /// when `nil`), and shuts down whatever the transport owns afterwards.
    func with<Result: Sendable>(
        connectionLimit: Int? = nil,
        idleTimeout: Duration = .seconds(60),
        _ body: (any HTTPTransport) async throws -> Result
    ) async throws -> Result {
        switch kind {
        case .urlSession:
            var configuration = URLSessionTransport.Configuration(idleTimeout: idleTimeout)
            if let connectionLimit { configuration.maximumConnectionsPerHost = connectionLimit }
            return try await body(URLSessionTransport(configuration: configuration))
        #if AsyncHTTPClient
        case .asyncHTTPClient:
            guard let connectionLimit else { return try await body(AsyncHTTPClientTransport()) }
            var configuration = AsyncHTTPClientTransport.defaultClientConfiguration
            configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = connectionLimit
            let transport = AsyncHTTPClientTransport(
                ownClientWith: configuration,
                configuration: .init(maximumConnectionsPerHost: connectionLimit)
            )
            do {
                let result = try await body(transport)
                try await transport.shutdown()
                return result
            } catch {
                try? await transport.shutdown()
                throw error
            }
        #endif
        }
    }
}

/// Waits (polling, at most `limit`) until `condition` holds; returns whether it did.
func eventually(within limit: Duration = .seconds(5), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}

/// How much to scale the stress tests (`NANGO_STRESS_SCALE`, default 1): CI runs them small; a developer can run
/// the full counts with e.g. `NANGO_STRESS_SCALE=10`.
let stressScale = max(1, Int(ProcessInfo.processInfo.environment["NANGO_STRESS_SCALE"] ?? "") ?? 1)

/// A one-way gate for server handlers: requests that wait on it are held (on the server's thread) until the test
/// opens it, so a test controls exactly how long a request occupies a connection whatever the machine's load.
final class Latch: @unchecked Sendable {
    private let condition = NSCondition()
    private var isOpen = false

    /// Blocks until the latch opens (or `limit` passes, so a failed test cannot hang the server).
    func wait(limit: TimeInterval = 20) {
        let deadline = Date(timeIntervalSinceNow: limit)
        condition.lock()
        defer { condition.unlock() }
        while !isOpen && condition.wait(until: deadline) {}
    }

    func open() {
        condition.lock()
        isOpen = true
        condition.broadcast()
        condition.unlock()
    }
}
