import HTTPTypes

// Every header the SDK names itself, in one place. The literals are valid header names, so the unwraps cannot
// fail for any input.
extension HTTPField.Name {
    static let nangoRequestID = HTTPField.Name("X-Request-Id")!
    static let nangoIsSync = HTTPField.Name("Nango-Is-Sync")!
    static let nangoIsDryRun = HTTPField.Name("Nango-Is-Dry-Run")!
    static let nangoIsScript = HTTPField.Name("Nango-Is-Script")!
    static let nangoConnectionID = HTTPField.Name("Connection-Id")!
    static let nangoProviderConfigKey = HTTPField.Name("Provider-Config-Key")!
    static let nangoAsync = HTTPField.Name("X-Async")!
    static let nangoMaxRetries = HTTPField.Name("X-Max-Retries")!
    static let nangoHMACSignature = HTTPField.Name("X-Nango-Hmac-Sha256")!
    static let nangoRateLimitLimit = HTTPField.Name("X-RateLimit-Limit")!
    static let nangoRateLimitRemaining = HTTPField.Name("X-RateLimit-Remaining")!
    static let nangoRateLimitReset = HTTPField.Name("X-RateLimit-Reset")!
}

extension HTTPFields {
    /// `Connection-Id` and `Provider-Config-Key`, which records, actions and the proxy take as headers.
    static func connection(_ providerConfigKey: String, _ connectionID: String) throws -> HTTPFields {
        try Validate.headerValue(providerConfigKey, "providerConfigKey")
        try Validate.headerValue(connectionID, "connectionID")
        var fields = HTTPFields()
        fields[.nangoConnectionID] = connectionID
        fields[.nangoProviderConfigKey] = providerConfigKey
        return fields
    }
}
