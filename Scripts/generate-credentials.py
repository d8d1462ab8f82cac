# Generates Sources/Nango/Models/CredentialTypes.swift from the table below: `python3 Scripts/generate-credentials.py`
# (`--check` only compares, for CI).
# field: (swiftName, jsonKey, swiftType, required, secret, doc)
S=True
structs = [
 ("OAuth2Credentials","OAUTH2","OAuth 2 credentials (`OAUTH2`, also used by `MCP_OAUTH2` connections).",[
  ("accessToken","access_token","String",True,S,"The access token."),
  ("refreshToken","refresh_token","String",False,S,"The refresh token; present only when the connection was read with `refreshToken: true`."),
  ("expiresAt","expires_at","Date",False,False,"When the access token expires."),
  ("configOverride","config_override","OAuthClientOverride",False,S,"A client id and secret that replace the integration's for this connection."),
  ("raw","raw","JSONValue",False,S,"The provider's raw token response."),
 ]),
 ("OAuth1Credentials","OAUTH1","OAuth 1.0a credentials (`OAUTH1`).",[
  ("oauthToken","oauth_token","String",True,S,"The OAuth token."),
  ("oauthTokenSecret","oauth_token_secret","String",True,S,"The OAuth token secret."),
  ("raw","raw","JSONValue",False,S,"The provider's raw token response."),
 ]),
 ("OAuth2ClientCredentials","OAUTH2_CC","OAuth 2 client-credentials grant (`OAUTH2_CC`).",[
  ("token","token","String",True,S,"The access token."),
  ("clientID","client_id","String",True,False,"The OAuth client id."),
  ("clientSecret","client_secret","String",True,S,"The OAuth client secret."),
  ("clientCertificate","client_certificate","String",False,S,"A client certificate for mutual TLS."),
  ("clientPrivateKey","client_private_key","String",False,S,"The private key of the client certificate."),
  ("expiresAt","expires_at","Date",False,False,"When the token expires."),
  ("raw","raw","JSONValue",False,S,"The provider's raw token response."),
 ]),
 ("APIKeyCredentials","API_KEY","An API key (`API_KEY`).",[
  ("apiKey","apiKey","String",True,S,"The API key."),
 ]),
 ("BasicCredentials","BASIC","Basic authentication (`BASIC`). Connections made by an install plugin may carry other keys instead (see ``additionalFields``).",[
  ("username","username","String",False,S,"The user name (secret: some APIs put their key here)."),
  ("password","password","String",False,S,"The password."),
 ]),
 ("AppCredentials","APP","GitHub App installation credentials (`APP`).",[
  ("accessToken","access_token","String",True,S,"The installation access token."),
  ("expiresAt","expires_at","Date",False,False,"When the access token expires."),
  ("jwtToken","jwtToken","String",False,S,"The app's JWT, when it was refreshed with `refreshGitHubAppJWTToken: true`."),
  ("raw","raw","JSONValue",False,S,"The provider's raw token response."),
 ]),
 ("CustomCredentials","CUSTOM","Custom credentials (`CUSTOM`): either only `raw`, or a GitHub App combined with an OAuth user (``app`` and ``user``).",[
  ("app","app","AppCredentials",False,False,"The GitHub App part of a combined GitHub App OAuth connection."),
  ("user","user","OAuth2Credentials",False,False,"The user part of a combined GitHub App OAuth connection (`nil` before the user authorised)."),
  ("raw","raw","JSONValue",False,S,"The raw credentials."),
 ]),
 ("TBACredentials","TBA","NetSuite token-based authentication (`TBA`).",[
  ("tokenID","token_id","String",True,S,"The token id."),
  ("tokenSecret","token_secret","String",True,S,"The token secret."),
  ("configOverride","config_override","OAuthClientOverride",False,S,"A client id and secret that replace the integration's for this connection."),
 ]),
 ("JWTCredentials","JWT","JWT credentials (`JWT`): an open set of provider-specific keys (``additionalFields``, for example `issuerId`, `privateKey`, `privateKeyId`) plus the generated token.",[
  ("token","token","String",False,S,"The generated JWT."),
  ("expiresAt","expires_at","Date",False,False,"When the token expires."),
 ]),
 ("BillCredentials","BILL","Bill.com credentials (`BILL`).",[
  ("username","username","String",True,S,"The user name (secret: some APIs put their key here)."),
  ("password","password","String",True,S,"The password."),
  ("organizationID","organization_id","String",True,False,"The organization id."),
  ("devKey","dev_key","String",True,S,"The developer key."),
  ("sessionID","session_id","String",False,S,"The current session id."),
  ("userID","user_id","String",False,False,"The user id."),
  ("expiresAt","expires_at","Date",False,False,"When the session expires."),
  ("raw","raw","JSONValue",False,S,"The provider's raw response."),
 ]),
 ("TwoStepCredentials","TWO_STEP","Two-step credentials (`TWO_STEP`): an open set of provider-specific keys (``additionalFields``) plus the token obtained with them.",[
  ("token","token","String",False,S,"The token."),
  ("refreshToken","refresh_token","String",False,S,"The refresh token."),
  ("expiresAt","expires_at","Date",False,False,"When the token expires."),
  ("raw","raw","JSONValue",False,S,"The provider's raw response."),
 ]),
 ("SignatureCredentials","SIGNATURE","Signature-based credentials (`SIGNATURE`).",[
  ("username","username","String",True,S,"The user name (secret: some APIs put their key here)."),
  ("password","password","String",True,S,"The password."),
  ("token","token","String",False,S,"The generated token."),
  ("expiresAt","expires_at","Date",False,False,"When the token expires."),
 ]),
 ("AWSSigV4Credentials","AWS_SIGV4","AWS Signature Version 4 credentials (`AWS_SIGV4`), from an assumed role.",[
  ("roleARN","role_arn","String",True,False,"The ARN of the assumed role."),
  ("region","region","String",True,False,"The AWS region."),
  ("service","service","String",True,False,"The AWS service."),
  ("accessKeyID","access_key_id","String",True,S,"The temporary access key id."),
  ("secretAccessKey","secret_access_key","String",True,S,"The temporary secret access key."),
  ("sessionToken","session_token","String",False,S,"The session token."),
  ("expiresAt","expires_at","Date",False,False,"When the temporary credentials expire."),
  ("externalID","external_id","String",False,False,"The external id used to assume the role."),
  ("raw","raw","JSONValue",False,S,"The raw response."),
 ]),
]
sub = [("OAuthClientOverride",None,"A client id and secret that replace the integration's own for one connection.",[
  ("clientID","client_id","String",False,False,"The OAuth client id."),
  ("clientSecret","client_secret","String",False,S,"The OAuth client secret."),
 ])]

def gen(name, tag, doc, fields):
    out=[]
    a=out.append
    a(f"/// {doc}")
    a("///")
    a("/// Secrets never print: `description`, `debugDescription` and `dump` show only the non-secret fields.")
    a(f"public struct {name}: Codable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,")
    a("    CustomReflectable")
    a("{")
    for (n,k,t,req,sec,d) in fields:
        a(f"    /// {d}")
        a(f"    public var {n}: {t}{'' if req else '?'}")
    a("    /// Fields this version of the SDK does not model, kept so that they survive a decode and encode.")
    a("    public var additionalFields: [String: JSONValue]")
    a("")
    a("    /// Creates the credentials (to import a connection, or in tests).")
    params=", ".join(f"{n}: {t}{'' if req else '? = nil'}" for (n,k,t,req,sec,d) in fields)
    a(f"    public init({params}, additionalFields: [String: JSONValue] = [:]) {{")
    for (n,k,t,req,sec,d) in fields:
        a(f"        self.{n} = {n}")
    a("        self.additionalFields = additionalFields")
    a("    }")
    a("")
    a("    private enum CodingKeys: String, CodingKey, CaseIterable {")
    if tag: a("        case type")
    for (n,k,t,req,sec,d) in fields:
        a(f"        case {n}" + ("" if n==k else f' = "{k}"'))
    a("    }")
    a("")
    a("    /// Decodes the credentials, keeping unknown fields.")
    a("    public init(from decoder: any Decoder) throws {")
    a("        let container = try decoder.container(keyedBy: CodingKeys.self)")
    for (n,k,t,req,sec,d) in fields:
        if t=="Date":
            a(f"        {n} = try container.decodeISO8601{'' if req else 'IfPresent'}(forKey: .{n})")
        else:
            a(f"        {n} = try container.decode{'' if req else 'IfPresent'}({t}.self, forKey: .{n})")
    a("        additionalFields = try decoder.unknownFields(excluding: CodingKeys.self)")
    a("    }")
    a("")
    a("    /// Encodes the credentials" + (f" with `\"type\": \"{tag}\"`" if tag else "") + " and any unknown fields.")
    a("    public func encode(to encoder: any Encoder) throws {")
    a("        var container = encoder.container(keyedBy: CodingKeys.self)")
    if tag: a(f'        try container.encode("{tag}", forKey: .type)')
    for (n,k,t,req,sec,d) in fields:
        if t=="Date":
            a(f"        try container.encodeISO8601{'' if req else 'IfPresent'}({n}, forKey: .{n})")
        else:
            a(f"        try container.encode{'' if req else 'IfPresent'}({n}, forKey: .{n})")
    a("        try encoder.encodeUnknownFields(additionalFields)")
    a("    }")
    a("")
    shown=[(n) for (n,k,t,req,sec,d) in fields if not sec]
    pairs = "[" + ", ".join(f'"{n}": {n}' for n in shown) + "]" if shown else "[:]"
    a("    /// The non-secret fields; secrets show as `<redacted>`.")
    a(f'    public var description: String {{ Redacted.describe("{name}", {pairs}) }}')
    a("")
    a("    /// The same as ``description``.")
    a("    public var debugDescription: String { description }")
    a("")
    a("    /// A mirror of the non-secret fields only, for `dump`.")
    a(f"    public var customMirror: Mirror {{ Redacted.mirror(self, {pairs}) }}")
    a("}")
    return "\n".join(out)

parts=["// Generated by Scripts/generate-credentials.py from a table of Nango's credential shapes; edit the table,",
       "// not this output, when a shape changes.","","public import Foundation",""]
for s in structs+sub:
    parts.append(gen(*s)); parts.append("")
# `--check`: exit 1 (writing nothing) when the committed file differs from what the table generates, so CI can
# tell a stale or hand-edited file.
import os, sys
target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources/Nango/Models/CredentialTypes.swift")
generated = "\n".join(parts)
if "--check" in sys.argv[1:]:
    with open(target) as current:
        if current.read() != generated:
            sys.stderr.write("Sources/Nango/Models/CredentialTypes.swift is stale: run python3 Scripts/generate-credentials.py\n")
            sys.exit(1)
    sys.exit(0)
with open(target, "w") as output:
    output.write(generated)
