import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Nango
import NangoTesting
import Testing
import WebhookReceiver

/// What the handlers were called with, in order.
final class Received: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [String] = []

    func append(_ event: String) {
        lock.lock()
        events.append(event)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return events
    }
}

struct HandlerFailure: Error {}

@Suite("Webhook receiver on a loopback socket")
struct WebhookReceiverTests {
    let fake = FakeNango(webhookSigningKey: "whsec-test-signing-key")
    let received = Received()

    func receiver() throws -> NangoWebhookReceiver {
        let received = received
        let handlers = NangoWebhookHandlers(
            auth: { received.append("auth \($0.operation) \($0.connectionID) \($0.success)") },
            sync: { sync in
                if sync.syncName == "broken" { throw HandlerFailure() }
                received.append("sync \(sync.syncName) \(sync.model) +\(sync.responseResults?.added ?? -1)")
            },
            forward: { received.append("forward \($0.providerConfigKey) \($0.payload["event"]?.stringValue ?? "-")") },
            asyncAction: { received.append("action \($0.handle.id)") },
            unknown: { received.append("unknown \($0["type"]?.stringValue ?? "-")") }
        )
        return NangoWebhookReceiver(nango: try fake.makeClient(), handlers: handlers)
    }

    static let auth: [String: JSONValue] = [
        "type": "auth", "from": "nango", "connectionId": "acme-github", "providerConfigKey": "github",
        "provider": "github", "authMode": "OAUTH2", "environment": "dev", "operation": "creation", "success": true,
    ]
    static let sync: [String: JSONValue] = [
        "type": "sync", "from": "nango", "connectionId": "acme-hubspot", "providerConfigKey": "hubspot",
        "syncName": "contacts", "model": "Contact", "syncType": "INCREMENTAL", "success": true,
        "modifiedAfter": "2026-11-30T12:00:00.000Z", "responseResults": ["added": 12, "updated": 3, "deleted": 1],
    ]
    static let forward: [String: JSONValue] = [
        "type": "forward", "from": "hubspot", "connectionId": "acme-hubspot", "providerConfigKey": "hubspot",
        "payload": ["event": "contact.creation", "objectId": 42],
    ]
    static let asyncAction: [String: JSONValue] = [
        "type": "async_action", "from": "nango", "connectionId": "acme-hubspot", "providerConfigKey": "hubspot",
        "payload": ["id": "action-1", "statusUrl": "/action/action-1"],
    ]

    func post(_ client: some TestClientProtocol, body: Data, headers: HTTPFields) async throws -> HTTPResponse.Status {
        try await client.execute(uri: "/webhooks/nango", method: .post, headers: headers, body: ByteBuffer(bytes: body)).status
    }

    @Test func signedWebhooksReachTheirHandlers() async throws {
        let app = try receiver().application(port: 0)
        let fake = fake
        try await app.test(.live) { client in
            for payload in [Self.auth, Self.sync, Self.forward, Self.asyncAction, ["type": "future_kind", "from": "nango"]] {
                let (body, headers) = try fake.webhook(payload)
                #expect(try await post(client, body: body, headers: headers) == .ok)
            }
        }
        #expect(received.all == [
            "auth creation acme-github true",
            "sync contacts Contact +12",
            "forward hubspot contact.creation",
            "action action-1",
            "unknown future_kind",
        ])
    }

    @Test func aBadOrMissingSignatureIs401AndNothingIsHandled() async throws {
        let app = try receiver().application(port: 0)
        let fake = fake
        try await app.test(.live) { client in
            let (body, headers) = try fake.webhook(Self.auth)
            var tampered = body
            tampered.append(contentsOf: Array(" ".utf8))
            #expect(try await post(client, body: tampered, headers: headers) == .unauthorized)

            var unsigned = headers
            unsigned[HTTPField.Name("X-Nango-Hmac-Sha256")!] = nil
            #expect(try await post(client, body: body, headers: unsigned) == .unauthorized)

            // Signed with another key (the secret key instead of the signing key).
            let other = FakeNango(secretKey: fake.secretKey)
            #expect(try await post(client, body: body, headers: other.signWebhook(body: body)) == .unauthorized)
        }
        #expect(received.all.isEmpty)
    }

    @Test func aSignedBodyThatIsNotJSONIs400AndAFailingHandlerIs500() async throws {
        let app = try receiver().application(port: 0)
        let fake = fake
        try await app.test(.live) { client in
            let garbage = Data("not json".utf8)
            #expect(try await post(client, body: garbage, headers: fake.signWebhook(body: garbage)) == .badRequest)

            var broken = Self.sync
            broken["syncName"] = "broken"
            let (body, headers) = try fake.webhook(broken)
            #expect(try await post(client, body: body, headers: headers) == .internalServerError)
        }
        #expect(received.all.isEmpty)
    }

    @Test func aBodyOverTheLimitIs413() async throws {
        let received = received
        let small = NangoWebhookReceiver(
            nango: try fake.makeClient(),
            handlers: NangoWebhookHandlers(auth: { _ in received.append("auth") }),
            maximumBodySize: 64
        )
        let fake = fake
        try await small.application(port: 0).test(.live) { client in
            let (body, headers) = try fake.webhook(Self.auth)
            #expect(body.count > 64)
            #expect(try await post(client, body: body, headers: headers) == .contentTooLarge)
        }
        #expect(received.all.isEmpty)
    }
}
