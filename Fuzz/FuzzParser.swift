// libFuzzer entry point for the JSON engine. Not part of the SwiftPM package: Fuzz/run.sh compiles it with
// the engine's sources and `-sanitize=fuzzer,address`.
//
// The ISO-8601 fast path is compared with ISO8601.parse on every input. Every input is parsed serially and
// split at a `},{` (as large documents are, on two threads), which must agree exactly; when it parses, its
// JSONValue is built both from the index and through the Decoder,
// which must agree, and it is decoded into a sample Codable model. Any crash, sanitizer report or
// disagreement (reported with fatalError, which libFuzzer records as a crash) is a bug.

import Foundation

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
    var any: JSONValue?
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
        }
    }
    guard let index = try? JSONIndex(parsing: buffer) else { return 0 }
    let fromIndex = try? JSONValue(index: index)
    let fromDecoder = try? JSONEngine.decode(JSONValue.self, from: index)
    if fromIndex != fromDecoder {
        fatalError("JSONValue from the index and from the decoder differ")
    }
    _ = try? JSONEngine.decode(FuzzRecord.self, from: index)
    _ = try? JSONEngine.decode([FuzzRecord].self, from: index)
    _ = try? JSONEngine.decode([String: [JSONValue]].self, from: index)
    return 0
}
