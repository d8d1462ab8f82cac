/// A strict RFC 8259 parser that turns a document into the index (`JSONTapeEntry` nodes), in one pass and
/// without recursion.
///
/// What it checks: the grammar exactly (no trailing commas, no comments, no single quotes, no leading
/// zeros, no `NaN`/`Infinity`, no leading `+`, no `.5`/`5.`), UTF-8 well-formedness everywhere in strings
/// (no overlong forms, no encoded surrogates, nothing above U+10FFFF), no unescaped control character below
/// U+0020 in strings, only the escapes `\" \\ \/ \b \f \n \r \t \uXXXX`, and that nothing but whitespace
/// (space, tab, LF, CR) surrounds the top-level value. Outside strings any byte that is not part of the
/// grammar is rejected, so invalid UTF-8 there is rejected too.
///
/// Choices for what RFC 8259 leaves to implementations (each one is tested):
/// - **Byte-order mark**: one leading UTF-8 BOM (`EF BB BF`) is skipped, as `JSONDecoder` does and as
///   RFC 8259 §8.1 allows. UTF-16 and UTF-32 documents (with or without a BOM) are rejected: `JSONDecoder`
///   transcodes them, but JSON exchanged between systems must be UTF-8 (RFC 8259 §8.1).
/// - **Lone surrogates** in `\u` escapes (`"\uD800"`, `"\uDC00"`, a high surrogate not followed by a low
///   one) are rejected with `.loneSurrogate`, like `JSONDecoder`; they are never replaced with U+FFFD.
/// - **Huge and tiny numbers** are accepted by the parser (they are valid grammar) and converted on demand.
///   A number whose magnitude overflows `Double` (`1e400`) is an error when read as `Double`, `Float` or as
///   a `JSONValue`, as in `JSONDecoder`; `Double.infinity` is never produced. A non-zero number that
///   underflows to zero (`1e-400`) is an error when decoded as `Double`/`Float` (as `JSONDecoder` does) and
///   becomes `.double(0.0)` (keeping its sign) in a `JSONValue` (`JSONDecoder`'s trial decoding also
///   accepts it there, as `.int(0)`).
/// - **Integers beyond 64 bits** (`123456789012345678901234567890`) parse; they become `.double` in a
///   `JSONValue` and decode as `Double`; decoding them as `Int64` (or any integer type they do not fit) is
///   `DecodingError.dataCorrupted`. `UInt64` accepts integers up to 2^64 - 1.
/// - **Duplicate keys**: the last occurrence wins, as in `JSON.parse` (and in Nango's server). Note that
///   `JSONDecoder` on this toolchain keeps the *first* occurrence: see the differential tests.
/// - **Depth**: more than `maxDepth` (default 512, like `JSONDecoder`) nested arrays/objects is an error
///   (`.tooDeep`), detected before anything is allocated for the too-deep level; nothing recurses, so no
///   input can overflow the stack.
/// - **Size**: documents up to 4 GiB - 1, strings and numbers up to 256 MiB - 1 bytes, containers up to
///   2^28 - 1 members; beyond that, `.documentTooLarge`.
/// - **Whitespace**: leading and trailing whitespace is allowed; an empty or all-whitespace document is an
///   error (`.emptyInput`).
///
/// Errors carry the byte offset (from the start of the input, BOM included) and a short reason.
@usableFromInline package struct JSONParser {
    @usableFromInline package static let defaultMaxDepth = 512

    let bytes: UnsafePointer<UInt8>
    let count: Int
    let maxDepth: Int
    private(set) var tape: UnsafeMutablePointer<JSONTapeEntry>
    private(set) var tapeCount = 0
    private(set) var tapeCapacity: Int

    /// One open container.
    private struct Frame {
        var index: Int
        var count: Int
        /// Hash buckets of the keys so far (objects only).
        var seenKeys: (UInt64, UInt64, UInt64, UInt64)
        /// Whether a key may occur twice: exact for objects of up to `exactRepeatLimit` members with no
        /// escaped key, conservative beyond.
        var mayRepeatKeys: Bool
        var isObject: Bool
    }

    init(bytes: UnsafePointer<UInt8>, count: Int, maxDepth: Int) {
        self.bytes = bytes
        self.count = count
        self.maxDepth = max(0, maxDepth)
        // Real documents use about one node per 10-15 bytes; grow by doubling when denser.
        (tape, tapeCapacity) = JSONBufferPool.shared.takeTape(minimum: count / 8 + 16)
    }

    /// A parser of the elements of an array from the middle of a document (see `SplitParse`), with a tape of
    /// its own (not from the pool) for `bytes` from `start` on.
    init(bytes: UnsafePointer<UInt8>, count: Int, maxDepth: Int, elementsFrom start: Int) {
        self.bytes = bytes
        self.count = count
        self.maxDepth = max(0, maxDepth)
        tapeCapacity = max(16, (count - min(start, count)) / 8 + 16)
        tape = .allocate(capacity: tapeCapacity)
    }

    func recycleTape() {
        JSONBufferPool.shared.recycle(tape: tape, capacity: tapeCapacity)
    }

    // MARK: - Character classes

    @inline(__always) private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    @inline(__always) private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- 0x30 < 10
    }

    @inline(__always) private func skipWhitespace(_ start: Int) -> Int {
        var index = start
        // The zero sentinel after the document is not whitespace, so this stops there.
        while Self.isWhitespace(bytes[index]) { index &+= 1 }
        return index
    }

    /// An error at `index`: "unexpected end" when `index` is at the end of the input.
    private func failure(_ reason: JSONEngineError.Reason, at index: Int) -> JSONEngineError {
        index >= count ? JSONEngineError(.unexpectedEndOfInput, at: count) : JSONEngineError(reason, at: index)
    }

    // MARK: - Tape

    @inline(__always) private mutating func append(_ entry: JSONTapeEntry) -> Int {
        if tapeCount == tapeCapacity { grow() }
        let index = tapeCount
        (tape + index).initialize(to: entry)
        tapeCount = index &+ 1
        return index
    }

    private mutating func grow() {
        let newCapacity = tapeCapacity * 2
        let newTape = UnsafeMutablePointer<JSONTapeEntry>.allocate(capacity: newCapacity)
        newTape.moveInitialize(from: tape, count: tapeCount)
        tape.deallocate()
        tape = newTape
        tapeCapacity = newCapacity
    }

    /// Up to this many members, repeated keys are detected exactly.
    static let exactRepeatLimit = 128

    /// The hash bucket (0..<256) of a key, from its length and first and last bytes: two keys in different
    /// buckets differ, so only keys whose bucket is taken are compared with the earlier ones.
    @inline(__always) static func keyBucket(length: Int, first: UInt8, last: UInt8) -> Int {
        let hash = UInt32(truncatingIfNeeded: length) &* 0x9E37_79B1
            ^ UInt32(first) &* 0x85EB_CA77
            ^ UInt32(last) &* 0xC2B2_AE3D
        return Int(hash >> 24)
    }

    /// Marks `bucket` as seen; returns whether it already was.
    @inline(__always) private static func markSeen(_ bucket: Int, in seen: inout (UInt64, UInt64, UInt64, UInt64)) -> Bool {
        let bit: UInt64 = 1 << (bucket & 63)
        let wasSeen: Bool
        switch bucket >> 6 {
        case 0: wasSeen = seen.0 & bit != 0; seen.0 |= bit
        case 1: wasSeen = seen.1 & bit != 0; seen.1 |= bit
        case 2: wasSeen = seen.2 & bit != 0; seen.2 |= bit
        default: wasSeen = seen.3 & bit != 0; seen.3 |= bit
        }
        return wasSeen
    }

    // MARK: - Document

    /// Parses the whole document; returns the tape index of the root value.
    ///
    /// With `split`, another thread may already be parsing the elements of an array from `split.offset` on;
    /// when this parse reaches that offset as the start of an element of an array, it takes that part's nodes
    /// instead of parsing them again (if the part succeeded and fits the depth limit; otherwise it goes on by
    /// itself, so results and errors are always those of a serial parse).
    mutating func parse(split: SplitParse? = nil) throws(JSONEngineError) -> Int {
        // Index 0: a synthetic null, for decoders of missing `super` keys.
        _ = append(JSONTapeEntry(kind: .null, offset: 0, length: 0, payload: 0))

        var index = 0
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        index = skipWhitespace(index)
        guard index < count else { throw JSONEngineError(.emptyInput, at: count) }
        return try run(from: index, elements: false, split: split).root
    }

    /// What parsing the elements of an array from the middle found: how many elements, where the array's
    /// closing bracket is, and how deep containers nested below the array.
    struct ElementsResult {
        var elements: Int
        var end: Int
        var deepest: Int
    }

    /// Parses array elements from `start` (the first byte of an element): values separated by commas, up to
    /// a `]` at the same level, which is not consumed. The nodes go to this parser's own tape from index 0.
    mutating func parseElements(from start: Int) throws(JSONEngineError) -> ElementsResult {
        let result = try run(from: start, elements: true, split: nil)
        return ElementsResult(elements: result.elements, end: result.end, deepest: result.deepest)
    }

    /// The value loop. In `elements` mode the outermost level is a list of array elements ending at `]`.
    private mutating func run(
        from start: Int, elements: Bool, split: SplitParse?
    ) throws(JSONEngineError) -> (root: Int, end: Int, elements: Int, deepest: Int) {
        var index = start
        var listCount = 1
        var deepest = 0
        let splitOffset = split?.offset ?? -1

        var frameCapacity = min(maxDepth, 64)
        var frames = UnsafeMutablePointer<Frame>.allocate(capacity: max(frameCapacity, 1))
        defer { frames.deallocate() }
        var depth = 0

        valueLoop: while true {
            // `index` is at the first byte of a value.
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = byte == UInt8(ascii: "{")
                guard depth < maxDepth else { throw JSONEngineError(.tooDeep(limit: maxDepth), at: index) }
                if depth == frameCapacity {
                    let newCapacity = frameCapacity * 2
                    let newFrames = UnsafeMutablePointer<Frame>.allocate(capacity: newCapacity)
                    newFrames.moveInitialize(from: frames, count: depth)
                    frames.deallocate()
                    frames = newFrames
                    frameCapacity = newCapacity
                }
                let node = append(JSONTapeEntry(kind: isObject ? .object : .array, offset: index, length: 0, payload: 0))
                index = skipWhitespace(index &+ 1)
                let closing = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if bytes[index] == closing {
                    try close(node: node, count: 0, mayRepeatKeys: false, at: index)
                    index &+= 1
                } else {
                    (frames + depth).initialize(to: Frame(index: node, count: 1, seenKeys: (0, 0, 0, 0), mayRepeatKeys: false, isObject: isObject))
                    depth &+= 1
                    if depth > deepest { deepest = depth }
                    if isObject {
                        index = try parseKey(at: index, frame: frames + (depth &- 1))
                    }
                    continue valueLoop
                }
            case UInt8(ascii: "\""):
                index = try parseString(at: index)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                index = try parseNumber(at: index)
            case UInt8(ascii: "t"):
                guard bytes[index &+ 1] == UInt8(ascii: "r"), bytes[index &+ 2] == UInt8(ascii: "u"),
                      bytes[index &+ 3] == UInt8(ascii: "e")
                else { throw failure(.unexpectedCharacter, at: literalFailure(index, "true")) }
                _ = append(JSONTapeEntry(kind: .true, offset: index, length: 4, payload: 0))
                index &+= 4
            case UInt8(ascii: "f"):
                guard bytes[index &+ 1] == UInt8(ascii: "a"), bytes[index &+ 2] == UInt8(ascii: "l"),
                      bytes[index &+ 3] == UInt8(ascii: "s"), bytes[index &+ 4] == UInt8(ascii: "e")
                else { throw failure(.unexpectedCharacter, at: literalFailure(index, "false")) }
                _ = append(JSONTapeEntry(kind: .false, offset: index, length: 5, payload: 0))
                index &+= 5
            case UInt8(ascii: "n"):
                guard bytes[index &+ 1] == UInt8(ascii: "u"), bytes[index &+ 2] == UInt8(ascii: "l"),
                      bytes[index &+ 3] == UInt8(ascii: "l")
                else { throw failure(.unexpectedCharacter, at: literalFailure(index, "null")) }
                _ = append(JSONTapeEntry(kind: .null, offset: index, length: 4, payload: 0))
                index &+= 4
            default:
                throw failure(.unexpectedCharacter, at: index)
            }

            // A value is complete: continue the enclosing containers.
            while true {
                index = skipWhitespace(index)
                guard depth > 0 else {
                    if elements {
                        // An element of the list is complete: the next one, or the end of the array.
                        if bytes[index] == UInt8(ascii: ",") {
                            listCount &+= 1
                            index = skipWhitespace(index &+ 1)
                            continue valueLoop
                        }
                        guard bytes[index] == UInt8(ascii: "]") else { throw failure(.expectedCommaOrEnd, at: index) }
                        return (0, index, listCount, deepest)
                    }
                    guard index >= count else { throw JSONEngineError(.trailingCharacters, at: index) }
                    return (1, index, 1, deepest)
                }
                let frame = frames + (depth &- 1)
                let byte = bytes[index]
                if byte == UInt8(ascii: ",") {
                    frame.pointee.count &+= 1
                    index = skipWhitespace(index &+ 1)
                    if frame.pointee.isObject {
                        index = try parseKey(at: index, frame: frame)
                    } else if index == splitOffset, let split, let part = split.take() {
                        defer { part.tape.deallocate() }
                        // This element starts where the other thread began: take its elements, up to the `]`.
                        if depth &+ part.result.deepest <= maxDepth {
                            adopt(part)
                            split.noteAdopted()
                            frame.pointee.count &+= part.result.elements &- 1
                            index = part.result.end
                            continue
                        }
                    }
                    continue valueLoop
                }
                guard byte == (frame.pointee.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                    throw failure(.expectedCommaOrEnd, at: index)
                }
                try close(node: frame.pointee.index, count: frame.pointee.count, mayRepeatKeys: frame.pointee.mayRepeatKeys, at: index)
                depth &-= 1
                index &+= 1
            }
        }
    }

    /// Appends the nodes another parser made for the elements from the split offset on, moving their
    /// containers' end indexes by where they now start.
    private mutating func adopt(_ part: SplitParse.Part) {
        let shift = UInt64(tapeCount)
        while tapeCapacity - tapeCount < part.tapeCount { grow() }
        let destination = tape + tapeCount
        for index in 0..<part.tapeCount {
            var entry = part.tape[index]
            if entry.isContainer { entry.payload &+= shift }
            (destination + index).initialize(to: entry)
        }
        tapeCount &+= part.tapeCount
    }

    /// Where a literal (`true`, `false`, `null`) stops matching: the offset of the first wrong byte.
    private func literalFailure(_ start: Int, _ literal: StaticString) -> Int {
        var index = 0
        let expected = literal.utf8Start
        while index < literal.utf8CodeUnitCount, bytes[start &+ index] == expected[index] { index &+= 1 }
        return start &+ index
    }

    private mutating func close(node: Int, count: Int, mayRepeatKeys: Bool, at offset: Int) throws(JSONEngineError) {
        guard count < 0x1000_0000 else { throw JSONEngineError(.documentTooLarge, at: offset) }
        let start = tape[node].offset
        tape[node] = JSONTapeEntry(
            kind: tape[node].kind,
            offset: start,
            length: count,
            payload: UInt64(UInt32(truncatingIfNeeded: tapeCount)) | (mayRepeatKeys ? 1 << 32 : 0)
        )
    }

    /// Parses `"key"` `:` at `start` (after whitespace) and the whitespace after the colon.
    @inline(__always) private mutating func parseKey(at start: Int, frame: UnsafeMutablePointer<Frame>) throws(JSONEngineError) -> Int {
        guard bytes[start] == UInt8(ascii: "\"") else { throw failure(.expectedKey, at: start) }
        let keyNode = try parseStringNode(at: start)
        let entry = tape[keyNode]
        if !frame.pointee.mayRepeatKeys {
            if entry.kind == .escapedString || frame.pointee.count > Self.exactRepeatLimit {
                // The raw bytes are not the key's text, or the object is large: be conservative.
                frame.pointee.mayRepeatKeys = true
            } else {
                let length = entry.length
                let first = length > 0 ? bytes[entry.offset] : 0
                let last = length > 0 ? bytes[entry.offset &+ length &- 1] : 0
                let bucket = Self.keyBucket(length: length, first: first, last: last)
                if Self.markSeen(bucket, in: &frame.pointee.seenKeys),
                   isRepeated(key: entry, from: frame.pointee.index &+ 1, to: keyNode) {
                    frame.pointee.mayRepeatKeys = true
                }
            }
        }
        var index = skipWhitespace(entry.offset &+ entry.length &+ 1)
        guard bytes[index] == UInt8(ascii: ":") else { throw failure(.expectedColon, at: index) }
        index = skipWhitespace(index &+ 1)
        return index
    }

    /// Whether an earlier key node in `start..<end` (the members parsed so far) has the same bytes as `key`.
    private func isRepeated(key: JSONTapeEntry, from start: Int, to end: Int) -> Bool {
        var keyNode = start
        while keyNode < end {
            let other = tape[keyNode]
            if other.length == key.length,
               Self.equalBytes(bytes + other.offset, bytes + key.offset, count: key.length) {
                return true
            }
            let value = keyNode &+ 1
            keyNode = tape[value].isContainer ? tape[value].end : value &+ 1
        }
        return false
    }

    private static func equalBytes(_ lhs: UnsafePointer<UInt8>, _ rhs: UnsafePointer<UInt8>, count: Int) -> Bool {
        for index in 0..<count where lhs[index] != rhs[index] { return false }
        return true
    }

    // MARK: - Strings

    @inline(__always) private mutating func parseString(at quote: Int) throws(JSONEngineError) -> Int {
        let node = try parseStringNode(at: quote)
        let entry = tape[node]
        return entry.offset &+ entry.length &+ 1
    }

    /// Validates the string whose opening quote is at `quote` and appends its node. The common case (plain
    /// ASCII up to the closing quote) is inline; escapes, non-ASCII and errors continue out of line.
    @inline(__always) private mutating func parseStringNode(at quote: Int) throws(JSONEngineError) -> Int {
        let start = quote &+ 1
        let index = scanPlain(from: start)
        if bytes[index] == UInt8(ascii: "\"") {
            let length = index &- start
            if length < 0x1000_0000 {
                return append(JSONTapeEntry(kind: .string, offset: start, length: length, payload: 0))
            }
        }
        return try parseStringRest(quote: quote, from: index)
    }

    /// The index of the first byte from `start` on that is below 0x20, '"', '\\' or 0x80 and above, eight
    /// bytes at a time. The lowest flagged byte is always a real special byte (borrows only run upwards from
    /// a special byte), and the zero padding after the document stops the scan.
    @inline(__always) private func scanPlain(from start: Int) -> Int {
        var index = start
        let raw = UnsafeRawPointer(bytes)
        while true {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let special = ((word &- 0x2020_2020_2020_2020)
                | ((word ^ 0x2222_2222_2222_2222) &- 0x0101_0101_0101_0101)
                | ((word ^ 0x5C5C_5C5C_5C5C_5C5C) &- 0x0101_0101_0101_0101)
                | word) & 0x8080_8080_8080_8080
            if special != 0 { return index &+ special.trailingZeroBitCount >> 3 }
            index &+= 8
        }
    }

    /// The rest of a string from `from` (a special byte): escapes, multi-byte UTF-8, errors.
    @inline(never)
    private mutating func parseStringRest(quote: Int, from: Int) throws(JSONEngineError) -> Int {
        let start = quote &+ 1
        var index = from
        var escaped = false
        while true {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                index = try validateEscape(at: index)
            } else if byte < 0x20 {
                if index >= count { throw JSONEngineError(.unterminatedString, at: quote) }
                throw JSONEngineError(.controlCharacterInString, at: index)
            } else if byte >= 0x80 {
                index = try validateUTF8(at: index)
            } else {
                index &+= 1
            }
            index = scanPlain(from: index)
        }
        let length = index &- start
        guard length < 0x1000_0000 else { throw JSONEngineError(.documentTooLarge, at: quote) }
        return append(JSONTapeEntry(kind: escaped ? .escapedString : .string, offset: start, length: length, payload: 0))
    }

    @inline(__always) private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte &- UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte &- UInt8(ascii: "a") &+ 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte &- UInt8(ascii: "A") &+ 10)
        default: return nil
        }
    }

    /// The four hex digits after `\u` at `backslash`.
    private func unicodeEscape(at backslash: Int) throws(JSONEngineError) -> UInt32 {
        var value: UInt32 = 0
        for offset in 2..<6 {
            guard let digit = Self.hexValue(bytes[backslash &+ offset]) else {
                throw failure(.invalidUnicodeEscape, at: backslash &+ offset)
            }
            value = value << 4 | digit
        }
        return value
    }

    /// Validates the escape at `backslash`; returns the index after it.
    private func validateEscape(at backslash: Int) throws(JSONEngineError) -> Int {
        switch bytes[backslash &+ 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return backslash &+ 2
        case UInt8(ascii: "u"):
            let unit = try unicodeEscape(at: backslash)
            switch unit {
            case 0xD800...0xDBFF:
                guard bytes[backslash &+ 6] == UInt8(ascii: "\\"), bytes[backslash &+ 7] == UInt8(ascii: "u") else {
                    throw failure(.loneSurrogate, at: backslash)
                }
                let low = try unicodeEscape(at: backslash &+ 6)
                guard (0xDC00...0xDFFF).contains(low) else { throw JSONEngineError(.loneSurrogate, at: backslash) }
                return backslash &+ 12
            case 0xDC00...0xDFFF:
                throw JSONEngineError(.loneSurrogate, at: backslash)
            default:
                return backslash &+ 6
            }
        default:
            throw failure(.invalidEscape, at: backslash &+ 1)
        }
    }

    @inline(__always) private static func isContinuation(_ byte: UInt8) -> Bool {
        byte & 0xC0 == 0x80
    }

    /// Validates the multi-byte UTF-8 sequence at `start`; returns the index after it.
    private func validateUTF8(at start: Int) throws(JSONEngineError) -> Int {
        let lead = bytes[start]
        let second = bytes[start &+ 1]
        switch lead {
        case 0xC2...0xDF:
            guard Self.isContinuation(second) else { break }
            return start &+ 2
        case 0xE0...0xEF:
            let secondValid: Bool
            switch lead {
            case 0xE0: secondValid = (0xA0...0xBF).contains(second)
            case 0xED: secondValid = (0x80...0x9F).contains(second)
            default: secondValid = Self.isContinuation(second)
            }
            guard secondValid, Self.isContinuation(bytes[start &+ 2]) else { break }
            return start &+ 3
        case 0xF0...0xF4:
            let secondValid: Bool
            switch lead {
            case 0xF0: secondValid = (0x90...0xBF).contains(second)
            case 0xF4: secondValid = (0x80...0x8F).contains(second)
            default: secondValid = Self.isContinuation(second)
            }
            guard secondValid, Self.isContinuation(bytes[start &+ 2]), Self.isContinuation(bytes[start &+ 3]) else { break }
            return start &+ 4
        default:
            break
        }
        throw JSONEngineError(.invalidUTF8, at: start)
    }

    // MARK: - Numbers

    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Validates the number at `start` and appends its node, converting it already when that is exact and
    /// cheap (an `Int64`, or a `Double` by Clinger's fast path).
    private mutating func parseNumber(at start: Int) throws(JSONEngineError) -> Int {
        var index = start
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index &+= 1 }

        var mantissa: UInt64 = 0
        var significantDigits = 0
        var fractionDigits = 0
        var isInteger = true

        let first = bytes[index]
        if first == UInt8(ascii: "0") {
            index &+= 1
            if Self.isDigit(bytes[index]) { throw JSONEngineError(.invalidNumber, at: index) }
        } else if Self.isDigit(first) {
            while Self.isDigit(bytes[index]) {
                if significantDigits < 19 { mantissa = mantissa &* 10 &+ UInt64(bytes[index] &- 0x30) }
                significantDigits &+= 1
                index &+= 1
            }
        } else {
            throw failure(.invalidNumber, at: index)
        }

        if bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index &+= 1
            guard Self.isDigit(bytes[index]) else { throw failure(.invalidNumber, at: index) }
            while Self.isDigit(bytes[index]) {
                let digit = bytes[index] &- 0x30
                if significantDigits == 0 && digit == 0 {
                    fractionDigits &+= 1   // a leading zero of the fraction: only scales
                } else {
                    if significantDigits < 19 {
                        mantissa = mantissa &* 10 &+ UInt64(digit)
                        fractionDigits &+= 1
                    }
                    significantDigits &+= 1
                }
                index &+= 1
            }
        }

        var exponent = 0
        let byte = bytes[index]
        if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            isInteger = false
            index &+= 1
            var exponentNegative = false
            if bytes[index] == UInt8(ascii: "+") {
                index &+= 1
            } else if bytes[index] == UInt8(ascii: "-") {
                exponentNegative = true
                index &+= 1
            }
            guard Self.isDigit(bytes[index]) else { throw failure(.invalidNumber, at: index) }
            while Self.isDigit(bytes[index]) {
                if exponent < 1_000_000 { exponent = exponent &* 10 &+ Int(bytes[index] &- 0x30) }
                index &+= 1
            }
            if exponentNegative { exponent = -exponent }
        }

        let length = index &- start
        guard length < 0x1000_0000 else { throw JSONEngineError(.documentTooLarge, at: start) }

        if isInteger && significantDigits <= 19 {
            if negative {
                if mantissa <= UInt64(Int64.max) &+ 1 {
                    let value = Int64(truncatingIfNeeded: 0 &- mantissa)
                    _ = append(JSONTapeEntry(kind: .int, offset: start, length: length, payload: UInt64(bitPattern: value)))
                    return index
                }
            } else if mantissa <= UInt64(Int64.max) {
                _ = append(JSONTapeEntry(kind: .int, offset: start, length: length, payload: mantissa))
                return index
            }
        }
        if significantDigits <= 19 {
            let scale = exponent &- fractionDigits
            if mantissa == 0 {
                let zero: Double = negative ? -0.0 : 0.0
                _ = append(JSONTapeEntry(kind: .double, offset: start, length: length, payload: zero.bitPattern))
                return index
            }
            if mantissa <= 1 << 53, scale >= -22, scale <= 22 {
                // Clinger's fast path: both operands are exact, so one IEEE operation rounds correctly.
                var value = Double(mantissa)
                if scale < 0 {
                    value /= Self.exactPowersOfTen[-scale]
                } else {
                    value *= Self.exactPowersOfTen[scale]
                }
                if negative { value = -value }
                _ = append(JSONTapeEntry(kind: .double, offset: start, length: length, payload: value.bitPattern))
                return index
            }
        }
        _ = append(JSONTapeEntry(kind: .number, offset: start, length: length, payload: 0))
        return index
    }
}
