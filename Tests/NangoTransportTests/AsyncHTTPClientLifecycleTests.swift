#if AsyncHTTPClient
import AsyncHTTPClient
import Foundation
import Logging
@testable import Nango
import NangoTesting
import ServiceLifecycle
import Testing

@Suite("AsyncHTTPClientTransport lifecycle", .timeLimit(.minutes(1)))
struct AsyncHTTPClientLifecycleTests {
    @Test("a transport that owns its client shuts it down once; later calls fail at once, not retried, never sent")
    func shutdown() async throws {
        let server = try LoopbackServer { _ in .json(200, emptyConnectionList) }
        defer { server.stop() }
        let transport = AsyncHTTPClientTransport(ownClientWith: AsyncHTTPClientTransport.defaultClientConfiguration)
        let nango = try makeClient(for: server, transport: transport)
        _ = try await nango.listConnections()
        #expect(!transport.isShutDown)
        try await transport.shutdown()
        #expect(transport.isShutDown)
        try await transport.shutdown()

        let error = await #expect(throws: NangoError.self) { try await nango.listConnections() }
        #expect(error?.kind == .transport)
        #expect(error?.mayHaveBeenSent == false)
        #expect(error?.attempts == 1)
        #expect(server.requests.count == 1)
    }

    @Test("a transport on a client it was given leaves that client running")
    func givenClient() async throws {
        let server = try LoopbackServer { _ in .json(200, emptyConnectionList) }
        defer { server.stop() }
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: AsyncHTTPClientTransport.defaultClientConfiguration)
        let transport = AsyncHTTPClientTransport(client: client)
        try await transport.shutdown()
        #expect(!transport.isShutDown)
        _ = try await makeClient(for: server, transport: transport).listConnections()
        try await client.shutdown()
    }

    @Test("as a Service, the transport serves until the group shuts down gracefully, then shuts its client down")
    func service() async throws {
        let server = try LoopbackServer { _ in .json(200, emptyConnectionList) }
        defer { server.stop() }
        let transport = AsyncHTTPClientTransport(ownClientWith: AsyncHTTPClientTransport.defaultClientConfiguration)
        let group = ServiceGroup(services: [transport], logger: Logger(label: "test"))
        let running = Task { try await group.run() }
        _ = try await makeClient(for: server, transport: transport).listConnections()
        #expect(!transport.isShutDown)
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(transport.isShutDown)
    }
}
#endif
