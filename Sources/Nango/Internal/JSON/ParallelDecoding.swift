import Dispatch
import Foundation

// Decoding the elements of one large array on every core. The document is immutable once parsed, so several
// decoders can read it at once; each chunk of elements gets a decoder of its own.

extension IndexDecoder {
    /// Arrays shorter than this are decoded on the calling thread: below it, handing work to other threads costs
    /// more than it saves.
    static let parallelThreshold = 256

    /// Decodes every element of the array that is member `member` of the current object as `Element`, in chunks
    /// on every core, keeping their order. Returns `nil` (decoding nothing) when the current node is not an
    /// object with such an array, when the array has fewer than `minimumCount` elements, or on a single core.
    ///
    /// Errors carry the same coding path as a serial decode (`records.[3].email`); when several chunks fail, the
    /// first chunk's error is thrown.
    func decodeElementsInParallel<Element: Decodable & Sendable>(
        _ type: Element.Type,
        member: String,
        minimumCount: Int = IndexDecoder.parallelThreshold
    ) throws -> [Element]? {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard cores > 1,
              let (array, nodes) = arrayElements(member: member, minimumCount: max(1, minimumCount), stride: MemoryLayout<Element>.stride)
        else {
            return nil
        }
        // A few chunks per core, so that a core that finishes early takes another.
        let chunkCount = max(1, min(nodes.count / 64, cores * 4))
        let arrayPath = codingPath + [IndexCodingKey(stringValue: member)]
        let document = document
        let options = options
        // Each chunk initializes its own slice of the result in place: no element is copied afterwards.
        let failures = ChunkFailures(count: chunkCount)
        let result = [Element](unsafeUninitializedCapacity: nodes.count) { buffer, initializedCount in
            guard let base = buffer.baseAddress else {
                initializedCount = 0
                return
            }
            let output = UncheckedSendable(base)
            nodes.withUnsafeBufferPointer { nodes in
                let elements = UncheckedSendable(nodes)
                DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                    let lower = elements.value.count * chunk / chunkCount
                    let upper = elements.value.count * (chunk + 1) / chunkCount
                    let decoder = IndexDecoder(document: document, node: array, basePath: arrayPath, options: options)
                    var index = lower
                    do {
                        while index < upper {
                            // Decoded straight into its slot: the value is moved in, never copied.
                            (output.value + index).initialize(to: try decoder.decode(
                                Element.self, node: elements.value[index], depth: 0, extra: -1, last: .index(index)
                            ))
                            index += 1
                        }
                    } catch {
                        // Undo this chunk's part; the caller throws the first chunk's error.
                        (output.value + lower).deinitialize(count: index - lower)
                        failures.store(chunk, error)
                    }
                }
            }
            if failures.isEmpty {
                initializedCount = nodes.count
            } else {
                // Keep nothing: deinitialize the chunks that succeeded.
                for chunk in 0..<chunkCount where !failures.failed(chunk) {
                    let lower = nodes.count * chunk / chunkCount
                    let upper = nodes.count * (chunk + 1) / chunkCount
                    (base + lower).deinitialize(count: upper - lower)
                }
                initializedCount = 0
            }
        }
        if let error = failures.first { throw error }
        return result
    }

    /// The array that is member `member` of the current object, and the nodes of its elements; `nil` unless it
    /// has at least `minimumCount` elements, all objects, and few enough that a result of `stride` bytes each stays
    /// within a few times the document's size (a hostile `[{},{},…]` goes to the serial decoder, which fails on
    /// its first element before allocating anything).
    private func arrayElements(member: String, minimumCount: Int, stride: Int) -> (array: Int, elements: [Int])? {
        let object = state.pointee.node
        let entry = reader.entry(object)
        guard entry.kind == .object else { return nil }
        var key = member.utf8.map { $0 }
        let found = key.withUnsafeMutableBufferPointer { key in
            reader.findMember(
                object: object, entry: entry, hints: hints, slot: Self.hintSlots, key: UnsafeBufferPointer(key)
            )
        }
        guard let array = found else { return nil }
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

/// The chunks that failed, and their errors, each written once by the thread that decoded the chunk.
private final class ChunkFailures: @unchecked Sendable {
    // Safety: `errors` is only touched under `lock`.
    private let lock = NSLock()
    private var errors: [(any Error)?]

    init(count: Int) {
        errors = Array(repeating: nil, count: count)
    }

    func store(_ chunk: Int, _ error: any Error) {
        lock.withLock { errors[chunk] = error }
    }

    func failed(_ chunk: Int) -> Bool {
        lock.withLock { errors[chunk] != nil }
    }

    var isEmpty: Bool {
        lock.withLock { errors.allSatisfy { $0 == nil } }
    }

    /// The error of the first chunk (in document order) that failed.
    var first: (any Error)? {
        lock.withLock { errors.lazy.compactMap { $0 }.first }
    }
}

/// Data handed to `concurrentPerform`'s iterations, which all end before the call returns; each iteration writes
/// only its own part of a buffer.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}
