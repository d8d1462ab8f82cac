import Dispatch
import Foundation

/// Parsing a large document on two cores at once.
///
/// A records page is one long array of objects. Its last part is parsed by another thread from a likely element
/// boundary (the first `},{` after 60% of the document) as a list of array elements, while the calling thread
/// parses the document from the start. The guess is only trusted when it is proven: when the calling thread's
/// own parse arrives at that `{` as the start of an array element, it takes the other thread's nodes (if that
/// parse succeeded and the nesting fits the depth limit) and continues at the array's closing bracket. If the
/// `},{` was inside a string, if the other parse failed, or if it is not done yet, the calling thread simply
/// parses on by itself. The index and every error are therefore exactly those of a serial parse; only the time
/// differs.
///
/// The calling thread never waits for the other one (it may be a cooperative thread of Swift concurrency): the
/// other part is the smaller one, so that it is usually done in time, and when it is not it is abandoned. The
/// other thread holds the document's bytes (``JSONBytes``) for as long as it reads them, and frees the nodes
/// nobody took itself.
final class SplitParse: @unchecked Sendable {
    /// The other thread's nodes (its own tape, to be freed by whoever takes it) and what it found.
    struct Part {
        let tape: UnsafeMutablePointer<JSONTapeEntry>
        let tapeCount: Int
        let result: JSONParser.ElementsResult
    }

    /// Smaller documents are parsed on one thread: handing work over costs more than it saves.
    static let minimumSize = 256 << 10

    /// Where in the document the other part may begin, as a fraction: past the middle, so that the other thread,
    /// which starts a little later and parses less, is done when the calling thread arrives.
    static let splitFraction = (numerator: 3, denominator: 5)

    /// How far past the middle a `},{` is looked for.
    static let searchWindow = 64 << 10

    /// The byte offset of the `{` the other thread starts at.
    let offset: Int

    private enum State {
        case pending
        case running
        case done(Part?)
        /// The calling thread has its answer (a part, or that there is none): nothing more happens.
        case taken
        /// The calling thread went on without the part while it was being parsed: the other thread frees it.
        case abandoned
    }

    // Safety: `state` and `adopted` are only touched while holding `lock`.
    private let lock = NSLock()
    private var state = State.pending
    private var adopted = false

    private init(offset: Int) {
        self.offset = offset
    }

    /// Starts parsing the second part of a large document on another thread, when there are several cores and
    /// a likely element boundary; `nil` otherwise.
    static func start(bytes: JSONBytes, count: Int, maxDepth: Int) -> SplitParse? {
        let from = count / splitFraction.denominator * splitFraction.numerator
        guard count >= minimumSize, ProcessInfo.processInfo.activeProcessorCount > 1,
              let offset = candidate(bytes.pointer, count: count, from: from)
        else { return nil }
        let split = SplitParse(offset: offset)
        // The closure holds the bytes: they outlive the document if the calling thread is done first.
        DispatchQueue.global().async {
            split.run(bytes: bytes.pointer, count: count, maxDepth: maxDepth)
            withExtendedLifetime(bytes) {}
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

    /// For tests: a split whose other part is still being parsed when the calling parse arrives at it, as with a
    /// thread that started late; ``parseLate(bytes:count:maxDepth:)`` parses it afterwards.
    static func startLate(bytes: UnsafePointer<UInt8>, count: Int, maxDepth: Int, searchFrom: Int) -> SplitParse? {
        guard let offset = candidate(bytes, count: count, from: searchFrom) else { return nil }
        let split = SplitParse(offset: offset)
        split.lock.withLock { split.state = .running }
        return split
    }

    /// For tests: the late part of ``startLate(bytes:count:maxDepth:searchFrom:)``.
    func parseLate(bytes: UnsafePointer<UInt8>, count: Int, maxDepth: Int) {
        parse(bytes: bytes, count: count, maxDepth: maxDepth)
    }

    private func run(bytes: UnsafePointer<UInt8>, count: Int, maxDepth: Int) {
        let starts: Bool = lock.withLock {
            // The calling thread may have got there first and gone on by itself.
            guard case .pending = state else { return false }
            state = .running
            return true
        }
        guard starts else { return }
        parse(bytes: bytes, count: count, maxDepth: maxDepth)
    }

    /// Parses the part (the state is `.running`) and publishes it, or frees it when it was abandoned meanwhile.
    private func parse(bytes: UnsafePointer<UInt8>, count: Int, maxDepth: Int) {
        var parser = JSONParser(bytes: bytes, count: count, maxDepth: maxDepth, elementsFrom: offset)
        var part: Part?
        do {
            let result = try parser.parseElements(from: offset)
            part = Part(tape: parser.tape, tapeCount: parser.tapeCount, result: result)
        } catch {
            parser.tape.deallocate()
        }
        let unwanted: Part? = lock.withLock {
            if case .abandoned = state { return part }
            state = .done(part)
            return nil
        }
        unwanted?.tape.deallocate()
    }

    /// The other thread's part if it is parsed and parsed successfully (the caller then owns its tape); `nil` if
    /// it failed, is still being parsed (it is then abandoned), or has not started (it then never does). Never
    /// waits. Only the first call can return a part.
    func take() -> Part? {
        lock.withLock {
            switch state {
            case .pending:
                state = .taken
                return nil
            case .running:
                state = .abandoned
                return nil
            case .done(let part):
                state = .taken
                return part
            case .taken, .abandoned:
                return nil
            }
        }
    }

    /// Records that the calling parse used the part.
    func noteAdopted() {
        lock.withLock { adopted = true }
    }

    /// Whether the calling parse used the other thread's nodes.
    var wasAdopted: Bool {
        lock.withLock { adopted }
    }

    /// Ends the split without waiting: frees a part nobody took, or leaves one still being parsed to its thread.
    func finish() {
        if let part = take() { part.tape.deallocate() }
    }
}
