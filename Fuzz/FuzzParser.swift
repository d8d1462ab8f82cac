// libFuzzer entry point for the JSON engine. Not part of the SwiftPM package: Fuzz/run.sh builds the package's
// NangoJSON target with `-sanitize=fuzzer,address` and links this file against it.
//
// The ISO-8601 fast path is compared with ISO8601.parse on every input. Every input is parsed serially and
// split at a `},{` (as large documents are, on two threads; with the other part done in time, and abandoned
// because it is not), which must agree exactly; when it parses, a tree is
// built both from the index and through the Decoder (whose containers are kept and read again after the
// decode), which must agree, and it is decoded into a sample Codable model. Any crash, sanitizer report or
// disagreement (reported with fatalError, which libFuzzer records as a crash) is a bug.

import Foundation
@testable import NangoJSON

/// Any JSON value, decoded through the Decoder's containers (no fast path): the reference for the index.
indirect enum FuzzValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([FuzzValue])
    case object([String: FuzzValue])

    init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: IndexCodingKey.self) {
            var members: [String: FuzzValue] = [:]
            for key in container.allKeys { members[key.stringValue] = try container.decode(FuzzValue.self, forKey: key) }
            self = .object(members)
            return
        }
        if var container = try? decoder.unkeyedContainer() {
            var elements: [FuzzValue] = []
            while !container.isAtEnd { elements.append(try container.decode(FuzzValue.self)) }
            self = .array(elements)
            return
        }
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else {
            self = .number(try container.decode(Double.self))
        }
    }

    /// The value at `node`, read straight from the index.
    init(reader: IndexReader, node: Int) throws {
        let entry = reader.entry(node)
        switch entry.kind {
        case .null: self = .null
        case .false: self = .bool(false)
        case .true: self = .bool(true)
        case .string, .escapedString: self = .string(reader.string(entry))
        case .int, .double, .number: self = .number(try reader.readDouble(node))
        case .array:
            var elements: [FuzzValue] = []
            var child = node + 1
            while child < entry.end {
                elements.append(try FuzzValue(reader: reader, node: child))
                child = reader.skip(child)
            }
            self = .array(elements)
        case .object:
            // A repeated key's last value is the member, as the decoder reads it; the values it shadows are
            // never read (a shadowed number out of Double's range is not an error there either).
            var valueNodes: [String: Int] = [:]
            var key = node + 1
            while key < entry.end {
                valueNodes[reader.string(reader.entry(key))] = key + 1
                key = reader.skip(key + 1)
            }
            var members: [String: FuzzValue] = [:]
            for (name, value) in valueNodes { members[name] = try FuzzValue(reader: reader, node: value) }
            self = .object(members)
        }
    }
}

/// Keeps its decoder and the containers it was given, to read them again after the decode has returned.
final class Keeper: Decodable, @unchecked Sendable {
    let decoder: any Decoder
    let keyed: KeyedDecodingContainer<IndexCodingKey>?
    let value: FuzzValue

    init(from decoder: any Decoder) throws {
        self.decoder = decoder
        keyed = try? decoder.container(keyedBy: IndexCodingKey.self)
        value = try FuzzValue(from: decoder)
    }

    /// The value read again through what was kept.
    func readAgain() -> FuzzValue? {
        if let keyed {
            var members: [String: FuzzValue] = [:]
            for key in keyed.allKeys {
                guard let member = try? keyed.decode(FuzzValue.self, forKey: key) else { return nil }
                members[key.stringValue] = member
            }
            return .object(members)
        }
        return try? FuzzValue(from: decoder)
    }
}

struct FuzzRecord: Decodable {
    struct Nested: Decodable {
        var city: String?
        var values: [Double]?
    }

    var id: String?
    var count: Int?
    var small: Int8?
    var big: UInt64?
    var ratio: Float?
    var flag: Bool?
    var when: Date?
    var data: Data?
    var link: URL?
    var amount: Decimal?
    var nested: Nested?
    var list: [Nested]?
    var map: [String: Int]?
    var numbered: [Int: String]?
    var any: FuzzValue?
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let buffer = UnsafeRawBufferPointer(start: bytes, count: size)
    // The ISO-8601 fast path must agree with ISO8601.parse whenever it answers.
    if let date = ISO8601Bytes.parse(buffer.bindMemory(to: UInt8.self)),
       ISO8601.parse(String(decoding: buffer, as: UTF8.self))?.timeIntervalSince1970.bitPattern
        != date.timeIntervalSince1970.bitPattern {
        fatalError("ISO8601Bytes and ISO8601.parse differ")
    }
    // Parsing split at the first `},{` from the middle (its second part parsed first, as another thread would)
    // must give exactly the serial index, or exactly the serial error.
    if size >= 3 {
        func outcome(_ mode: JSONDocument.SplitMode) -> (words: [UInt64], error: JSONEngineError?) {
            do throws(JSONEngineError) {
                let document = try JSONDocument(copying: buffer, maxDepth: 64, split: mode)
                return ((0..<document.tapeCount).flatMap { [document.tape[$0].header, document.tape[$0].payload] }, nil)
            } catch {
                return ([], error)
            }
        }
        let serial = outcome(.never)
        for start in [0, size / 2] {
            let split = outcome(.inline(searchFrom: start))
            if split.words != serial.words || split.error != serial.error {
                fatalError("the split parse differs from the serial parse")
            }
            // The other part still being parsed when the calling parse arrives: abandoned, never waited for.
            let late = outcome(.late(searchFrom: start))
            if late.words != serial.words || late.error != serial.error {
                fatalError("a parse that abandons the other part differs from the serial parse")
            }
        }
    }
    guard let index = try? JSONIndex(parsing: buffer) else { return 0 }
    let fromIndex = try? FuzzValue(reader: index.document.reader, node: index.document.root)
    let fromDecoder = try? JSONEngine.decode(FuzzValue.self, from: index)
    if fromIndex != fromDecoder {
        fatalError("the value from the index and from the decoder differ")
    }
    // Containers and decoders kept past the decode read the same values (the index is gone by then but for
    // what they hold).
    if let keeper = try? JSONEngine.decode(Keeper.self, from: index), keeper.readAgain() != keeper.value {
        fatalError("a kept container reads another value after the decode")
    }
    if let keepers = try? JSONEngine.decode([Keeper].self, from: index),
       keepers.contains(where: { $0.readAgain() != $0.value }) {
        fatalError("a kept container of an array element reads another value after the decode")
    }
    _ = try? JSONEngine.decode(FuzzRecord.self, from: index)
    _ = try? JSONEngine.decode([FuzzRecord].self, from: index)
    _ = try? JSONEngine.decode([String: [FuzzValue]].self, from: index)
    return 0
}
