public import Foundation
import HTTPTypes
import Logging
import Metrics
import Tracing

/// The Nango API client: every method of `@nangohq/node`, under the same names, with Swift types.
///
/// ```swift
/// let nango = try NangoClient(secretKey: "…")        // or try NangoClient.fromEnvironment()
/// let connection = try await nango.getConnection(providerConfigKey: "github", connectionID: "user-1")
/// ```
///
/// A client is a small `Sendable` value: create one at startup and share it; there is nothing to shut down (a
/// transport may own resources: see `AsyncHTTPClientTransport`).
/// Every method throws ``NangoError`` (or `CancellationError` when its task is cancelled).
public struct NangoClient: Sendable {
    /// The SDK's version, as sent in the `User-Agent` header.
    public static let version = "0.1.0"

    /// The configuration the client was created with.
    public let configuration: Configuration

    let secretKey: SecretKey
    let transport: any HTTPTransport
    /// How an attempt calls the transport, decided once.
    let route: TransportRoute
    /// The headers every request starts with (`User-Agent`, `Accept`, the `Nango-Is-*` flags), built once.
    let baseFields: HTTPFields
    /// The tracer of ``Configuration-swift.struct/tracer`` or the bootstrapped one; `nil` when it is the no-op
    /// tracer, so an untraced call does no tracing work at all.
    let tracer: (any Tracer)?
    let server: Server
    let userAgent: String
    /// The client's metrics, made from its factory.
    let metrics: MetricsRecorder
    /// Nango's rate-limit window as last reported, shared with the clients derived from this one.
    let rateLimits: RateLimitState

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - secretKey: The secret key of your Nango environment (Environment settings → API keys).
    ///   - configuration: Host, timeouts, retries, logging. See ``Configuration``.
    ///   - transport: How requests are sent. Default: a shared ``URLSessionTransport``.
    /// - Throws: ``NangoError`` of kind ``NangoError/Kind/invalidArgument`` when the key is empty or not printable
    ///   ASCII, the host is not an `http` or `https` URL with a valid host name and a port in 1–65535 (and no
    ///   query, fragment or credentials), or the user-agent suffix is not printable ASCII.
    public init(
        secretKey: String,
        configuration: Configuration = Configuration(),
        transport: any HTTPTransport = URLSessionTransport.shared
    ) throws {
        try self.init(secretKey: secretKey, configuration: configuration, transport: transport, rateLimits: RateLimitState())
    }

    private init(
        secretKey: String,
        configuration: Configuration,
        transport: any HTTPTransport,
        rateLimits: RateLimitState
    ) throws {
        let key = SecretKey(secretKey)
        guard !key.isEmpty else {
            throw NangoError.invalidArgument("The secret key is empty.")
        }
        guard secretKey.utf8.allSatisfy({ $0 > 0x20 && $0 <= 0x7E }) else {
            throw NangoError.invalidArgument("The secret key must be printable ASCII without spaces (it is sent in a header).")
        }
        if let suffix = configuration.userAgentSuffix {
            try Validate.headerValue(suffix, "userAgentSuffix")
        }
        self.secretKey = key
        self.configuration = configuration
        self.transport = transport
        self.server = try Server(host: configuration.host)
        self.userAgent = Self.userAgent(suffix: configuration.userAgentSuffix)
        self.metrics = MetricsRecorder(factory: configuration.metricsFactory ?? MetricsSystem.factory)
        self.rateLimits = rateLimits
        self.route = TransportRoute(transport)
        self.baseFields = Self.baseFields(userAgent: userAgent, configuration: configuration)
        let tracer = configuration.tracer ?? InstrumentationSystem.tracer
        self.tracer = tracer is NoOpTracer ? nil : tracer
    }

    /// Creates a client from the environment: `NANGO_SECRET_KEY` (required) and `NANGO_HOST` (optional, replaces
    /// `configuration.host` when set and not empty).
    ///
    /// - Throws: ``NangoError`` of kind ``NangoError/Kind/invalidArgument`` when `NANGO_SECRET_KEY` is missing
    ///   or empty, or `NANGO_HOST` is not a valid URL.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment,
        configuration: Configuration = Configuration(),
        transport: any HTTPTransport = URLSessionTransport.shared
    ) throws -> NangoClient {
        guard let key = environment["NANGO_SECRET_KEY"], !key.isEmpty else {
            throw NangoError.invalidArgument("NANGO_SECRET_KEY is not set.")
        }
        var configuration = configuration
        if let host = environment["NANGO_HOST"], !host.isEmpty {
            configuration.host = host
        }
        return try NangoClient(secretKey: key, configuration: configuration, transport: transport)
    }

    /// A client like this one — the same secret key and transport — with its configuration changed by `change`:
    /// per-call settings without the key ever leaving the client.
    ///
    /// ```swift
    /// let patient = try nango.withConfiguration { $0.timeout = .seconds(90); $0.retry = .none }
    /// let result = try await patient.triggerAction(providerConfigKey: "github", connectionID: "u1", action: "export")
    /// ```
    ///
    /// - Throws: ``NangoError`` of kind ``NangoError/Kind/invalidArgument`` when the changed configuration is
    ///   invalid (see ``init(secretKey:configuration:transport:)``), or what `change` throws.
    public func withConfiguration(_ change: (inout Configuration) throws -> Void) throws -> NangoClient {
        var configuration = configuration
        try change(&configuration)
        return try NangoClient(secretKey: secretKey.value, configuration: configuration, transport: transport, rateLimits: rateLimits)
    }

    /// `nango-swift/0.1.0 (Linux; Swift 6.3)`, plus `; <suffix>`.
    static func userAgent(suffix: String?) -> String {
        #if os(Linux)
        let system = "Linux"
        #elseif os(macOS)
        let system = "macOS"
        #elseif os(iOS)
        let system = "iOS"
        #elseif os(Windows)
        let system = "Windows"
        #else
        let system = "unknown"
        #endif
        #if swift(>=6.3)
        let swift = "6.3"
        #elseif swift(>=6.2)
        let swift = "6.2"
        #elseif swift(>=6.1)
        let swift = "6.1"
        #else
        let swift = "6.0"
        #endif
        var agent = "nango-swift/\(version) (\(system); Swift \(swift)"
        if let suffix, !suffix.isEmpty {
            agent += "; " + suffix
        }
        return agent + ")"
    }

    /// Scheme, authority and path prefix of the Nango server.
    struct Server: Sendable, Hashable {
        let scheme: String
        let authority: String
        let pathPrefix: String

        init(host: String) throws {
            let trimmed = host.trimmingCharacters(in: .whitespaces)
            let text = trimmed.isEmpty ? Configuration.productionHost : trimmed
            guard let components = URLComponents(string: text),
                  let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http",
                  let hostName = components.percentEncodedHost, !hostName.isEmpty
            else {
                throw NangoError.invalidArgument("The Nango host is not a valid http or https URL.")
            }
            guard components.percentEncodedQuery == nil, components.percentEncodedFragment == nil,
                  components.percentEncodedUser == nil, components.percentEncodedPassword == nil
            else {
                throw NangoError.invalidArgument("The Nango host must not have a query, a fragment or credentials.")
            }
            if let port = components.port, !(1...65535).contains(port) {
                throw NangoError.invalidArgument("The Nango host's port must be between 1 and 65535.")
            }
            self.scheme = scheme
            let bracketed = hostName.contains(":") && !hostName.hasPrefix("[") ? "[\(hostName)]" : hostName
            self.authority = components.port.map { "\(bracketed):\($0)" } ?? bracketed
            guard HostValidation.isValidAuthority(authority) else {
                throw NangoError.invalidArgument(
                    "The Nango host's name is not valid: a DNS name, an IPv4 address or a bracketed IPv6 address."
                )
            }
            var path = components.percentEncodedPath
            while path.hasSuffix("/") { path.removeLast() }
            self.pathPrefix = path
        }
    }
}

extension NangoClient: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `NangoClient(host: https://api.nango.dev, secretKey: <redacted>)`.
    public var description: String {
        "NangoClient(host: \(server.scheme)://\(server.authority)\(server.pathPrefix), secretKey: \(Redaction.placeholder))"
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror that shows the host, never the key.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: ["host": "\(server.scheme)://\(server.authority)\(server.pathPrefix)", "secretKey": Redaction.placeholder],
            displayStyle: .struct
        )
    }
}

extension URLSessionTransport {
    /// The transport a ``NangoClient`` uses unless given another: one session shared by all clients.
    public static let shared = URLSessionTransport()
}

extension NangoClient {
    /// The transports compiled into this build of the package: always `URLSessionTransport`, plus
    /// `AsyncHTTPClientTransport` when the package trait `AsyncHTTPClient` is enabled. (A package's traits are
    /// not visible to its users' `#if`; check this instead.)
    public static var availableTransports: [String] {
        #if AsyncHTTPClient
        return ["URLSessionTransport", "AsyncHTTPClientTransport"]
        #else
        return ["URLSessionTransport"]
        #endif
    }
}
