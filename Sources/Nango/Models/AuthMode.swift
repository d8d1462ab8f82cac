/// An auth mode as Nango spells it (`OAUTH2`, `API_KEY`, ...). An open set: modes added after this SDK
/// decode and re-encode unchanged.
public struct AuthMode: OpenEnumeration {
    /// The mode as Nango spells it.
    public let rawValue: String

    /// Wraps a mode.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `OAUTH1`.
    public static let oauth1: AuthMode = "OAUTH1"
    /// `OAUTH2`.
    public static let oauth2: AuthMode = "OAUTH2"
    /// `OAUTH2_CC`.
    public static let oauth2ClientCredentials: AuthMode = "OAUTH2_CC"
    /// `BASIC`.
    public static let basic: AuthMode = "BASIC"
    /// `API_KEY`.
    public static let apiKey: AuthMode = "API_KEY"
    /// `CUSTOM`.
    public static let custom: AuthMode = "CUSTOM"
    /// `APP`.
    public static let app: AuthMode = "APP"
    /// `NONE`.
    public static let none: AuthMode = "NONE"
    /// `TBA`.
    public static let tba: AuthMode = "TBA"
    /// `JWT`.
    public static let jwt: AuthMode = "JWT"
    /// `BILL`.
    public static let bill: AuthMode = "BILL"
    /// `TWO_STEP`.
    public static let twoStep: AuthMode = "TWO_STEP"
    /// `SIGNATURE`.
    public static let signature: AuthMode = "SIGNATURE"
    /// `MCP_OAUTH2`.
    public static let mcpOAuth2: AuthMode = "MCP_OAUTH2"
    /// `MCP_OAUTH2_GENERIC`.
    public static let mcpOAuth2Generic: AuthMode = "MCP_OAUTH2_GENERIC"
    /// `INSTALL_PLUGIN`.
    public static let installPlugin: AuthMode = "INSTALL_PLUGIN"
    /// `AWS_SIGV4`.
    public static let awsSigV4: AuthMode = "AWS_SIGV4"
}
