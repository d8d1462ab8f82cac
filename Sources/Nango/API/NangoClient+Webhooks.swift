import Crypto
public import Foundation
public import HTTPTypes

extension NangoClient {
    /// Whether a webhook request really comes from Nango: the `X-Nango-Hmac-Sha256` header must be the
    /// HMAC-SHA256 of the raw body with one of ``Configuration/webhookSigningKeys`` (or, when none are set, the
    /// secret key: environments created before Nango introduced signing keys sign with it; newer ones need their
    /// signing key configured).
    ///
    /// ```swift
    /// guard nango.verifyIncomingWebhookRequest(body: rawBody, headers: request.headers) else { return .unauthorized }
    /// let event = try NangoWebhook(decoding: rawBody)
    /// ```
    ///
    /// - Pass the body **exactly as received**: any re-serialisation changes the bytes and fails the check.
    /// - The header is found case-insensitively; its hex may be upper- or lowercase; the comparison takes
    ///   constant time. A missing, truncated or non-hex signature returns `false`; nothing throws.
    /// - Several signing keys are accepted at once, so a key rotation loses no webhook.
    public func verifyIncomingWebhookRequest(body: Data, headers: HTTPFields) -> Bool {
        guard let field = headers.first(where: { $0.name == .nangoHMACSignature }) else {
            return false
        }
        return verifyHMAC(body: body, signature: field.value)
    }

    /// Verifies a webhook request whose headers are a dictionary (matched case-insensitively); see
    /// ``verifyIncomingWebhookRequest(body:headers:)-(Data,HTTPFields)``.
    public func verifyIncomingWebhookRequest(body: Data, headers: [String: String]) -> Bool {
        verifyIncomingWebhookRequest(body: body, headerPairs: headers.map { ($0.key, $0.value) })
    }

    /// Verifies a webhook request whose body is text (its UTF-8 bytes are checked).
    public func verifyIncomingWebhookRequest(body: String, headers: [String: String]) -> Bool {
        verifyIncomingWebhookRequest(body: Data(body.utf8), headers: headers)
    }

    /// Verifies a webhook request whose body is text (its UTF-8 bytes are checked).
    public func verifyIncomingWebhookRequest(body: String, headers: HTTPFields) -> Bool {
        verifyIncomingWebhookRequest(body: Data(body.utf8), headers: headers)
    }

    /// Verifies a webhook request whose headers are name and value pairs: the first header named
    /// `X-Nango-Hmac-Sha256` in any case is checked.
    public func verifyIncomingWebhookRequest<Headers: Sequence>(
        body: Data,
        headerPairs: Headers
    ) -> Bool where Headers.Element == (String, String) {
        guard let signature = headerPairs.first(where: { $0.0.lowercased() == "x-nango-hmac-sha256" })?.1 else {
            return false
        }
        return verifyHMAC(body: body, signature: signature)
    }

    /// Verifies a webhook request whose headers are labelled name and value pairs (SwiftNIO's and Vapor's
    /// `HTTPHeaders`, for example): the first header named `X-Nango-Hmac-Sha256` in any case is checked.
    public func verifyIncomingWebhookRequest<Headers: Sequence>(
        body: Data,
        headerPairs: Headers
    ) -> Bool where Headers.Element == (name: String, value: String) {
        verifyIncomingWebhookRequest(body: body, headerPairs: headerPairs.lazy.map { ($0.name, $0.value) })
    }

    /// The legacy check of Nango's `X-Nango-Signature` header: SHA-256 of the key followed by the body.
    ///
    /// **Deprecated**: this scheme is open to length extension; use
    /// ``verifyIncomingWebhookRequest(body:headers:)-(Data,HTTPFields)``, which checks the HMAC. Kept for parity with
    /// the Node SDK, with two differences: it takes the raw body (the Node SDK re-serialises a parsed payload,
    /// which only works when its serialisation matches Nango's byte for byte), and it compares in constant
    /// time.
    /// Verifies a webhook whose body is any bytes — a `[UInt8]`, SwiftNIO's `ByteBufferView`
    /// (`buffer.readableBytesView`), a Vapor or Hummingbird body's bytes — without copying them into `Data` when
    /// they are contiguous. Otherwise the same as ``verifyIncomingWebhookRequest(body:headers:)-(Data,HTTPFields)``.
    public func verifyIncomingWebhookRequest<Bytes: Collection<UInt8>>(bodyBytes: Bytes, headers: HTTPFields) -> Bool {
        guard let field = headers.first(where: { $0.name == .nangoHMACSignature }) else {
            return false
        }
        let verified = bodyBytes.withContiguousStorageIfAvailable { buffer in
            verifyHMAC(body: UnsafeRawBufferPointer(buffer), signature: field.value)
        }
        return verified ?? verifyHMAC(body: Data(bodyBytes), signature: field.value)
    }

    /// Verifies a webhook's signature and decodes it, in one call: the way a webhook handler should start.
    ///
    /// ```swift
    /// // Hummingbird
    /// router.post("/webhooks/nango") { request, context in
    ///     let body = try await request.body.collect(upTo: 1 << 20)
    ///     let fields = HTTPFields(request.headers.map { HTTPField(name: $0.name, value: $0.value) })
    ///     switch try nango.webhook(body: body.readableBytesView, headers: fields) { ... }
    /// }
    /// ```
    ///
    /// - Throws: ``NangoError`` of kind ``NangoError/Kind/invalidSignature`` when the signature header is missing
    ///   or does not match (nothing of the body is decoded then), or of kind ``NangoError/Kind/decoding`` when the
    ///   body is not a JSON object.
    public func webhook<Bytes: Collection<UInt8>>(body: Bytes, headers: HTTPFields) throws -> NangoWebhook {
        guard verifyIncomingWebhookRequest(bodyBytes: body, headers: headers) else {
            let missing = !headers.contains { $0.name == .nangoHMACSignature }
            throw NangoError(
                kind: .invalidSignature,
                message: missing
                    ? "The webhook has no X-Nango-Hmac-Sha256 header."
                    : "The webhook's X-Nango-Hmac-Sha256 signature does not match its body for any signing key."
            )
        }
        return try NangoWebhook(decoding: Data(body))
    }

    @available(*, deprecated, message: "Use verifyIncomingWebhookRequest(body:headers:), which checks the HMAC.")
    public func verifyWebhookSignature(_ signatureInHeader: String, body: String) -> Bool {
        guard let given = Self.hexBytes(signatureInHeader) else { return false }
        var matched = false
        for key in webhookKeys {
            let digest = Array(SHA256.hash(data: Data((key.value + body).utf8)))
            matched = Self.constantTimeEqual(digest, given) || matched
        }
        return matched
    }

    /// The keys webhooks may be signed with: the configured signing keys, or the secret key when none is
    /// configured. Signing keys that are all empty (a missing environment variable) verify nothing rather than
    /// falling back silently.
    private var webhookKeys: [SecretKey] {
        guard !configuration.webhookSigningKeys.isEmpty else { return [secretKey] }
        return configuration.webhookSigningKeys.filter { !$0.isEmpty }
    }

    private func verifyHMAC<Body: DataProtocol>(body: Body, signature: String) -> Bool {
        guard let given = Self.hexBytes(signature.trimmingCharacters(in: .whitespaces)) else { return false }
        var matched = false
        for key in webhookKeys {
            // `isValidAuthenticationCode` compares in constant time; every key is tried, whatever matched.
            let valid = HMAC<SHA256>.isValidAuthenticationCode(
                given,
                authenticating: body,
                using: SymmetricKey(data: Data(key.value.utf8))
            )
            matched = valid || matched
        }
        return matched
    }

    /// 64 hex digits (either case) as 32 bytes; `nil` for anything else.
    static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var index = 0
        while index < 64 {
            guard let high = digits[index].hexDigitValue, let low = digits[index + 1].hexDigitValue else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }


    private static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
