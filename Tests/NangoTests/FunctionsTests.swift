import Foundation
import HTTPTypes
@testable import Nango
import NangoTesting
import Testing

@Suite("Functions API", .timeLimit(.minutes(1)))
struct FunctionsTests {
    @Test("listFunctions sends type, search, page and limit (0 included) and decodes the page")
    func listFunctions() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("functions/list"), for: .get, path: "/integrations/github-prod/functions")
        let nango = try makeClient(mock)

        let list = try await nango.listFunctions(uniqueKey: "github-prod", type: .sync, search: "issues", page: 0, limit: 20)

        #expect(mock.lastRequest?.rawQuery == "type=sync&search=issues&page=0&limit=20")
        #expect(!list.functions.isEmpty)
        #expect(list.total >= list.functions.count)
        #expect(list.functions.contains { $0.type == .onEvent })
        #expect(list.functions.first?.lastDeployed != nil)
    }

    @Test("getFunction, getFunctionCode and deleteFunction address the function and its type")
    func functionOperations() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("functions/get"), for: .get, path: "/integrations/github-prod/functions/create-issue")
        mock.enqueue(try fixtureResponse("functions/code"), for: .get, path: "/integrations/github-prod/functions/create-issue/code")
        mock.enqueue(try fixtureResponse("functions/delete"), for: .delete, path: "/integrations/github-prod/functions/create-issue")
        let nango = try makeClient(mock)

        let function = try await nango.getFunction(uniqueKey: "github-prod", name: "create-issue")
        let code = try await nango.getFunctionCode(uniqueKey: "github-prod", name: "create-issue", type: .action)
        try await nango.deleteFunction(uniqueKey: "github-prod", name: "create-issue", type: .action)

        #expect(function.type == .action)
        #expect(function.input == "CreateIssueInput")
        #expect(code.code.contains("createAction"))
        #expect(mock.requests[0].rawQuery == nil)
        #expect(mock.requests[1].rawQuery == "type=action")
        #expect(mock.requests[2].rawQuery == "type=action")
    }

    @Test("an ambiguous name is a 409 with the matches in the payload")
    func ambiguous() async throws {
        let mock = MockTransport()
        mock.enqueue(try fixtureResponse("functions/ambiguous", status: 409))
        let nango = try makeClient(mock)
        let error = await #expect(throws: NangoError.self) { try await nango.getFunctionCode(uniqueKey: "g", name: "github-issues") }
        #expect(error?.code == "ambiguous_function")
        #expect(error?.payload?["matches"]?.arrayValue?.count == 2)
    }

    static let invalidPaging: [(Int?, Int?)] = [(-1, nil), (nil, 0), (nil, 101)]

    @Test("function arguments are validated", arguments: invalidPaging)
    func invalidFunctions(page: Int?, limit: Int?) async throws {
        let mock = MockTransport()
        let nango = try makeClient(mock)
        await #expect(throws: NangoError.self) { try await nango.listFunctions(uniqueKey: "g", page: page, limit: limit) }
        await #expect(throws: NangoError.self) { try await nango.deleteFunction(uniqueKey: "g", name: "n", type: .onEvent) }
        await #expect(throws: NangoError.self) { try await nango.getFunction(uniqueKey: "g", name: "") }
        #expect(mock.requests.isEmpty)
    }
}
