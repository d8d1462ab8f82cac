import Foundation
import Testing
@testable import Nango
@testable import NangoJSON

/// A large document's second part is parsed by another thread from a guessed element boundary; the guess is
/// only used when the serial parse proves it. These tests split documents at every `},{` (each second part
/// parsed before the first, so the hand-over always finds it done) and require the exact serial index, or
/// the exact serial error.
@Suite("Parsing on two threads")
struct SplitParseTests {
    /// A parse's outcome: the whole tape (header and payload of every node) and root, or the error.
    enum Parsed: Equatable {
        case tape([UInt64], root: Int)
        case failure(JSONEngineError)
    }

    static func parse(_ text: String, split mode: JSONDocument.SplitMode, maxDepth: Int = JSONParser.defaultMaxDepth) -> (Parsed, usedSplit: Bool) {
        parse(Array(text.utf8), split: mode, maxDepth: maxDepth)
    }

    static func parse(_ bytes: [UInt8], split mode: JSONDocument.SplitMode, maxDepth: Int = JSONParser.defaultMaxDepth) -> (Parsed, usedSplit: Bool) {
        do {
            let document = try bytes.withUnsafeBytes { buffer throws(JSONEngineError) in
                try JSONDocument(copying: buffer, maxDepth: maxDepth, split: mode)
            }
            var words: [UInt64] = []
            for index in 0..<document.tapeCount {
                words.append(document.tape[index].header)
                words.append(document.tape[index].payload)
            }
            return (.tape(words, root: document.root), document.usedSplit)
        } catch let error as JSONEngineError {
            return (.failure(error), false)
        } catch {
            Issue.record("unexpected error \(error)")
            return (.failure(JSONEngineError(.emptyInput, at: -1)), false)
        }
    }

    /// The offsets of every `},{` in `text` (byte offsets of the `}`).
    static func boundaries(_ bytes: [UInt8]) -> [Int] {
        guard bytes.count >= 3 else { return [] }
        return (0..<(bytes.count - 2)).filter { bytes[$0] == UInt8(ascii: "}") && bytes[$0 + 1] == UInt8(ascii: ",") && bytes[$0 + 2] == UInt8(ascii: "{") }
    }

    /// Splits `text` at each of its `},{` and checks the result against the serial parse; returns how many
    /// splits were used.
    @discardableResult
    static func checkEverySplit(_ text: String, maxDepth: Int = JSONParser.defaultMaxDepth, _ comment: String? = nil) -> Int {
        checkEverySplit(Array(text.utf8), maxDepth: maxDepth, comment ?? text)
    }

    @discardableResult
    static func checkEverySplit(_ bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth, _ comment: String) -> Int {
        let (serial, _) = parse(bytes, split: .never, maxDepth: maxDepth)
        var used = 0
        for offset in boundaries(bytes) {
            let (split, usedSplit) = parse(bytes, split: .inline(searchFrom: offset), maxDepth: maxDepth)
            #expect(split == serial, "split at \(offset): \(comment)")
            if usedSplit { used += 1 }
        }
        return used
    }

    static func record(_ index: Int, tricky: Bool = false) -> String {
        let note = tricky ? #""note":"a },{ in a string \"},{\" and }],[{","# : ""
        return #"{"id":"r-\#(index)",\#(note)"n":\#(index),"tags":["a","b"],"company":{"name":"C\#(index % 7)","size":\#(index * 3)},"owners":[{"id":1},{"id":2}],"_nango_metadata":{"last_action":"ADDED","deleted_at":null}}"#
    }

    static func page(_ count: Int, tricky: Bool = false) -> String {
        #"{"records":["# + (0..<count).map { record($0, tricky: tricky && $0 % 3 == 0) }.joined(separator: ",") + #"],"next_cursor":"c"}"#
    }

    @Test("a records page split at any `},{` gives the serial index; real element boundaries are used")
    func page() {
        let text = Self.page(30, tricky: true)
        let used = Self.checkEverySplit(text)
        // Every boundary between records and inside each record's `owners` array is real; those inside the
        // strings are not, and are never used.
        #expect(used == 29 + 30)
        #expect(Self.boundaries(Array(text.utf8)).count == 29 + 30 + 10 * 2)
    }

    @Test("an error in the part parsed by the other thread is exactly the serial parse's error", arguments: [
        ("\"n\":12,", "\"n\":012,"),                  // a leading zero
        ("\"tags\":[\"a\",\"b\"]", "\"tags\":[\"a\",\"b\",]"),  // a trailing comma
        ("\"deleted_at\":null", "\"deleted_at\":nul"),  // a broken literal
        ("\"name\":\"C5\"", "\"name\":\"C\\q\""),     // an invalid escape
        ("\"id\":2}", "\"id\":2"),                    // a missing brace
        ("{\"id\":\"r-12\"", "{\"id\":\"r-12\",}"),   // a member that is not one
    ])
    func errors(original: String, broken: String) {
        var text = Self.page(20)
        let range = text.range(of: original, options: .backwards)!
        text.replaceSubrange(range, with: broken)
        let (serial, _) = Self.parse(text, split: .never)
        guard case .failure = serial else {
            Issue.record("the broken page parsed: \(broken)")
            return
        }
        Self.checkEverySplit(text, "\(broken)")
    }

    @Test("a page cut short, or followed by something, fails as in a serial parse")
    func truncatedAndTrailing() {
        let text = Self.page(12)
        for cut in stride(from: text.utf8.count / 2, to: text.utf8.count, by: 7) {
            Self.checkEverySplit(String(decoding: Array(text.utf8)[..<cut], as: UTF8.self), "cut at \(cut)")
        }
        Self.checkEverySplit(text + "]")
        Self.checkEverySplit(text + " {}")
        // Invalid UTF-8 in a string of the second half.
        var bytes = Array(text.utf8)
        let position = bytes.lastIndex(of: UInt8(ascii: "C"))!
        bytes[position] = 0xC3
        guard case .failure(let error) = Self.parse(bytes, split: .never).0 else {
            Issue.record("invalid UTF-8 parsed")
            return
        }
        #expect(error.reason == .invalidUTF8)
        Self.checkEverySplit(bytes, "invalid UTF-8")
    }

    @Test("the depth limit counts the enclosing containers of the split part")
    func depth() {
        // Elements of an array three levels down, the last one nested five more levels.
        let deep = #"{"a":[[{"x":1},{"y":[[[[1]]]]}]]}"#
        let (serialTooDeep, _) = Self.parse(deep, split: .never, maxDepth: 7)
        #expect(serialTooDeep == .failure(JSONEngineError(.tooDeep(limit: 7), at: 23)))
        #expect(Self.checkEverySplit(deep, maxDepth: 7) == 0)
        #expect(Self.checkEverySplit(deep, maxDepth: 8) == 1)
        #expect(Self.checkEverySplit(deep, maxDepth: 512) == 1)
    }

    @Test("repeated keys in the split part are flagged as in a serial parse")
    func repeatedKeys() {
        let text = #"[{"a":1,"b":2},{"a":1,"a":2},{"k":{"x":1,"x":2}},{"z":0}]"#
        #expect(Self.checkEverySplit(text) == 3)
    }

    @Test("random arrays of random objects, split at every boundary, agree with the serial parse", arguments: 0..<4)
    func random(batch: Int) {
        var random = RandomJSON(seed: 0x5B11_7000 + UInt64(batch))
        var used = 0
        for _ in 0..<40 {
            let elements = (0..<random.int(2...8)).map { _ in
                "{" + #""k":"# + random.value(depth: 1) + "," + #""v":"# + random.value(depth: 2) + "}"
            }
            let text = random.whitespace() + "[" + elements.joined(separator: ",") + "]" + random.whitespace()
            used += Self.checkEverySplit(text)
        }
        #expect(used > 40)
    }

    @Test("a large page parsed on two threads as it comes (several times) gives the serial index")
    func automatic() {
        let text = Self.page(2_000, tricky: true)
        #expect(text.utf8.count >= SplitParse.minimumSize)
        let (serial, _) = Self.parse(text, split: .never)
        for _ in 0..<8 {
            #expect(Self.parse(text, split: .automatic).0 == serial)
        }
    }

    @Test("the calling parse never waits: a part still being parsed is left to its thread and parsed here instead")
    func lateOtherPart() {
        let text = Self.page(300, tricky: false)
        let (serial, _) = Self.parse(text, split: .never)
        for fraction in [0.3, 0.5, 0.8] {
            let (late, usedSplit) = Self.parse(text, split: .late(searchFrom: Int(Double(text.utf8.count) * fraction)))
            #expect(late == serial)
            #expect(!usedSplit)
        }
        // The same part, done in time, is used.
        let (inline, usedSplit) = Self.parse(text, split: .inline(searchFrom: text.utf8.count / 2))
        #expect(inline == serial)
        #expect(usedSplit)
    }
}
