import Foundation
import Nango

/// The fake's built-in catalogue of providers: a few common ones of each auth mode.
enum FakeProviders {
    struct Entry {
        var name: String
        var displayName: String
        var authMode: String
        var categories: [String]
        var baseURL: String
        var authorizationURL: String?
        var tokenURL: String?
        var defaultScopes: [String]
        var templates: [JSONValue] = []

        var json: JSONValue {
            var members: [String: JSONValue] = [
                "name": .string(name),
                "display_name": .string(displayName),
                "auth_mode": .string(authMode),
                "categories": .array(categories.map(JSONValue.string)),
                "proxy": ["base_url": .string(baseURL)],
                "docs": .string("https://nango.dev/docs/integrations/all/\(name)"),
            ]
            if let authorizationURL { members["authorization_url"] = .string(authorizationURL) }
            if let tokenURL { members["token_url"] = .string(tokenURL) }
            if authMode == "OAUTH2" || authMode == "OAUTH1" {
                members["default_scopes"] = .array(defaultScopes.map(JSONValue.string))
                members["scope_separator"] = " "
            }
            return .object(members)
        }
    }

    static let catalogue: [Entry] = [
        Entry(
            name: "github", displayName: "GitHub (User OAuth)", authMode: "OAUTH2", categories: ["dev-tools", "ticketing"],
            baseURL: "https://api.github.com", authorizationURL: "https://github.com/login/oauth/authorize",
            tokenURL: "https://github.com/login/oauth/access_token", defaultScopes: ["read:user"],
            templates: [template("issues", "sync", "Fetches the issues of the repositories the user can access.", ["GithubIssue"])]
        ),
        Entry(
            name: "github-app", displayName: "GitHub App", authMode: "APP", categories: ["dev-tools"],
            baseURL: "https://api.github.com", authorizationURL: nil, tokenURL: nil, defaultScopes: []
        ),
        Entry(
            name: "google-drive", displayName: "Google Drive", authMode: "OAUTH2", categories: ["knowledge-base", "storage"],
            baseURL: "https://www.googleapis.com", authorizationURL: "https://accounts.google.com/o/oauth2/v2/auth",
            tokenURL: "https://oauth2.googleapis.com/token", defaultScopes: ["openid"]
        ),
        Entry(
            name: "hubspot", displayName: "HubSpot", authMode: "OAUTH2", categories: ["marketing", "crm"],
            baseURL: "https://api.hubapi.com", authorizationURL: "https://app.hubspot.com/oauth/authorize",
            tokenURL: "https://api.hubapi.com/oauth/v1/token", defaultScopes: ["oauth"],
            templates: [
                template("contacts", "sync", "Fetches the contacts of the account.", ["Contact"]),
                template("create-contact", "action", "Creates a contact.", ["Contact"]),
            ]
        ),
        Entry(
            name: "slack", displayName: "Slack", authMode: "OAUTH2", categories: ["communication"],
            baseURL: "https://slack.com/api", authorizationURL: "https://slack.com/oauth/v2/authorize",
            tokenURL: "https://slack.com/api/oauth.v2.access", defaultScopes: ["chat:write"]
        ),
        Entry(
            name: "salesforce", displayName: "Salesforce", authMode: "OAUTH2", categories: ["crm"],
            baseURL: "https://login.salesforce.com", authorizationURL: "https://login.salesforce.com/services/oauth2/authorize",
            tokenURL: "https://login.salesforce.com/services/oauth2/token", defaultScopes: ["offline_access", "api"]
        ),
        Entry(
            name: "twitter", displayName: "Twitter (OAuth 1.0a)", authMode: "OAUTH1", categories: ["social"],
            baseURL: "https://api.twitter.com", authorizationURL: "https://api.twitter.com/oauth/authorize",
            tokenURL: "https://api.twitter.com/oauth/access_token", defaultScopes: []
        ),
        Entry(
            name: "paypal", displayName: "PayPal", authMode: "OAUTH2_CC", categories: ["payment"],
            baseURL: "https://api-m.paypal.com", authorizationURL: nil, tokenURL: "https://api-m.paypal.com/v1/oauth2/token",
            defaultScopes: []
        ),
        Entry(
            name: "stripe", displayName: "Stripe", authMode: "API_KEY", categories: ["payment"],
            baseURL: "https://api.stripe.com", authorizationURL: nil, tokenURL: nil, defaultScopes: []
        ),
        Entry(
            name: "jira-basic", displayName: "Jira (Basic Auth)", authMode: "BASIC", categories: ["ticketing", "productivity"],
            baseURL: "https://${connectionConfig.subdomain}.atlassian.net", authorizationURL: nil, tokenURL: nil, defaultScopes: []
        ),
        Entry(
            name: "netsuite-tba", displayName: "NetSuite (TBA)", authMode: "TBA", categories: ["accounting", "erp"],
            baseURL: "https://${connectionConfig.accountId}.suitetalk.api.netsuite.com", authorizationURL: nil, tokenURL: nil,
            defaultScopes: []
        ),
        Entry(
            name: "unauthenticated", displayName: "Unauthenticated", authMode: "NONE", categories: ["other"],
            baseURL: "https://${connectionConfig.baseUrl}", authorizationURL: nil, tokenURL: nil, defaultScopes: []
        ),
    ]

    static func find(_ name: String) -> Entry? {
        catalogue.first { $0.name == name }
    }

    static func logo(_ provider: String) -> String {
        "https://app.nango.dev/images/template-logos/\(provider).svg"
    }

    private static func template(_ name: String, _ type: String, _ description: String, _ returns: [String]) -> JSONValue {
        var definitions: [String: JSONValue] = [:]
        for model in returns {
            definitions[model] = ["type": "object", "properties": ["id": ["type": "string"]], "required": ["id"]]
        }
        var members: [String: JSONValue] = [
            "name": .string(name),
            "type": .string(type),
            "description": .string(description),
            "scopes": [],
            "returns": .array(returns.map(JSONValue.string)),
            "json_schema": ["$schema": "http://json-schema.org/draft-07/schema#", "definitions": .object(definitions)],
        ]
        if type == "sync" {
            members["runs"] = "every day"
            members["auto_start"] = true
            members["track_deletes"] = false
        }
        return .object(members)
    }
}
