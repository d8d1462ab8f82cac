package import Foundation

/// The kind of one node of the index.
@usableFromInline package enum JSONNodeKind: UInt8, Sendable {
    case null = 0
    case `false` = 1
    case `true` = 2
    /// A string without escapes: its bytes are the UTF-8 text.
    case string = 3
    /// A string with at least one backslash escape: unescaped when read.
    case escapedString = 4
    /// An integer literal (no fraction, no exponent) that fits in `Int64`; the payload is its value.
    case int = 5
    /// A number with a fraction or exponent whose `Double` was computed exactly while parsing; the payload is
    /// its bit pattern.
    case double = 6
    /// Any other number (more than 19 significant digits, or a large exponent): converted from its literal
    /// text when asked.
    case number = 7
    case array = 8
    case object = 9
}

/// One node of the index: 16 bytes.
///
/// `header` packs the byte offset (32 bits), a length (28 bits) and the kind (4 bits). For strings the
/// offset is the first byte after the opening quote and the length is the raw byte length between the
/// quotes; for numbers, the literal's offset and length; for containers, the offset of the bracket and the
/// number of elements (members for objects).
///
/// `payload`: for containers, the low 32 bits are the index just past the container's last descendant (so a
/// container is skipped in O(1)); for objects bit 32 says whether a key may be repeated (see `JSONParser`). For `.int` the `Int64` bit pattern; for `.double` the `Double` bit pattern.
@usableFromInline
package struct JSONTapeEntry: Sendable {
    @usableFromInline var header: UInt64
    /// For `.int` the `Int64` bit pattern; for `.double` the `Double` bit pattern; for containers the end.
    @usableFromInline package var payload: UInt64

    @usableFromInline init(kind: JSONNodeKind, offset: Int, length: Int, payload: UInt64) {
        header = UInt64(truncatingIfNeeded: offset) & 0xFFFF_FFFF
            | (UInt64(truncatingIfNeeded: length) & 0x0FFF_FFFF) << 32
            | UInt64(kind.rawValue) << 60
        self.payload = payload
    }

    @inlinable @inline(__always) package var kind: JSONNodeKind {
        // Spelled out rather than `init(rawValue:)`, so that it compiles to a table lookup inside the caller. The
        // parser writes only valid kinds; anything else would read as `null`.
        switch header >> 60 {
        case 1: return .false
        case 2: return .true
        case 3: return .string
        case 4: return .escapedString
        case 5: return .int
        case 6: return .double
        case 7: return .number
        case 8: return .array
        case 9: return .object
        default: return .null
        }
    }
    @inlinable package var offset: Int { Int(truncatingIfNeeded: header & 0xFFFF_FFFF) }
    @inlinable package var length: Int { Int(truncatingIfNeeded: (header >> 32) & 0x0FFF_FFFF) }
    /// For containers: the index just past the last descendant.
    @inlinable package var end: Int { Int(truncatingIfNeeded: payload & 0xFFFF_FFFF) }
    /// For objects: whether a key may occur more than once (exact for objects of up to
    /// `JSONParser.exactRepeatLimit` members without escaped keys; `true` when unsure).
    @inlinable package var mayRepeatKeys: Bool { payload & (1 << 32) != 0 }
    @inlinable package var isContainer: Bool { header >> 60 >= UInt64(JSONNodeKind.array.rawValue) }
}

/// The parsed document: a private copy of the bytes (with zero padding after them) and the tape of nodes.
///
/// Immutable once built, so it is `Sendable`; it owns both buffers and frees them when the last decoder,
/// index or container that holds it goes away.
@usableFromInline package final class JSONDocument: @unchecked Sendable {
    /// The document's bytes followed by `padding` zero bytes, owned by `storage`.
    let bytes: UnsafeMutablePointer<UInt8>
    private let storage: JSONBytes
    /// The document's length, without padding.
    let count: Int
    let tape: UnsafeMutablePointer<JSONTapeEntry>
    let tapeCount: Int
    private let tapeCapacity: Int
    /// Index 0 of the tape is a synthetic `null` (used for a missing `super` key); the root value is here.
    @usableFromInline package let root: Int

    /// Zero bytes after the document: the scanners stop on the zero sentinel and read at most 15 bytes ahead.
    static let padding = 16

    /// How `init(copying:maxDepth:split:)` parses: on two threads when the document is large (`.automatic`),
    /// or, for tests, split at the first `},{` from an offset with the second part parsed first.
    enum SplitMode {
        case automatic
        case never
        case inline(searchFrom: Int)
        /// Split at the first `},{` from an offset, with the other part still being parsed when the calling parse
        /// arrives (it is parsed after the document, as by a thread that started late).
        case late(searchFrom: Int)
    }

    /// Whether the last part of the document was parsed by another thread and used (for tests).
    let usedSplit: Bool

    init(copying source: UnsafeRawBufferPointer, maxDepth: Int, split mode: SplitMode = .automatic) throws(JSONEngineError) {
        let count = source.count
        guard count < Int(UInt32.max) else { throw JSONEngineError(.documentTooLarge, at: 0) }
        let storage = JSONBytes(minimum: count + Self.padding)
        let bytes = storage.pointer
        if let base = source.baseAddress, count > 0 {
            bytes.initialize(from: base.assumingMemoryBound(to: UInt8.self), count: count)
        }
        (bytes + count).initialize(repeating: 0, count: Self.padding)
        let split: SplitParse?
        switch mode {
        case .automatic: split = SplitParse.start(bytes: storage, count: count, maxDepth: maxDepth)
        case .never: split = nil
        case .inline(let searchFrom):
            split = SplitParse.startInline(bytes: bytes, count: count, maxDepth: maxDepth, searchFrom: searchFrom)
        case .late(let searchFrom):
            split = SplitParse.startLate(bytes: bytes, count: count, maxDepth: maxDepth, searchFrom: searchFrom)
        }
        defer {
            if case .late = mode { split?.parseLate(bytes: bytes, count: count, maxDepth: maxDepth) }
        }
        var parser = JSONParser(bytes: bytes, count: count, maxDepth: maxDepth)
        let root: Int
        do {
            root = try parser.parse(split: split)
        } catch {
            // A part still being parsed holds the bytes itself; `storage` gives them back when both are done.
            split?.finish()
            parser.recycleTape()
            throw error
        }
        split?.finish()
        usedSplit = split?.wasAdopted ?? false
        self.root = root
        self.bytes = bytes
        self.storage = storage
        tapeCapacity = parser.tapeCapacity
        self.count = count
        tape = parser.tape
        tapeCount = parser.tapeCount
    }

    deinit {
        JSONBufferPool.shared.recycle(tape: tape, capacity: tapeCapacity)
    }
}

/// A parsed, validated JSON document: a compact index over its bytes that values are read from on demand.
///
/// ```swift
/// let index = try JSONIndex(parsing: data)      // throws JSONEngineError
/// let value = try JSONValue(index: index)       // the whole document as a JSONValue
/// ```
@usableFromInline package struct JSONIndex: Sendable {
    @usableFromInline package let document: JSONDocument

    /// Parses and validates `data` (see `JSONParser` for the exact rules). Nesting deeper than `maxDepth`
    /// containers is an error.
    package init(parsing data: Data, maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONEngineError) {
        var result: Result<JSONDocument, JSONEngineError> = .failure(JSONEngineError(.emptyInput, at: 0))
        data.withUnsafeBytes { buffer in
            do throws(JSONEngineError) {
                result = .success(try JSONDocument(copying: buffer, maxDepth: maxDepth))
            } catch {
                result = .failure(error)
            }
        }
        document = try result.get()
    }

    @usableFromInline package init(parsing bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONEngineError) {
        var result: Result<JSONDocument, JSONEngineError> = .failure(JSONEngineError(.emptyInput, at: 0))
        bytes.withUnsafeBytes { buffer in
            do throws(JSONEngineError) {
                result = .success(try JSONDocument(copying: buffer, maxDepth: maxDepth))
            } catch {
                result = .failure(error)
            }
        }
        document = try result.get()
    }

    /// A copy of the document's bytes.
    package var body: Data { Data(bytes: document.bytes, count: document.count) }

    init(parsing buffer: UnsafeRawBufferPointer, maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONEngineError) {
        document = try JSONDocument(copying: buffer, maxDepth: maxDepth)
    }

    /// The number of nodes (values and keys) in the document.
    @usableFromInline package var nodeCount: Int { document.tapeCount - 1 }
}
