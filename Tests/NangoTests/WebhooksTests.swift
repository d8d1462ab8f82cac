import Foundation
import HTTPTypes
@testable import Nango
import NangoTesting
import Testing

/// Calls the deprecated legacy check without a deprecation warning in the test build.
private protocol LegacyWebhookVerifying {
    func verifyWebhookSignature(_ signatureInHeader: String, body: String) -> Bool
}

extension NangoClient: LegacyWebhookVerifying {}

/// The known-answer values of the Node SDK's own unit tests (node-sdk-surface.md §4).
private enum KnownAnswers {
    static let syncBody = #"{"type":"sync","connectionId":"test-connection","providerConfigKey":"test-provider","syncName":"test-sync","model":"TestModel","responseResults":{"added":5,"updated":0,"deleted":0}}"#
    static let syncWithSecretKey = "ce6f82d8555253066e19ba3525ebab872d906b9f4607481a889b991b29b17b3a"
    static let syncWithSigningKey = "ff458d4d1b72d824612760b25f0fcf8d3fdfb6dc174fe4528e78cbd35632ce24"
    static let syncLegacyWithSecretKey = "21c9fd89aafcbfa86755b8223d11f44353e4f734f97a375eb5a627efe4780675"
    static let typeBody = #"{"type":"sync"}"#
    static let typeWithAPIKey = "b4c451705e5d0dac3967340933bf4832f9716220f369e011000b6631180f61f3"
    static let typeWithSigningKey = "e893098f978bc983a1212197c6048b36511db4a1d4e2c375fb92eba2611c6616"
    static let typeWithSecretKey = "23a982ec176c132ee62c44e2a6a24c6cb4bf4315a9ece84c5126d79882b3a391"
}

private func client(key: String, signingKeys: [String] = []) throws -> NangoClient {
    var configuration = NangoClient.Configuration()
    configuration.webhookSigningKeys = signingKeys.map(SecretKey.init)
    return try NangoClient(secretKey: key, configuration: configuration, transport: MockTransport())
}

@Suite("Webhooks", .timeLimit(.minutes(1)))
struct WebhooksTests {
    @Test("the Node SDK's known-answer HMACs verify with the secret key and with the signing key")
    func knownAnswers() throws {
        let secret = try client(key: "test-secret-key")
        #expect(secret.verifyIncomingWebhookRequest(body: KnownAnswers.syncBody, headers: ["X-Nango-Hmac-Sha256": KnownAnswers.syncWithSecretKey]))
        #expect(secret.verifyIncomingWebhookRequest(body: KnownAnswers.typeBody, headers: ["x-nango-hmac-sha256": KnownAnswers.typeWithSecretKey]))

        let signing = try client(key: "test-secret-key", signingKeys: ["test-webhook-signing-key"])
        #expect(signing.verifyIncomingWebhookRequest(body: KnownAnswers.syncBody, headers: ["X-NANGO-HMAC-SHA256": KnownAnswers.syncWithSigningKey]))
        // With a signing key set, the secret key no longer verifies.
        #expect(!signing.verifyIncomingWebhookRequest(body: KnownAnswers.syncBody, headers: ["X-Nango-Hmac-Sha256": KnownAnswers.syncWithSecretKey]))

        let typeSigning = try client(key: "k", signingKeys: ["test-signing-key"])
        #expect(typeSigning.verifyIncomingWebhookRequest(body: Data(KnownAnswers.typeBody.utf8), headers: fields([("X-Nango-Hmac-Sha256", KnownAnswers.typeWithSigningKey)])))
    }

    @Test("a signature made with a key the client does not hold is rejected")
    func wrongKey() throws {
        let nango = try client(key: "another-secret-key")
        #expect(!nango.verifyIncomingWebhookRequest(body: KnownAnswers.typeBody, headers: ["X-Nango-Hmac-Sha256": KnownAnswers.typeWithAPIKey]))
        // The same signature verifies for its key, so the rejection above is about the key.
        let holder = try client(key: "test-api-key")
        #expect(holder.verifyIncomingWebhookRequest(body: KnownAnswers.typeBody, headers: ["X-Nango-Hmac-Sha256": KnownAnswers.typeWithAPIKey]))
    }

    @Test("signing keys that are configured but empty verify nothing instead of falling back to the secret key")
    func emptySigningKeys() throws {
        let nango = try client(key: "test-secret-key", signingKeys: ["", "  "])
        #expect(!nango.verifyIncomingWebhookRequest(body: KnownAnswers.syncBody, headers: ["X-Nango-Hmac-Sha256": KnownAnswers.syncWithSecretKey]))
    }

    @Test("uppercase hex is accepted; header lookup is case-insensitive for every header form")
    func caseInsensitivity() throws {
        let nango = try client(key: "test-secret-key")
        let upper = KnownAnswers.syncWithSecretKey.uppercased()
        let body = Data(KnownAnswers.syncBody.utf8)
        #expect(nango.verifyIncomingWebhookRequest(body: body, headers: ["x-NANGO-hmac-SHA256": upper]))
        #expect(nango.verifyIncomingWebhookRequest(body: body, headers: fields([("x-nango-hmac-sha256", upper)])))
        #expect(nango.verifyIncomingWebhookRequest(body: body, headerPairs: [("Content-Type", "application/json"), ("X-Nango-Hmac-Sha256", upper)]))
        let labelled: [(name: String, value: String)] = [(name: "content-type", value: "application/json"), (name: "x-nango-hmac-sha256", value: upper)]
        #expect(nango.verifyIncomingWebhookRequest(body: body, headerPairs: labelled))
        #expect(nango.verifyIncomingWebhookRequest(body: KnownAnswers.syncBody, headers: fields([("X-Nango-HMAC-Sha256", KnownAnswers.syncWithSecretKey)])))
    }

    @Test("a tampered body, a truncated, padded or non-hex signature and a missing header are rejected", arguments: [
        (KnownAnswers.syncBody + " ", KnownAnswers.syncWithSecretKey, "X-Nango-Hmac-Sha256"),
        (KnownAnswers.syncBody.replacingOccurrences(of: "5", with: "6"), KnownAnswers.syncWithSecretKey, "X-Nango-Hmac-Sha256"),
        (KnownAnswers.syncBody, String(KnownAnswers.syncWithSecretKey.dropLast(2)), "X-Nango-Hmac-Sha256"),
        (KnownAnswers.syncBody, KnownAnswers.syncWithSecretKey + "00", "X-Nango-Hmac-Sha256"),
        (KnownAnswers.syncBody, "zz" + KnownAnswers.syncWithSecretKey.dropFirst(2), "X-Nango-Hmac-Sha256"),
        (KnownAnswers.syncBody, "", "X-Nango-Hmac-Sha256"),
        (KnownAnswers.syncBody, KnownAnswers.syncWithSecretKey, "X-Nango-Signature"),
        (KnownAnswers.syncBody, KnownAnswers.syncWithSecretKey, "X-Other"),
    ])
    func rejections(body: String, signature: String, header: String) throws {
        let nango = try client(key: "test-secret-key")
        #expect(!nango.verifyIncomingWebhookRequest(body: body, headers: [header: signature]))
        #expect(!nango.verifyIncomingWebhookRequest(body: body, headers: fields([(header, signature)])))
    }

    @Test("during a rotation both signing keys verify, and an unrelated key does not")
    func rotation() throws {
        let nango = try client(key: "k", signingKeys: ["test-webhook-signing-key", "test-secret-key"])
        #expect(nango.verifyIncomingWebhookRequest(body: KnownAnswers.syncBody, headers: ["X-Nango-Hmac-Sha256": KnownAnswers.syncWithSigningKey]))
        #expect(nango.verifyIncomingWebhookRequest(body: KnownAnswers.syncBody, headers: ["X-Nango-Hmac-Sha256": KnownAnswers.syncWithSecretKey]))
        #expect(!nango.verifyIncomingWebhookRequest(body: KnownAnswers.typeBody, headers: ["X-Nango-Hmac-Sha256": KnownAnswers.typeWithAPIKey]))
        expectNoSecrets(everyRendering(of: nango.configuration.webhookSigningKeys))
    }

    @Test("the deprecated legacy check verifies SHA-256(key + body), rejecting other keys and bodies")
    func legacy() throws {
        let nango: any LegacyWebhookVerifying = try client(key: "test-secret-key")
        #expect(nango.verifyWebhookSignature(KnownAnswers.syncLegacyWithSecretKey, body: KnownAnswers.syncBody))
        #expect(nango.verifyWebhookSignature(KnownAnswers.syncLegacyWithSecretKey.uppercased(), body: KnownAnswers.syncBody))
        #expect(!nango.verifyWebhookSignature(KnownAnswers.syncLegacyWithSecretKey, body: KnownAnswers.syncBody + "x"))
        #expect(!nango.verifyWebhookSignature("nope", body: KnownAnswers.syncBody))
        let other: any LegacyWebhookVerifying = try client(key: "other")
        #expect(!other.verifyWebhookSignature(KnownAnswers.syncLegacyWithSecretKey, body: KnownAnswers.syncBody))
    }

    // MARK: payloads

    @Test("auth webhooks decode, with success and error")
    func authPayloads() throws {
        guard case .auth(let success) = try NangoWebhook(decoding: fixture("webhooks/auth-success")) else {
            Issue.record("expected an auth webhook")
            return
        }
        #expect(success.success)
        #expect(success.operation == .creation)
        #expect(success.authMode == .oauth2)
        #expect(success.tags?["organization_id"] == "org-1")
        #expect(success.endUser?["endUserId"] == "usr_2f9c1e7a")
        guard case .auth(let failure) = try NangoWebhook(decoding: fixture("webhooks/auth-error")) else {
            Issue.record("expected an auth webhook")
            return
        }
        #expect(!failure.success)
        #expect(failure.operation == .refresh)
        #expect(failure.error?.type == "refresh_token_external_error")
    }

    @Test("sync webhooks decode, with results on success and timestamps on failure")
    func syncPayloads() throws {
        guard case .sync(let success) = try NangoWebhook(decoding: fixture("webhooks/sync-success")) else {
            Issue.record("expected a sync webhook")
            return
        }
        #expect(success.responseResults == SyncResultCounts(added: 12, updated: 3, deleted: 1))
        #expect(success.modifiedAfter != nil)
        #expect(success.model == "GithubIssue")
        guard case .sync(let failure) = try NangoWebhook(decoding: fixture("webhooks/sync-error")) else {
            Issue.record("expected a sync webhook")
            return
        }
        #expect(!failure.success)
        #expect(failure.error?.type == "script_http_error")
        #expect(failure.startedAt != nil && failure.failedAt != nil)
    }

    @Test("forward and async action webhooks decode; an unknown type keeps its JSON")
    func otherPayloads() throws {
        guard case .forward(let forward) = try NangoWebhook(decoding: fixture("webhooks/forward")) else {
            Issue.record("expected a forward webhook")
            return
        }
        #expect(forward.from == "github")
        #expect(forward.payload["issue"]?["number"] == 482)
        guard case .asyncAction(let action) = try NangoWebhook(decoding: fixture("webhooks/async-action")) else {
            Issue.record("expected an async action webhook")
            return
        }
        #expect(action.handle.statusURL == "/action/\(action.handle.id)")
        guard case .unknown(let json) = try NangoWebhook(decoding: fixture("webhooks/unknown-type")) else {
            Issue.record("expected an unknown webhook")
            return
        }
        #expect(json["type"] == "connection_health")
        #expect(try NangoWebhook(decoding: #"{"type":"sync","oops":true}"#) == .unknown(["type": "sync", "oops": true]))
        #expect(throws: NangoError.self) { try NangoWebhook(decoding: "[1,2]") }
        #expect(throws: NangoError.self) { try NangoWebhook(decoding: "not json") }
    }
}

@Suite("Webhooks from any bytes, verified and decoded in one call", .timeLimit(.minutes(1)))
struct WebhookBytesTests {
    @Test("contiguous and non-contiguous byte collections verify like Data")
    func anyBytes() throws {
        let nango = try client(key: "test-secret-key")
        let headers = fields([("X-Nango-Hmac-Sha256", KnownAnswers.syncWithSecretKey)])
        let bytes = Array(KnownAnswers.syncBody.utf8)
        #expect(nango.verifyIncomingWebhookRequest(bodyBytes: bytes, headers: headers))
        #expect(nango.verifyIncomingWebhookRequest(bodyBytes: bytes[...], headers: headers))
        #expect(nango.verifyIncomingWebhookRequest(bodyBytes: bytes.lazy.map { $0 }, headers: headers))
        #expect(!nango.verifyIncomingWebhookRequest(bodyBytes: bytes.dropLast(), headers: headers))
        #expect(!nango.verifyIncomingWebhookRequest(bodyBytes: bytes, headers: HTTPFields()))
    }

    @Test("webhook(body:headers:) verifies, then decodes")
    func verifyAndDecode() throws {
        let nango = try client(key: "test-secret-key")
        let bytes = Array(KnownAnswers.syncBody.utf8)
        let webhook = try nango.webhook(body: bytes, headers: fields([("x-nango-hmac-sha256", KnownAnswers.syncWithSecretKey)]))
        // The Node SDK's known-answer body is not a complete sync webhook (no `from`, no `success`), so it decodes
        // as an unknown webhook that keeps its JSON.
        #expect(webhook == (try NangoWebhook(decoding: Data(bytes))))
        guard case .unknown(let json) = webhook else {
            Issue.record("expected the known-answer body to stay JSON, got \(webhook)")
            return
        }
        #expect(json["connectionId"] == "test-connection")

        let forged = #expect(throws: NangoError.self) {
            try nango.webhook(body: Array(#"{"type":"sync","connectionId":"other"}"#.utf8),
                              headers: fields([("x-nango-hmac-sha256", KnownAnswers.syncWithSecretKey)]))
        }
        #expect(forged?.kind == .invalidSignature)
        let unsigned = #expect(throws: NangoError.self) { try nango.webhook(body: bytes, headers: HTTPFields()) }
        #expect(unsigned?.kind == .invalidSignature)
        #expect(unsigned?.message.contains("no X-Nango-Hmac-Sha256") == true)
    }
}
