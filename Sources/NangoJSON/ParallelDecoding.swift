import Foundation

// Decoding the elements of one large array in chunks, by child tasks. The document is immutable once parsed, so
// several decoders can read it at once; each chunk gets a decoder of its own. Everything here is structured
// concurrency: the caller awaits a task group (it never blocks a thread waiting for others), the chunks run
// with the caller's task-locals, a cancelled caller stops them at the next chunk, and `DecodingSlots` bounds how
// many chunks run at once in the whole process.

/// The parallel decoding of one array, and what tests and benchmarks can observe of it.
@usableFromInline package enum ParallelDecoding {
    /// Arrays shorter than this are decoded serially: below it, handing work to other tasks costs more than it
    /// saves.
    @usableFromInline package static let threshold = 256

    /// Elements per chunk: small enough that a chunk holds a thread for a fraction of a millisecond (what an
    /// unrelated task may wait), large enough that handing chunks out costs nothing measurable.
    @usableFromInline package static let chunkSize = 128

    /// What a decode did, reported to ``observer``.
    @usableFromInline package enum Event: Sendable, Equatable {
        /// The array was decoded in `chunks` chunks by `workers` child tasks.
        case parallel(elements: Int, chunks: Int, workers: Int)
        /// The page was decoded on the calling task.
        case serial
    }

    /// Receives each decode's ``Event`` (for tests and benchmarks).
    package final class Observer: Sendable {
        package let report: @Sendable (Event) -> Void

        package init(_ report: @escaping @Sendable (Event) -> Void) {
            self.report = report
        }
    }

    /// Told each decode's ``Event`` in this task and its children. (An object rather than a closure: a task-local
    /// of optional function type crashed `withValue` in optimized builds of this toolchain.)
    @TaskLocal package static var observer: Observer?
}

/// How many chunk decodes may run at once in the whole process: as many as the machine has cores, whatever the
/// number of callers. A chunk waits for a slot by suspending its task (never by blocking a thread), in arrival
/// order, and a cancelled task stops waiting at once.
@usableFromInline package final class DecodingSlots: @unchecked Sendable {
    // Safety: `available`, `waiters`, `nextID`, `inUse` and `peak` are only touched while holding `lock`.
    @usableFromInline package static let shared = DecodingSlots(limit: ProcessInfo.processInfo.activeProcessorCount)

    /// The number of slots.
    @usableFromInline package let limit: Int
    private let lock = NSLock()
    private var available: Int
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextID: UInt64 = 0
    private var inUse = 0
    private var peak = 0

    @usableFromInline package init(limit: Int) {
        self.limit = max(1, limit)
        available = self.limit
    }

    /// The most slots ever held at once (for tests).
    @usableFromInline package var peakInUse: Int { lock.withLock { peak } }

    /// Waits for a free slot; `release()` must follow. Throws `CancellationError` if the task is cancelled first.
    @usableFromInline package func acquire() async throws {
        let id: UInt64? = lock.withLock {
            if available > 0 {
                available -= 1
                take()
                return nil
            }
            nextID &+= 1
            return nextID
        }
        guard let id else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow: Result<Void, any Error>? = lock.withLock {
                    // Cancelled before this was registered: the handler below found nothing to remove.
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if available > 0 {
                        available -= 1
                        take()
                        return .success(())
                    }
                    waiters.append((id, continuation))
                    return nil
                }
                if let resumeNow { continuation.resume(with: resumeNow) }
            }
        } onCancel: {
            let cancelled = lock.withLock { () -> CheckedContinuation<Void, any Error>? in
                guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return waiters.remove(at: index).continuation
            }
            cancelled?.resume(throwing: CancellationError())
        }
    }

    /// Frees a slot: the longest waiter gets it.
    @usableFromInline package func release() {
        let next = lock.withLock { () -> CheckedContinuation<Void, any Error>? in
            inUse -= 1
            guard !waiters.isEmpty else {
                available += 1
                return nil
            }
            take()
            return waiters.removeFirst().continuation
        }
        next?.resume()
    }

    /// Counts a slot taken (with `lock` held).
    private func take() {
        inUse += 1
        peak = max(peak, inUse)
    }
}

extension JSONIndex {
    /// Decodes every element of the array that is member `member` of the root object as `Element`, in chunks of
    /// ``ParallelDecoding/chunkSize`` decoded by child tasks, keeping their order. Returns `nil` (decoding
    /// nothing) when the root is not an object with such an array of objects, when it has fewer than
    /// `minimumCount` elements, or when `slots` allow a single chunk at a time.
    ///
    /// Each chunk takes a slot of `slots` while it runs, so all callers together use at most `slots.limit`
    /// threads. A cancelled task stops at the next chunk (`CancellationError`). Errors carry the coding path of
    /// a serial decode (`records.[3].email`); when several chunks fail, any one of their errors is thrown (a
    /// caller that needs the first error decodes serially).
    package func decodeElementsInParallel<Element: Decodable & Sendable>(
        _ type: Element.Type,
        member: String,
        options: JSONEngine.Options,
        minimumCount: Int = ParallelDecoding.threshold,
        slots: DecodingSlots = .shared
    ) async throws -> [Element]? {
        guard slots.limit > 1,
              let (_, nodes) = arrayElements(member: member, minimumCount: max(1, minimumCount), stride: MemoryLayout<Element>.stride)
        else { return nil }
        let chunkSize = ParallelDecoding.chunkSize
        let chunkCount = (nodes.count + chunkSize - 1) / chunkSize
        let workers = min(chunkCount, slots.limit)
        let results = ParallelResults<Element>(count: nodes.count, chunks: chunkCount)
        let chunks = ChunkCounter(count: chunkCount)
        let document = document
        let basePath: [any CodingKey] = [IndexCodingKey(stringValue: member)]
        // One worker: its own session (its containers and decoders stay warm from chunk to chunk), a chunk at a
        // time, each under a slot.
        @Sendable func work() async throws {
            let session = DecodeSession(document: document, basePath: basePath, options: options)
            defer { session.finish() }
            var first = true
            while let chunk = chunks.next() {
                // Between chunks, other ready tasks get the thread: an unrelated task waits about one chunk, not a
                // whole page.
                if !first { await Task.yield() }
                first = false
                try Task.checkCancellation()
                try await slots.acquire()
                defer { slots.release() }
                let lower = chunk * chunkSize
                let upper = min(lower + chunkSize, nodes.count)
                try results.decodeChunk(chunk, lower..<upper) { index in
                    try session.decode(Element.self, node: nodes[index], depth: 0, extra: -1, last: .index(index))
                }
            }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 1..<workers {
                group.addTask { try await work() }
            }
            // The calling task is a worker too (it waits for nothing it could be doing itself).
            try await work()
            try await group.waitForAll()
        }
        ParallelDecoding.observer?.report(.parallel(elements: nodes.count, chunks: chunkCount, workers: workers))
        return results.takeAll()
    }

    /// The array that is member `member` of the root object, and the nodes of its elements; `nil` unless it has
    /// at least `minimumCount` elements, all objects, and few enough that a result of `stride` bytes each stays
    /// within a few times the document's size (a hostile `[{},{},…]` goes to the serial decoder, which fails on
    /// its first element before allocating anything).
    private func arrayElements(member: String, minimumCount: Int, stride: Int) -> (array: Int, elements: [Int])? {
        let reader = document.reader
        guard let array = rootMember(member) else { return nil }
        let arrayEntry = reader.entry(array)
        let count = arrayEntry.length
        guard arrayEntry.kind == .array, count >= minimumCount,
              count.multipliedReportingOverflow(by: max(stride, 8)).partialValue <= 4 * document.count + (1 << 20)
        else { return nil }
        var elements: [Int] = []
        elements.reserveCapacity(count)
        var cursor = array &+ 1
        for _ in 0..<count {
            guard reader.entry(cursor).kind == .object else { return nil }
            elements.append(cursor)
            cursor = reader.skip(cursor)
        }
        return (array, elements)
    }
}

/// Hands out chunk numbers, each once.
private final class ChunkCounter: @unchecked Sendable {
    // Safety: `next` is only touched while holding `lock`.
    private let lock = NSLock()
    private var nextChunk = 0
    private let count: Int

    init(count: Int) {
        self.count = count
    }

    func next() -> Int? {
        lock.withLock {
            guard nextChunk < count else { return nil }
            defer { nextChunk += 1 }
            return nextChunk
        }
    }
}

/// The result of a parallel decode, filled in place: each chunk's elements are decoded straight into their slots
/// (never copied), and moved into an array at the end.
private final class ParallelResults<Element>: @unchecked Sendable {
    // Safety: the slots of a chunk and its `done` flag are written only by the one task that took the chunk from
    // the `ChunkCounter` (each chunk is handed out once), and read only by `takeAll` or `deinit`, after the task
    // group has finished (its completion orders every write before them). Slots are initialized exactly when
    // their chunk's flag is set, so `takeAll` and `deinit` never touch uninitialized memory.
    private let elements: UnsafeMutablePointer<Element>
    private let done: UnsafeMutablePointer<Bool>
    private let count: Int
    private let chunks: Int
    private let chunkSize = ParallelDecoding.chunkSize
    private var taken = false

    init(count: Int, chunks: Int) {
        self.count = count
        self.chunks = chunks
        elements = .allocate(capacity: count)
        done = .allocate(capacity: chunks)
        done.initialize(repeating: false, count: chunks)
    }

    /// Decodes the elements of `range` (chunk `chunk`) into their slots with `decode`; on an error, undoes the
    /// chunk's part and rethrows.
    func decodeChunk(_ chunk: Int, _ range: Range<Int>, _ decode: (Int) throws -> Element) throws {
        var index = range.lowerBound
        do {
            while index < range.upperBound {
                (elements + index).initialize(to: try decode(index))
                index += 1
            }
        } catch {
            (elements + range.lowerBound).deinitialize(count: index - range.lowerBound)
            throw error
        }
        done[chunk] = true
    }

    /// Every element, moved into an array (all chunks must be done).
    func takeAll() -> [Element] {
        taken = true
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let base = buffer.baseAddress else {
                initialized = 0
                return
            }
            base.moveInitialize(from: elements, count: count)
            initialized = count
        }
    }

    deinit {
        if !taken {
            // A failed or cancelled decode: only the chunks that finished hold values.
            for chunk in 0..<chunks where done[chunk] {
                let lower = chunk * chunkSize
                (elements + lower).deinitialize(count: min(chunkSize, count - lower))
            }
        }
        done.deallocate()
        elements.deallocate()
    }
}
