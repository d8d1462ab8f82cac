public import Logging
public import Metrics
public import Tracing

extension NangoClient {
    /// Settings of a ``NangoClient``. Every property has a default; set only what you need:
    ///
    /// ```swift
    /// var configuration = NangoClient.Configuration()
    /// configuration.host = "https://nango.internal.example.com/api"
    /// configuration.timeout = .seconds(10)
    /// configuration.logger = Logger(label: "nango")
    /// let nango = try NangoClient(secretKey: key, configuration: configuration)
    /// ```
    public struct Configuration: Sendable {
        /// The Nango server. A self-hosted server may have a path prefix, which is kept. Default:
        /// `https://api.nango.dev`.
        public var host: String
        /// Appended to the `User-Agent` header as `; <suffix>`, to identify your service in Nango's logs.
        public var userAgentSuffix: String?
        /// How long one attempt may take, from sending the request to the last byte of the response.
        /// Default: 30 s.
        public var timeout: Duration
        /// How long one call may take in all, retries and waits included. Default: 120 s.
        public var totalTimeout: Duration
        /// How long a synchronous action (``NangoClient/triggerAction(providerConfigKey:connectionID:action:input:as:)``)
        /// may run. Actions can legitimately take minutes, so this replaces both ``timeout`` and
        /// ``totalTimeout`` for them. Default: 15 minutes.
        public var actionTimeout: Duration
        /// When and how failed attempts are retried. Default: ``RetryPolicy/default``.
        public var retry: RetryPolicy
        /// Where the client logs each attempt (method, path template, status, attempt, duration; never headers
        /// or bodies) at `debug` and `trace` level. Default: `nil`, silent.
        public var logger: Logger?
        /// The clock the client waits on between attempts. Replace it in tests so that retries do not sleep
        /// (see `NangoTesting.ImmediateClock`). Timeouts always use real time.
        public var clock: any Clock<Duration>
        /// Sends `Nango-Is-Sync: true` on every request, as the Node SDK's `isSync`. Default: `false`.
        public var isSync: Bool
        /// Sends `Nango-Is-Dry-Run: true` on every request, as the Node SDK's `dryRun`. Default: `false`.
        public var isDryRun: Bool
        /// Sends `Nango-Is-Script: true` on every request, as the Node SDK's `isScript`. This changes how Nango
        /// authenticates the key (as an internal script secret) and is meant for Nango's own runner only.
        /// Default: `false`.
        public var isScript: Bool

        /// The keys that sign Nango's webhooks (Environment settings → Webhooks), for
        /// ``NangoClient/verifyIncomingWebhookRequest(body:headers:)-(Data,HTTPFields)``. Give two during a key rotation, so that no
        /// webhook is lost. When empty, the secret key is used, as Nango signed with it before signing keys existed.
        public var webhookSigningKeys: [SecretKey]
        /// The connection a proxy call uses when its ``ProxyRequest/connectionID`` is `nil` (the Node SDK's
        /// `connectionId` option; used by the proxy only).
        public var defaultConnectionID: String?
        /// The integration a proxy call uses when its ``ProxyRequest/providerConfigKey`` is `nil` (the Node SDK's
        /// `providerConfigKey` option; used by the proxy only).
        public var defaultProviderConfigKey: String?
        /// Sent as `Nango-Activity-Log-Id` on proxy calls, to group them in one of Nango's activity logs.
        public var activityLogID: String?

        /// The tracer that records a client span for every call (see <doc:Observability>). Default: `nil`, the
        /// tracer bootstrapped with `InstrumentationSystem.bootstrap`, read when the client is created (silent
        /// until one is).
        public var tracer: (any Tracer)?
        /// Where the client's metrics go (see <doc:Observability>). Default: `nil`, the factory bootstrapped
        /// with `MetricsSystem.bootstrap`, read when the client is created (silent until one is).
        public var metricsFactory: (any MetricsFactory)?
        /// Whether calls wait for an exhausted rate-limit window to reset before they are sent. Default:
        /// ``RateLimiting/off``.
        public var rateLimiting: RateLimiting
        /// How a large page of records is decoded. Default: ``PageDecoding/parallel``.
        public var pageDecoding: PageDecoding

        /// The default Nango host, `https://api.nango.dev`.
        public static let productionHost = "https://api.nango.dev"

        /// Creates a configuration with every default.
        public init() {
            host = Self.productionHost
            userAgentSuffix = nil
            timeout = .seconds(30)
            totalTimeout = .seconds(120)
            actionTimeout = .seconds(15 * 60)
            retry = .default
            logger = nil
            clock = ContinuousClock()
            isSync = false
            isDryRun = false
            isScript = false
            webhookSigningKeys = []
            defaultConnectionID = nil
            defaultProviderConfigKey = nil
            activityLogID = nil
            tracer = nil
            metricsFactory = nil
            rateLimiting = .off
            pageDecoding = .parallel
        }
    }
}

/// How a page of records is decoded once it has arrived (``NangoClient/Configuration/pageDecoding``).
///
/// The result is the same either way; only where the work runs differs.
public struct PageDecoding: Hashable, Sendable, CustomStringConvertible {
    private enum Mode: Hashable, Sendable {
        case parallel
        case serial
    }

    private let mode: Mode

    /// A page of 256 records or more is decoded in chunks of 128 by child tasks of the calling task: structured
    /// concurrency, never a thread blocked waiting for others. All clients of the process together decode at
    /// most as many chunks at once as the machine has cores; a cancelled call stops at the next chunk; your
    /// `init(from:)` runs with the caller's task-locals (its trace context, for one). Smaller pages, and pages
    /// with a pruned record that no longer fits your type, are decoded on the calling task.
    public static let parallel = PageDecoding(mode: .parallel)

    /// Every page is decoded on the calling task, one record after another: for a server that would rather keep
    /// its other cores for other requests than finish one page sooner.
    public static let serial = PageDecoding(mode: .serial)

    /// `parallel` or `serial`.
    public var description: String {
        switch mode {
        case .parallel: return "parallel"
        case .serial: return "serial"
        }
    }
}
