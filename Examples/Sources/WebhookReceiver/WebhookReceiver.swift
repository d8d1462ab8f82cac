import Foundation
public import HTTPTypes
public import Hummingbird
public import Nango
import Logging

/// What a receiver does with each kind of webhook. Every closure defaults to doing nothing.
///
/// A closure that throws makes the receiver answer 500, so that Nango sends the webhook again later.
public struct NangoWebhookHandlers: Sendable {
    /// A connection was created, overridden or refreshed (or failed to be).
    public var auth: @Sendable (AuthWebhook) async throws -> Void
    /// A sync run finished: fetch the changed records of `model` since `modifiedAfter`.
    public var sync: @Sendable (SyncWebhook) async throws -> Void
    /// A webhook from the external API, forwarded by Nango.
    public var forward: @Sendable (ForwardWebhook) async throws -> Void
    /// An action started with `triggerActionAsync` finished.
    public var asyncAction: @Sendable (AsyncActionWebhook) async throws -> Void
    /// A webhook type this SDK does not know yet, as JSON.
    public var unknown: @Sendable (JSONValue) async throws -> Void

    /// Handlers; pass only the ones you need.
    public init(
        auth: @escaping @Sendable (AuthWebhook) async throws -> Void = { _ in },
        sync: @escaping @Sendable (SyncWebhook) async throws -> Void = { _ in },
        forward: @escaping @Sendable (ForwardWebhook) async throws -> Void = { _ in },
        asyncAction: @escaping @Sendable (AsyncActionWebhook) async throws -> Void = { _ in },
        unknown: @escaping @Sendable (JSONValue) async throws -> Void = { _ in }
    ) {
        self.auth = auth
        self.sync = sync
        self.forward = forward
        self.asyncAction = asyncAction
        self.unknown = unknown
    }
}

/// Receives Nango's webhooks: checks the `X-Nango-Hmac-Sha256` signature over the raw body, decodes the
/// webhook and calls its handler.
///
/// Answers 401 for a missing or wrong signature (nothing is decoded or handled), 400 for a signed body that is
/// not a JSON object, 413 for a body over ``maximumBodySize``, 500 when a handler throws (Nango retries), and
/// 200 otherwise.
public struct NangoWebhookReceiver: Sendable {
    /// The client whose keys verify signatures (`configuration.webhookSigningKeys`, else the secret key).
    public let nango: NangoClient
    /// What to do with each webhook.
    public let handlers: NangoWebhookHandlers
    /// The largest body accepted, in bytes (10 MiB by default; forwarded webhooks can be large).
    public let maximumBodySize: Int

    /// A receiver verifying with `nango`'s keys and calling `handlers`.
    public init(nango: NangoClient, handlers: NangoWebhookHandlers, maximumBodySize: Int = 10 << 20) {
        self.nango = nango
        self.handlers = handlers
        self.maximumBodySize = maximumBodySize
    }

    /// Verifies, decodes and handles one webhook; returns the status to answer with.
    public func receive<Bytes: Collection<UInt8>>(body: Bytes, headers: HTTPFields) async -> HTTPResponse.Status {
        let webhook: NangoWebhook
        do {
            webhook = try nango.webhook(body: body, headers: headers)
        } catch let error as NangoError where error.kind == .invalidSignature {
            return .unauthorized
        } catch {
            return .badRequest
        }
        do {
            switch webhook {
            case .auth(let auth): try await handlers.auth(auth)
            case .sync(let sync): try await handlers.sync(sync)
            case .forward(let forward): try await handlers.forward(forward)
            case .asyncAction(let done): try await handlers.asyncAction(done)
            case .unknown(let json): try await handlers.unknown(json)
            }
        } catch {
            return .internalServerError
        }
        return .ok
    }

    /// Adds `POST path` to `router`, answering as ``receive(body:headers:)`` does.
    public func addRoute<Context: RequestContext>(to router: Router<Context>, path: RouterPath = "webhooks/nango") {
        router.post(path) { request, context -> HTTPResponse.Status in
            var request = request
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: maximumBodySize)
            } catch {
                return .contentTooLarge
            }
            let status = await receive(body: body.readableBytesView, headers: request.headers)
            context.logger.info("Nango webhook", metadata: ["status": "\(status.code)", "bytes": "\(body.readableBytes)"])
            return status
        }
    }

    /// An application serving the receiver at `POST path` on `host`:`port`.
    public func application(
        host: String = "127.0.0.1",
        port: Int = 8080,
        path: RouterPath = "webhooks/nango"
    ) -> some ApplicationProtocol {
        let router = Router()
        addRoute(to: router, path: path)
        return Application(router: router, configuration: .init(address: .hostname(host, port: port)))
    }
}
