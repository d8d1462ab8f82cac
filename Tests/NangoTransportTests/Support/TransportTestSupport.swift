import Foundation
@testable import Nango
import NangoTesting

/// The secret key of the transport tests: a canary that must never be printed.
let transportTestKey = "canary-secret-transport-key"

/// `{"connections":[]}`, the smallest valid answer to `listConnections`.
let emptyConnectionList = #"{"connections":[]}"#

/// A client on `transport`, pointed at `server`, waiting on an immediate clock between retries.
func makeClient(
    for server: LoopbackServer,
    transport: any HTTPTransport,
    clock: ImmediateClock = ImmediateClock(),
    configure: (inout NangoClient.Configuration) -> Void = { _ in }
) throws -> NangoClient {
    var configuration = NangoClient.Configuration()
    configuration.host = server.baseURL.absoluteString
    configuration.clock = clock
    configure(&configuration)
    return try NangoClient(secretKey: transportTestKey, configuration: configuration, transport: transport)
}

/// A non-idempotent call: never retried once it may have been sent.
func importRequest() -> ImportConnectionRequest {
    ImportConnectionRequest(providerConfigKey: "github", connectionID: "c", credentials: .apiKey(.init(apiKey: "canary-secret-k")))
}

/// A thread-safe counter for scripting "first call fails, then succeeds".
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.withLock {
            defer { value += 1 }
            return value
        }
    }
}
