import HTTPTypes

/// The request the pipeline benchmark's bare transport call sends, built once.
enum HTTPRequestFactory {
    static func listConnections() -> HTTPRequest {
        var request = HTTPRequest(method: .get, scheme: "https", authority: "api.nango.dev",
                                  path: "/connections?integrationId=github&tags%5Borganization_id%5D=org-1")
        request.headerFields[.authorization] = "Bearer benchmark-key"
        request.headerFields[.accept] = "application/json"
        return request
    }
}
