import Dispatch
import Foundation

/// Parsing a large document on two cores at once.
///
/// A records page is one long array of objects. Its second half is parsed by another thread from a likely
/// element boundary (the first `},{` after the middle of the document) as a list of array elements, while the
/// calling thread parses the document from the start. The guess is only trusted when it is proven: when the
/// calling thread's own parse arrives at that `{` as the start of an array element, it takes the other
/// thread's nodes (if that parse succeeded and the nesting fits the depth limit) and continues at the array's
/// closing bracket. If the `},{` was inside a string, if the other parse failed, or if it has not started yet,
/// the calling thread simply parses on by itself. The index and every error are therefore exactly those of a
/// serial parse; only the time differs.
///
/// The other thread reads the document's bytes, so `finish()` must be called before they are freed: it waits
/// for a parse still running and frees nodes nobody took.
final class SplitParse: @unchecked Sendable {
    /// The other thread's nodes (its own tape, to be freed by whoever takes it) and what it found.
    struct Part {
        let tape: UnsafeMutablePointer<JSONTapeEntry>
        let tapeCount: Int
        let result: JSONParser.ElementsResult
    }

    /// Smaller documents are parsed on one thread: handing work over costs more than it saves.
    static let minimumSize = 256 << 10

    /// How far past the middle a `},{` is looked for.
    static let searchWindow = 64 << 10

    /// The byte offset of the `{` the other thread starts at.
    let offset: Int

    private enum State {
        case pending
        case running
        case done(Part?)
        case taken
    }

    private let condition = NSCondition()
    private var state = State.pending
    private var adopted = false

    private init(offset: Int) {
        self.offset = offset
    }

    /// Starts parsing the second part of a large document on another thread, when there are several cores and
    /// a likely element boundary; `nil` otherwise.
    static func start(bytes: UnsafePointer<UInt8>, count: Int, maxDepth: Int) -> SplitParse? {
        guard count >= minimumSize, ProcessInfo.processInfo.activeProcessorCount > 1,
              let offset = candidate(bytes, count: count, from: count / 2)
        else { return nil }
        let split = SplitParse(offset: offset)
        let source = BytesHandle(bytes)
        DispatchQueue.global().async {
            split.run(bytes: source.bytes, count: count, maxDepth: maxDepth)
        }
        return split
    }

    /// For tests: a split at the first `},{` from `searchFrom`, whatever the document's size, with the other
    /// part parsed before this returns (so that the calling parse always finds it done).
    static func startInline(bytes: UnsafePointer<UInt8>, count: Int, maxDepth: Int, searchFrom: Int) -> SplitParse? {
        guard let offset = candidate(bytes, count: count, from: searchFrom) else { return nil }
        let split = SplitParse(offset: offset)
        split.run(bytes: bytes, count: count, maxDepth: maxDepth)
        return split
    }

    /// The offset of the `{` of the first `},{` at or after `start`, within `searchWindow`.
    static func candidate(_ bytes: UnsafePointer<UInt8>, count: Int, from start: Int) -> Int? {
        var index = max(0, start)
        let limit = min(count &- 2, index &+ searchWindow)
        while index < limit {
            if bytes[index] == UInt8(ascii: "}"), bytes[index &+ 1] == UInt8(ascii: ","), bytes[index &+ 2] == UInt8(ascii: "{") {
                return index &+ 2
            }
            index &+= 1
        }
        return nil
    }

    private func run(bytes: UnsafePointer<UInt8>, count: Int, maxDepth: Int) {
        condition.lock()
        guard case .pending = state else {
            // The calling thread got there first and went on by itself.
            condition.unlock()
            return
        }
        state = .running
        condition.unlock()
        var parser = JSONParser(bytes: bytes, count: count, maxDepth: maxDepth, elementsFrom: offset)
        var part: Part?
        do {
            let result = try parser.parseElements(from: offset)
            part = Part(tape: parser.tape, tapeCount: parser.tapeCount, result: result)
        } catch {
            parser.tape.deallocate()
        }
        condition.lock()
        state = .done(part)
        condition.broadcast()
        condition.unlock()
    }

    /// The other thread's part if it parsed successfully (the caller then owns its tape), waiting for it if it
    /// is running; `nil` if it failed, or if it has not started (it then never does). Only the first call can
    /// return a part.
    func take() -> Part? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            switch state {
            case .pending:
                state = .taken
                return nil
            case .running:
                condition.wait()
            case .done(let part):
                state = .taken
                return part
            case .taken:
                return nil
            }
        }
    }

    /// Records that the calling parse used the part.
    func noteAdopted() {
        condition.lock()
        adopted = true
        condition.unlock()
    }

    /// Whether the calling parse used the other thread's nodes.
    var wasAdopted: Bool {
        condition.lock()
        defer { condition.unlock() }
        return adopted
    }

    /// Ends the split: waits for a parse still running and frees a part nobody took. Call before the bytes go.
    func finish() {
        if let part = take() { part.tape.deallocate() }
    }
}

/// The document's bytes handed to the other thread, which only reads them, and only until `finish()` returns.
private struct BytesHandle: @unchecked Sendable {
    let bytes: UnsafePointer<UInt8>

    init(_ bytes: UnsafePointer<UInt8>) {
        self.bytes = bytes
    }
}
