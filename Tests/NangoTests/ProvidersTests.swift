import Foundation
import HTTPTypes
@testable import Nango
import NangoTesting
import Testing

@Suite("Providers API", .timeLimit(.minutes(1)))
struct ProvidersTests {
    @Test("listProviders sends search (form-encoded) and decodes providers, keeping every other field")
    func providers() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("providers/list"), for: .get, path: "/providers")
        mock.enqueue(try fixtureResponse("providers/list"), for: .get, path: "/providers")
        let nango = try makeClient(mock)

        let providers = try await nango.listProviders(search: "git hub")
        _ = try await nango.listProviders()

        #expect(mock.requests[0].rawQuery == "search=git+hub")
        #expect(mock.requests[1].rawQuery == nil)
        #expect(mock.requests[0].header("Accept-Language") == nil)
        let github = try #require(providers.first)
        #expect(github.name == "github")
        #expect(github.authMode == .oauth2)
        #expect(github.additionalFields["proxy"]?["base_url"] == "https://api.github.com")
    }

    @Test("getProvider and getProviderTemplates escape the provider name")
    func providerAndTemplates() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("providers/get"), for: .get, path: "/providers/github")
        mock.enqueue(try fixtureResponse("providers/templates"), for: .get, path: "/providers/git%20hub/templates")
        let nango = try makeClient(mock)

        let provider = try await nango.getProvider("github")
        let templates = try await nango.getProviderTemplates("git hub")

        #expect(provider.displayName == "GitHub (User OAuth)")
        #expect(!templates.isEmpty)
        #expect(templates.allSatisfy { $0.type == .sync || $0.type == .action })
        #expect(templates.first?.jsonSchema != nil)
    }

    // MARK: functions
}
