import Foundation
import HTTPTypes
@testable import Nango
import NangoTesting
import Testing

@Suite("Environment and scripts API", .timeLimit(.minutes(1)))
struct EnvironmentTests {
    @Test("getEnvironmentVariables decodes the list and never prints values")
    func variables() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("environment/variables"), for: .get, path: "/environment-variables")
        mock.enqueue(.http(status: 200))
        let nango = try makeClient(mock)

        let variables = try await nango.getEnvironmentVariables()
        let empty = try await nango.getEnvironmentVariables()

        #expect(variables.map(\.name) == ["GITHUB_ORG", "SYNC_LOOKBACK_DAYS", "SUPPORT_EMAIL"])
        #expect(variables[0].value == "acme")
        #expect(empty.isEmpty)
        let secret = EnvironmentVariable(name: "API_TOKEN", value: "canary-secret-env")
        expectNoSecrets(everyRendering(of: secret))
        expectNoSecrets(everyRendering(of: [secret]))
        #expect(mock.requests[0].rawQuery == nil)
    }

    @Test("getScriptsConfig in Nango's format sends format=nango and decodes every integration")
    func scriptsNango() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("environment/scripts-config-nango"), for: .get, path: "/scripts/config")
        let nango = try makeClient(mock)

        let config = try await nango.getScriptsConfig()

        #expect(mock.lastRequest?.rawQuery == "format=nango")
        let integrations = config.integrations
        #expect(integrations.map(\.providerConfigKey) == ["github-prod", "slack"])
        let sync = try #require(integrations[0].syncs.first)
        #expect(sync.name == "github-issues")
        #expect(sync.runs == "every 30 minutes")
        #expect(sync.autoStart == true)
        #expect(sync.jsonSchema != nil)
        #expect(!sync.additionalFields.isEmpty)
        #expect(integrations[0].onEvents.count == 1)
        #expect(config.functions.isEmpty)
    }

    @Test("getScriptsConfig in the OpenAI format decodes the functions; [] means none in both formats")
    func scriptsOpenAI() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("environment/scripts-config-openai"))
        mock.enqueue(try fixtureResponse("environment/scripts-config-empty"))
        mock.enqueue(try fixtureResponse("environment/scripts-config-empty"))
        let nango = try makeClient(mock)

        let functions = try await nango.getScriptsConfig(format: .openAI).functions
        let emptyOpenAI = try await nango.getScriptsConfig(format: .openAI)
        let emptyNango = try await nango.getScriptsConfig(format: .nango)

        #expect(mock.requests[0].rawQuery == "format=openai")
        #expect(functions.count == 2)
        #expect(functions[0].name == "create-issue")
        #expect(functions[0].parameters?["type"] == "object")
        #expect(emptyOpenAI == .openAI([]))
        #expect(emptyNango == .nango([]))
    }
}
