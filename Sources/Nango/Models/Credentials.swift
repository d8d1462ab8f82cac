import NangoJSON
/// The credentials of a connection, one case per Nango auth type.
///
/// ```swift
/// switch connection.credentials {
/// case .oauth2(let oauth): use(oauth.accessToken)
/// case .apiKey(let key): use(key.apiKey)
/// case .empty: break        // the key lacks the read-credentials scope, or the API needs no auth
/// default: break
/// }
/// ```
///
/// Decoding never fails because of credentials: a type this SDK does not know, or a known type whose shape is
/// unexpected, becomes ``unknown(_:)`` with the JSON as sent, and encodes back unchanged. Nothing secret prints:
/// `description`, `debugDescription` and `dump` show the auth type and non-secret fields only.
public enum Credentials: Sendable, Hashable {
    /// `OAUTH2` (also `MCP_OAUTH2` and `MCP_OAUTH2_GENERIC` connections).
    case oauth2(OAuth2Credentials)
    /// `OAUTH1`.
    case oauth1(OAuth1Credentials)
    /// `OAUTH2_CC`, the client-credentials grant.
    case oauth2ClientCredentials(OAuth2ClientCredentials)
    /// `API_KEY`.
    case apiKey(APIKeyCredentials)
    /// `BASIC` (also install-plugin connections, whose keys are in `additionalFields`).
    case basic(BasicCredentials)
    /// `APP`, a GitHub App installation.
    case app(AppCredentials)
    /// `CUSTOM`.
    case custom(CustomCredentials)
    /// `TBA`, NetSuite token-based authentication.
    case tba(TBACredentials)
    /// `JWT`.
    case jwt(JWTCredentials)
    /// `BILL`.
    case bill(BillCredentials)
    /// `TWO_STEP`.
    case twoStep(TwoStepCredentials)
    /// `SIGNATURE`.
    case signature(SignatureCredentials)
    /// `AWS_SIGV4`.
    case awsSigV4(AWSSigV4Credentials)
    /// `{"type": "NONE"}`: the API needs no authentication.
    case unauthenticated
    /// `{}`: no credentials visible. Nango sends this for unauthenticated connections, and for every connection
    /// when the secret key lacks the `environment:connections:read_credentials` scope.
    case empty
    /// An auth type this version of the SDK does not know (or a known one with an unexpected shape), as sent.
    case unknown(JSONValue)

    /// The auth type as Nango spells it (`OAUTH2`, `API_KEY`, ...); `nil` for ``empty`` (and an unknown value
    /// without a `type`).
    public var type: AuthMode? {
        switch self {
        case .oauth2: return .oauth2
        case .oauth1: return .oauth1
        case .oauth2ClientCredentials: return .oauth2ClientCredentials
        case .apiKey: return .apiKey
        case .basic: return .basic
        case .app: return .app
        case .custom: return .custom
        case .tba: return .tba
        case .jwt: return .jwt
        case .bill: return .bill
        case .twoStep: return .twoStep
        case .signature: return .signature
        case .awsSigV4: return .awsSigV4
        case .unauthenticated: return AuthMode.none
        case .empty: return nil
        case .unknown(let json): return json["type"]?.stringValue.map(AuthMode.init(rawValue:))
        }
    }

    /// The provider's raw token response, for the types that keep one (as the Node SDK's
    /// `getRawTokenResponse`); `nil` for `API_KEY`, `BASIC`, `TBA`, `SIGNATURE`, `{}` and others.
    public var raw: JSONValue? {
        switch self {
        case .oauth2(let value): return value.raw
        case .oauth1(let value): return value.raw
        case .oauth2ClientCredentials(let value): return value.raw
        case .app(let value): return value.raw
        case .custom(let value): return value.raw
        case .bill(let value): return value.raw
        case .twoStep(let value): return value.raw
        case .awsSigV4(let value): return value.raw
        case .unknown(let json): return json["raw"]
        case .apiKey, .basic, .tba, .jwt, .signature, .unauthenticated, .empty: return nil
        }
    }
}

extension Credentials: Codable {
    /// Decodes credentials of any type; see the type's documentation for what never fails.
    public init(from decoder: any Decoder) throws {
        if let engine = IndexDecoder.engine(decoder) {
            try self.init(reading: engine)
            return
        }
        let json = try JSONValue(from: decoder)
        guard case .object(let members) = json else {
            self = .unknown(json)
            return
        }
        guard let type = members["type"] else {
            self = members.isEmpty ? .empty : .unknown(json)
            return
        }
        do {
            switch type.stringValue {
            case "OAUTH2": self = .oauth2(try OAuth2Credentials(from: decoder))
            case "OAUTH1": self = .oauth1(try OAuth1Credentials(from: decoder))
            case "OAUTH2_CC": self = .oauth2ClientCredentials(try OAuth2ClientCredentials(from: decoder))
            case "API_KEY": self = .apiKey(try APIKeyCredentials(from: decoder))
            case "BASIC": self = .basic(try BasicCredentials(from: decoder))
            case "APP": self = .app(try AppCredentials(from: decoder))
            case "CUSTOM": self = .custom(try CustomCredentials(from: decoder))
            case "TBA": self = .tba(try TBACredentials(from: decoder))
            case "JWT": self = .jwt(try JWTCredentials(from: decoder))
            case "BILL": self = .bill(try BillCredentials(from: decoder))
            case "TWO_STEP": self = .twoStep(try TwoStepCredentials(from: decoder))
            case "SIGNATURE": self = .signature(try SignatureCredentials(from: decoder))
            case "AWS_SIGV4": self = .awsSigV4(try AWSSigV4Credentials(from: decoder))
            case "NONE" where members.count == 1: self = .unauthenticated
            default: self = .unknown(json)
            }
        } catch {
            self = .unknown(json)
        }
    }

    /// Reads credentials straight from the SDK's JSON index, with the same results as the decoding above: the
    /// `type` member picks the generated reader, and the JSON is built only for a value that becomes
    /// ``unknown(_:)`` (or `NONE`, which must have no other member).
    init(reading decoder: IndexDecoder) throws {
        self = try Self.read(decoder)
    }

    private static func read(_ decoder: IndexDecoder) throws -> Credentials {
        let reader = decoder.reader
        let entry = reader.entry(decoder.node)
        guard entry.kind == .object else { return .unknown(try decoder.jsonValue()) }
        guard entry.length > 0 else { return .empty }
        let object = try IndexObjectReader(decoder, decoding: Credentials.self)
        guard let typeNode = object.node("type"), reader.entry(typeNode).kind.isString else {
            return .unknown(try decoder.jsonValue())
        }
        do {
            switch reader.string(reader.entry(typeNode)) {
            case "OAUTH2": return .oauth2(try OAuth2Credentials(reading: decoder))
            case "OAUTH1": return .oauth1(try OAuth1Credentials(reading: decoder))
            case "OAUTH2_CC": return .oauth2ClientCredentials(try OAuth2ClientCredentials(reading: decoder))
            case "API_KEY": return .apiKey(try APIKeyCredentials(reading: decoder))
            case "BASIC": return .basic(try BasicCredentials(reading: decoder))
            case "APP": return .app(try AppCredentials(reading: decoder))
            case "CUSTOM": return .custom(try CustomCredentials(reading: decoder))
            case "TBA": return .tba(try TBACredentials(reading: decoder))
            case "JWT": return .jwt(try JWTCredentials(reading: decoder))
            case "BILL": return .bill(try BillCredentials(reading: decoder))
            case "TWO_STEP": return .twoStep(try TwoStepCredentials(reading: decoder))
            case "SIGNATURE": return .signature(try SignatureCredentials(reading: decoder))
            case "AWS_SIGV4": return .awsSigV4(try AWSSigV4Credentials(reading: decoder))
            default: break
            }
        } catch {
            // A known type with an unexpected shape: kept as sent, below.
        }
        let json = try decoder.jsonValue()
        if case .object(let members) = json, members.count == 1, members["type"]?.stringValue == "NONE" {
            return .unauthenticated
        }
        return .unknown(json)
    }

    /// Encodes the credentials as Nango spells them.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .oauth2(let value): try value.encode(to: encoder)
        case .oauth1(let value): try value.encode(to: encoder)
        case .oauth2ClientCredentials(let value): try value.encode(to: encoder)
        case .apiKey(let value): try value.encode(to: encoder)
        case .basic(let value): try value.encode(to: encoder)
        case .app(let value): try value.encode(to: encoder)
        case .custom(let value): try value.encode(to: encoder)
        case .tba(let value): try value.encode(to: encoder)
        case .jwt(let value): try value.encode(to: encoder)
        case .bill(let value): try value.encode(to: encoder)
        case .twoStep(let value): try value.encode(to: encoder)
        case .signature(let value): try value.encode(to: encoder)
        case .awsSigV4(let value): try value.encode(to: encoder)
        case .unauthenticated: try JSONValue.object(["type": "NONE"]).encode(to: encoder)
        case .empty: try JSONValue.object([:]).encode(to: encoder)
        case .unknown(let json): try json.encode(to: encoder)
        }
    }
}

extension Credentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The auth type and non-secret fields, e.g. `Credentials.oauth2(OAuth2Credentials(expiresAt: …, secrets: <redacted>))`.
    public var description: String {
        switch self {
        case .oauth2(let value): return "Credentials.oauth2(\(value))"
        case .oauth1(let value): return "Credentials.oauth1(\(value))"
        case .oauth2ClientCredentials(let value): return "Credentials.oauth2ClientCredentials(\(value))"
        case .apiKey(let value): return "Credentials.apiKey(\(value))"
        case .basic(let value): return "Credentials.basic(\(value))"
        case .app(let value): return "Credentials.app(\(value))"
        case .custom(let value): return "Credentials.custom(\(value))"
        case .tba(let value): return "Credentials.tba(\(value))"
        case .jwt(let value): return "Credentials.jwt(\(value))"
        case .bill(let value): return "Credentials.bill(\(value))"
        case .twoStep(let value): return "Credentials.twoStep(\(value))"
        case .signature(let value): return "Credentials.signature(\(value))"
        case .awsSigV4(let value): return "Credentials.awsSigV4(\(value))"
        case .unauthenticated: return "Credentials.unauthenticated"
        case .empty: return "Credentials.empty"
        case .unknown: return "Credentials.unknown(type: \(type?.rawValue ?? "none"), \(Redaction.placeholder))"
        }
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror that holds only ``description``, for `dump`.
    public var customMirror: Mirror {
        Mirror(self, children: ["credentials": description], displayStyle: .enum)
    }
}
