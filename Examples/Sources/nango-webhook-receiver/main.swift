// A webhook receiver for Nango, on Hummingbird: `swift run --package-path Examples nango-webhook-receiver`.
// Verifies with NANGO_WEBHOOK_SIGNING_KEY (or NANGO_SECRET_KEY), listens on 127.0.0.1:$PORT (8080), and logs
// each webhook it receives. Replace the handlers with your own.
import Foundation
import Hummingbird
import Nango
import WebhookReceiver

let environment = ProcessInfo.processInfo.environment
var configuration = NangoClient.Configuration()
if let signingKey = environment["NANGO_WEBHOOK_SIGNING_KEY"], !signingKey.isEmpty {
    configuration.webhookSigningKeys = [SecretKey(signingKey)]
}
let nango: NangoClient
do {
    nango = try NangoClient.fromEnvironment(environment, configuration: configuration)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\nSet it with: export NANGO_SECRET_KEY=...\n".utf8))
    exit(78)
}

let handlers = NangoWebhookHandlers(
    auth: { auth in
        print("auth: \(auth.operation) of \(auth.connectionID) (\(auth.providerConfigKey)), success \(auth.success)")
    },
    sync: { sync in
        let changes = sync.responseResults.map { "+\($0.added) ~\($0.updated) -\($0.deleted ?? 0)" } ?? "no counts"
        print("sync: \(sync.syncName) of \(sync.connectionID), model \(sync.model), \(changes)")
    },
    forward: { forward in
        print("forward from \(forward.from) for \(forward.connectionID ?? "-") (\(forward.providerConfigKey))")
    },
    asyncAction: { done in
        print("async action done: \(done.handle.id)")
    }
)
let port = environment["PORT"].flatMap(Int.init) ?? 8080
let app = NangoWebhookReceiver(nango: nango, handlers: handlers).application(port: port)
try await app.runService()
