import Foundation
import Testing
@testable import Nango
@testable import NangoJSON

/// Coding paths in errors, as `JSONDecoder` reports them.
@Suite("Error coding paths")
struct ErrorPathTests {
    struct Page: Decodable, Equatable {
        var records: [Record]
    }

    struct Record: Decodable, Equatable {
        var id: String
        var address: Address
    }

    static func page(_ fourth: String) -> String {
        let good = #"{"id":"x","address":{"street":"s","city":"c","country":"FR"}}"#
        return #"{"records":["# + [good, good, good, fourth, good].joined(separator: ",") + "]}"
    }

    @Test("a type mismatch at records[3].address.city")
    func typeMismatch() {
        let json = Self.page(#"{"id":"x","address":{"street":"s","city":42,"country":"FR"}}"#)
        let (engine, foundation) = bothOutcomes(Page.self, json)
        #expect(engine == .failure(kind: "typeMismatch", path: "records.[3].address.city"))
        #expect(engine == foundation)
    }

    @Test("paths of every kind of error", arguments: [
        (#"{"id":"x","address":{"street":"s","country":"FR"}}"#, "keyNotFound", "records.[3].address.city"),
        (#"{"id":"x","address":{"street":"s","city":null,"country":"FR"}}"#, "valueNotFound", "records.[3].address.city"),
        (#"{"id":"x","address":[]}"#, "typeMismatch", "records.[3].address"),
        (#"{"id":"x","address":null}"#, "valueNotFound", "records.[3].address"),
        (#"{"address":{"street":"s","city":"c","country":"FR"}}"#, "keyNotFound", "records.[3].id"),
        ("7", "typeMismatch", "records.[3]"),
    ])
    func paths(fourth: String, kind: String, path: String) {
        let (engine, foundation) = bothOutcomes(Page.self, Self.page(fourth))
        #expect(engine == .failure(kind: kind, path: path))
        #expect(engine == foundation)
    }

    @Test("paths through nested containers, superDecoder and dictionaries")
    func nestedPaths() {
        let geometry = #"{"location":{"lat":1,"lng":2},"coordinates":[1,[2,"x"]],"label":null,"wrapped":"w"}"#
        #expect(bothOutcomes(Geometry.self, geometry).engine == .failure(kind: "typeMismatch", path: "coordinates.[1].[1]"))
        let pets = #"{"dogs":[{"breed":"b","super":{"name":"n","legs":"4"}}]}"#
        #expect(bothOutcomes(Pets.self, pets).engine == .failure(kind: "typeMismatch", path: "dogs.[0].super.legs"))
        let cat = #"{"dogs":[],"cat":{"indoor":true}}"#
        #expect(bothOutcomes(Pets.self, cat).engine == .failure(kind: "valueNotFound", path: "cat.base"))
        let dictionary = #"{"a":{"b":[1,2,"x"]}}"#
        #expect(bothOutcomes([String: [String: [Int]]].self, dictionary).engine == .failure(kind: "typeMismatch", path: "a.b.[2]"))
        let date = #"{"records":[{"id":"p","name":"n","score":1,"active":true,"stage":"lead","tags":[],"address":{"street":"s","city":"c","country":"FR"},"attributes":{},"created_at":"soon"}]}"#
        let (engine, foundation) = bothOutcomes(People.self, date)
        #expect(engine == .failure(kind: "dataCorrupted", path: "records.[0].created_at"))
        #expect(engine == foundation)
    }

    @Test("the decoder's and containers' codingPath during a decode")
    func liveCodingPaths() throws {
        final class Recorder: @unchecked Sendable {
            var paths: [String] = []
        }
        struct Leaf: Decodable {
            init(from decoder: any Decoder) throws {
                guard let key = CodingUserInfoKey(rawValue: "recorder"), let recorder = decoder.userInfo[key] as? Recorder else {
                    throw DynError()
                }
                recorder.paths.append(pathString(decoder.codingPath))
                let container = try decoder.singleValueContainer()
                recorder.paths.append(pathString(container.codingPath))
            }
        }
        struct Root: Decodable {
            var leaves: [String: [Leaf]]
        }
        let recorder = Recorder()
        let key = try #require(CodingUserInfoKey(rawValue: "recorder"))
        _ = try JSONEngine.decode(Root.self, from: Data(#"{"leaves":{"a":[1,2]}}"#.utf8), options: .init(userInfo: [key: recorder]))
        #expect(recorder.paths == ["leaves.a.[0]", "leaves.a.[0]", "leaves.a.[1]", "leaves.a.[1]"])
    }
}
