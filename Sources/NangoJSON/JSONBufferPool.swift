import Foundation

/// Keeps the byte buffer and the tape of the last freed document for the next one.
///
/// A page of records needs a megabyte or two of each; freed and allocated again, such blocks tend to go back
/// to the operating system and come back as fresh pages, whose first-touch faults cost about 5% of a decode.
/// One buffer of each kind (up to `maximumPooledBytes`) is kept, under a lock, for whichever decode comes next.
final class JSONBufferPool: @unchecked Sendable {
    static let shared = JSONBufferPool()

    /// Larger buffers are freed, not kept.
    static let maximumPooledBytes = 32 << 20

    private let lock = NSLock()
    private var bytes: (pointer: UnsafeMutablePointer<UInt8>, capacity: Int)?
    private var tape: (pointer: UnsafeMutablePointer<JSONTapeEntry>, capacity: Int)?

    /// A byte buffer of at least `minimum` bytes (uninitialized), and its capacity.
    func takeBytes(minimum: Int) -> (UnsafeMutablePointer<UInt8>, Int) {
        lock.lock()
        if let pooled = bytes, pooled.capacity >= minimum {
            bytes = nil
            lock.unlock()
            return pooled
        }
        lock.unlock()
        return (.allocate(capacity: minimum), minimum)
    }

    /// A tape of at least `minimum` entries (uninitialized), and its capacity.
    func takeTape(minimum: Int) -> (UnsafeMutablePointer<JSONTapeEntry>, Int) {
        lock.lock()
        if let pooled = tape, pooled.capacity >= minimum {
            tape = nil
            lock.unlock()
            return pooled
        }
        lock.unlock()
        return (.allocate(capacity: minimum), minimum)
    }

    /// Takes back a byte buffer (its contents are dead), keeping the larger of it and the pooled one.
    func recycle(bytes pointer: UnsafeMutablePointer<UInt8>, capacity: Int) {
        guard capacity <= Self.maximumPooledBytes else {
            pointer.deallocate()
            return
        }
        lock.lock()
        let previous = bytes
        if previous.map({ $0.capacity < capacity }) ?? true {
            bytes = (pointer, capacity)
            lock.unlock()
            previous?.pointer.deallocate()
        } else {
            lock.unlock()
            pointer.deallocate()
        }
    }

    /// Takes back a tape (its entries are trivial, nothing to deinitialize).
    func recycle(tape pointer: UnsafeMutablePointer<JSONTapeEntry>, capacity: Int) {
        guard capacity * MemoryLayout<JSONTapeEntry>.stride <= Self.maximumPooledBytes else {
            pointer.deallocate()
            return
        }
        lock.lock()
        let previous = tape
        if previous.map({ $0.capacity < capacity }) ?? true {
            tape = (pointer, capacity)
            lock.unlock()
            previous?.pointer.deallocate()
        } else {
            lock.unlock()
            pointer.deallocate()
        }
    }
}

/// A document's bytes (with their zero padding): taken from the pool, and given back when the last holder lets
/// go: the document, or the thread of a split parse still reading them (see `SplitParse`).
final class JSONBytes: @unchecked Sendable {
    // Safety: the buffer is written once, by the parse that fills it, before the document or a split parse can
    // share it; after that it is only read.
    let pointer: UnsafeMutablePointer<UInt8>
    let capacity: Int

    init(minimum: Int) {
        (pointer, capacity) = JSONBufferPool.shared.takeBytes(minimum: minimum)
    }

    deinit {
        JSONBufferPool.shared.recycle(bytes: pointer, capacity: capacity)
    }
}
