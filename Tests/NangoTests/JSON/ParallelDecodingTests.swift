import Foundation
@testable import Nango
@testable import NangoJSON
import Testing

/// The engine's parallel decoding of one large array: structured (child tasks of the caller, awaited, never a
/// thread blocked waiting for others), bounded for the whole process, cancellable between chunks, and run with
/// the caller's task-locals. CI runs this suite under ThreadSanitizer.
@Suite("Parallel page decoding", .timeLimit(.minutes(1)))
struct ParallelDecodingTests {
    @TaskLocal static var marker: String?

    /// Counts the records decoded, across tasks.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func increment() { lock.withLock { value += 1 } }
        var count: Int { lock.withLock { value } }
    }

    static let counterKey = CodingUserInfoKey(rawValue: "parallel-counter")!

    /// A record that notes the task-local `marker` it was decoded with, counts itself, and may take its time.
    struct Item: Decodable, Sendable, Equatable {
        var id: Int
        var marker: String?

        private enum Keys: String, CodingKey { case id, slow }

        init(id: Int, marker: String?) {
            self.id = id
            self.marker = marker
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            id = try container.decode(Int.self, forKey: .id)
            marker = ParallelDecodingTests.marker
            (decoder.userInfo[ParallelDecodingTests.counterKey] as? Counter)?.increment()
            if try container.decodeIfPresent(Bool.self, forKey: .slow) == true {
                // About 50 µs of work, so that a cancellation arrives while chunks are still to come.
                let until = ContinuousClock.now + .microseconds(50)
                while ContinuousClock.now < until {}
            }
        }
    }

    static func page(_ count: Int, slow: Bool = false, broken: Int? = nil) throws -> JSONIndex {
        let items = (0..<count).map { index in
            index == broken ? #"{"id":"x"}"# : #"{"id":\#(index)\#(slow ? #","slow":true"# : "")}"#
        }
        return try JSONIndex(parsing: Data(#"{"items":[\#(items.joined(separator: ","))]}"#.utf8))
    }

    static func options(_ counter: Counter = Counter()) -> JSONEngine.Options {
        JSONEngine.Options(userInfo: [counterKey: counter])
    }

    @Test("elements come back in order, as a serial decode gives them; small arrays are left to the caller")
    func order() async throws {
        let index = try Self.page(1_000)
        let items = try await index.decodeElementsInParallel(Item.self, member: "items", options: Self.options(), slots: DecodingSlots(limit: 4))
        #expect(items == (0..<1_000).map { Item(id: $0, marker: nil) })
        let small = try await Self.page(100).decodeElementsInParallel(Item.self, member: "items", options: Self.options(), slots: DecodingSlots(limit: 4))
        #expect(small == nil)
        let oneSlot = try await index.decodeElementsInParallel(Item.self, member: "items", options: Self.options(), slots: DecodingSlots(limit: 1))
        #expect(oneSlot == nil)
        #expect(DecodingSlots.shared.limit == ProcessInfo.processInfo.activeProcessorCount)
    }

    @Test("sixteen concurrent callers together never run more chunks at once than there are slots")
    func bounded() async throws {
        let slots = DecodingSlots(limit: 2)
        let index = try Self.page(2_000)
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    try await index.decodeElementsInParallel(Item.self, member: "items", options: Self.options(), slots: slots)?.count ?? 0
                }
            }
            for try await count in group { #expect(count == 2_000) }
        }
        #expect(slots.peakInUse <= 2)
        #expect(slots.peakInUse >= 1)
    }

    @Test("while it waits for a slot, a decode holds no thread: other tasks run, and it finishes once slots free up")
    func waitingHoldsNoThread() async throws {
        let slots = DecodingSlots(limit: 2)
        // Every slot taken: the decode's child tasks can only wait.
        try await slots.acquire()
        try await slots.acquire()
        let index = try Self.page(1_000)
        let decode = Task { try await index.decodeElementsInParallel(Item.self, member: "items", options: Self.options(), slots: slots) }
        // More tasks than the cooperative pool has threads all finish meanwhile.
        let finished = await withTaskGroup(of: Int.self) { group in
            for value in 0..<64 {
                group.addTask {
                    await Task.yield()
                    return value
                }
            }
            return await group.reduce(0) { $0 + $1 }
        }
        #expect(finished == (0..<64).reduce(0, +))
        slots.release()
        slots.release()
        let items = try await decode.value
        #expect(items?.count == 1_000)
    }

    @Test("a cancelled caller stops at the next chunk with CancellationError, and a waiting one at once")
    func cancellation() async throws {
        let counter = Counter()
        let index = try Self.page(4_000, slow: true)
        let slots = DecodingSlots(limit: 2)
        let decode = Task { try await index.decodeElementsInParallel(Item.self, member: "items", options: Self.options(counter), slots: slots) }
        try await waitUntil { counter.count > 0 }
        decode.cancel()
        await #expect(throws: CancellationError.self) { try await decode.value }
        // Each worker finishes the chunk it is in (128 records) and takes no other.
        #expect(counter.count < 4_000)

        // Waiting for a slot: cancelled while nothing runs.
        try await slots.acquire()
        try await slots.acquire()
        let waiting = Task { try await index.decodeElementsInParallel(Item.self, member: "items", options: Self.options(), slots: slots) }
        try await Task.sleep(for: .milliseconds(20))
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        slots.release()
        slots.release()
        try await slots.acquire()
        try await slots.acquire()
        slots.release()
        slots.release()
    }

    @Test("every element is decoded with the caller's task-locals")
    func taskLocals() async throws {
        let index = try Self.page(1_000)
        let items = try await Self.$marker.withValue("request-42") {
            try await index.decodeElementsInParallel(Item.self, member: "items", options: Self.options(), slots: DecodingSlots(limit: 4))
        }
        #expect(items?.count == 1_000)
        #expect(items?.allSatisfy { $0.marker == "request-42" } == true)
    }

    @Test("an element that does not decode fails the whole decode with its coding path; nothing is kept")
    func failure() async throws {
        let index = try Self.page(1_000, broken: 777)
        let error = await #expect(throws: DecodingError.self) {
            try await index.decodeElementsInParallel(Item.self, member: "items", options: Self.options(), slots: DecodingSlots(limit: 4))
        }
        guard case .typeMismatch(_, let context) = error else {
            Issue.record("expected a type mismatch, got \(String(describing: error))")
            return
        }
        #expect(context.codingPath.map(\.stringValue) == ["items", "Index 777", "id"])
    }
}
