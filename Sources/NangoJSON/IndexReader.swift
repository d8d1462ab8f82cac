import Foundation

// Reading scalar values out of the index: strings (unescaped on demand), keys compared as bytes, numbers
// converted on demand with the same results as Foundation's `JSONDecoder`.

/// A trivially copyable view of a document's tape and bytes, for the hot paths (copying it costs no
/// reference counting). Valid while its `JSONDocument` is alive.
@usableFromInline
package struct IndexReader {
    @usableFromInline let tape: UnsafePointer<JSONTapeEntry>
    @usableFromInline let bytes: UnsafePointer<UInt8>

    @usableFromInline init(tape: UnsafePointer<JSONTapeEntry>, bytes: UnsafePointer<UInt8>) {
        self.tape = tape
        self.bytes = bytes
    }
}

extension JSONDocument {
    @usableFromInline package var reader: IndexReader { IndexReader(tape: tape, bytes: bytes) }
}

// Safety of every read below: a node number comes from the tape itself (a container's children, `skip`, the
// root) and is below `tapeCount`; offsets and lengths in an entry were checked against the document by the
// parser; the document keeps both buffers alive for as long as any reader of it is used (its decoders and
// containers hold it).
extension IndexReader {
    @inlinable package func entry(_ node: Int) -> JSONTapeEntry { tape[node] }

    /// The index after `node` and all its descendants.
    @inlinable package func skip(_ node: Int) -> Int {
        let entry = tape[node]
        return entry.isContainer ? entry.end : node &+ 1
    }

    /// The raw bytes of a string's content or a number's literal.
    @inlinable package func rawBytes(_ entry: JSONTapeEntry) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: bytes + entry.offset, count: entry.length)
    }

    // MARK: - Strings

    /// The text of a string node (`.string` or `.escapedString`).
    @usableFromInline package func string(_ entry: JSONTapeEntry) -> String {
        if entry.kind == .string {
            return String(decoding: rawBytes(entry), as: UTF8.self)
        }
        // Unescaping never makes a string longer.
        return String(unsafeUninitializedCapacity: entry.length) { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            return unescape(entry, into: base)
        }
    }

    /// Writes the unescaped UTF-8 of an `.escapedString` node to `output` (which has room for
    /// `entry.length` bytes); returns the number of bytes written.
    @usableFromInline func unescape(_ entry: JSONTapeEntry, into output: UnsafeMutablePointer<UInt8>) -> Int {
        let input = bytes + entry.offset
        let length = entry.length
        var read = 0
        var written = 0
        while read < length {
            let byte = input[read]
            guard byte == UInt8(ascii: "\\"), read &+ 1 < length else {
                output[written] = byte
                written &+= 1
                read &+= 1
                continue
            }
            let escape = input[read &+ 1]
            read &+= 2
            let simple: UInt8?
            switch escape {
            case UInt8(ascii: "\""): simple = 0x22
            case UInt8(ascii: "\\"): simple = 0x5C
            case UInt8(ascii: "/"): simple = 0x2F
            case UInt8(ascii: "b"): simple = 0x08
            case UInt8(ascii: "f"): simple = 0x0C
            case UInt8(ascii: "n"): simple = 0x0A
            case UInt8(ascii: "r"): simple = 0x0D
            case UInt8(ascii: "t"): simple = 0x09
            default: simple = nil
            }
            if let simple {
                output[written] = simple
                written &+= 1
                continue
            }
            // `\uXXXX` (the parser validated it, including surrogate pairs).
            guard read &+ 4 <= length else { break }
            var scalar = Self.hex4(input + read)
            read &+= 4
            if (0xD800...0xDBFF).contains(scalar), read &+ 6 <= length,
               input[read] == UInt8(ascii: "\\"), input[read &+ 1] == UInt8(ascii: "u") {
                let low = Self.hex4(input + (read &+ 2))
                if (0xDC00...0xDFFF).contains(low) {
                    scalar = 0x10000 &+ ((scalar &- 0xD800) << 10) &+ (low &- 0xDC00)
                    read &+= 6
                }
            }
            written &+= Self.encodeUTF8(Unicode.Scalar(scalar)?.value ?? 0xFFFD, into: output + written)
        }
        return written
    }

    /// Writes the UTF-8 form of a scalar value; returns its length.
    private static func encodeUTF8(_ scalar: UInt32, into output: UnsafeMutablePointer<UInt8>) -> Int {
        switch scalar {
        case 0..<0x80:
            output[0] = UInt8(truncatingIfNeeded: scalar)
            return 1
        case 0x80..<0x800:
            output[0] = UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6)
            output[1] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return 2
        case 0x800..<0x10000:
            output[0] = UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12)
            output[1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
            output[2] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return 3
        default:
            output[0] = UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18)
            output[1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F)
            output[2] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
            output[3] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return 4
        }
    }

    private static func hex4(_ pointer: UnsafePointer<UInt8>) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = pointer[offset]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte &- 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte &- 0x61 &+ 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte &- 0x41 &+ 10)
            default: digit = 0
            }
            value = value << 4 | digit
        }
        return value
    }

    /// Calls `body` with the UTF-8 text of a string node (unescaped into a temporary buffer if needed).
    @inlinable package func withStringBytes<R>(_ entry: JSONTapeEntry, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if entry.kind == .string { return body(rawBytes(entry)) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(entry.length, 1)) { buffer in
            guard let base = buffer.baseAddress else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
            let count = unescape(entry, into: base)
            return body(UnsafeBufferPointer(start: base, count: count))
        }
    }

    /// Whether the key node `node` spells exactly `key` (UTF-8).
    @inlinable package func keyEquals(_ node: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let entry = tape[node]
        if entry.kind == .string {
            guard entry.length == key.count else { return false }
            return Self.bytesEqual(bytes + entry.offset, key, count: key.count)
        }
        return escapedKeyEquals(entry, key)
    }

    @usableFromInline func escapedKeyEquals(_ entry: JSONTapeEntry, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        withStringBytes(entry) { text in
            text.count == key.count && Self.bytesEqual(text.baseAddress, key, count: key.count)
        }
    }

    @inlinable package static func bytesEqual(_ lhs: UnsafePointer<UInt8>?, _ rhs: UnsafeBufferPointer<UInt8>, count: Int) -> Bool {
        guard count > 0 else { return true }
        guard let lhs, let right = rhs.baseAddress else { return false }
        let left = UnsafeRawPointer(lhs)
        let other = UnsafeRawPointer(right)
        // Whole words, then one word (or half-word) ending at the last byte, overlapping what was compared:
        // never a byte outside either buffer.
        if count >= 8 {
            var index = 0
            while index &+ 8 < count {
                if left.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    != other.loadUnaligned(fromByteOffset: index, as: UInt64.self) { return false }
                index &+= 8
            }
            return left.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
                == other.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
        }
        if count >= 4 {
            return left.loadUnaligned(as: UInt32.self) == other.loadUnaligned(as: UInt32.self)
                && left.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
                == other.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
        }
        // 1 to 3 bytes: first, middle and last.
        return lhs[0] == right[0] && lhs[count >> 1] == right[count >> 1] && lhs[count &- 1] == right[count &- 1]
    }

    // MARK: - Numbers

    /// Whether a number literal has a fraction or an exponent.
    func hasFractionOrExponent(_ literal: UnsafeBufferPointer<UInt8>) -> Bool {
        literal.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// Whether a number literal's digits (before any exponent) are all zero.
    func hasZeroMantissa(_ literal: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in literal {
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { break }
            if byte >= UInt8(ascii: "1") && byte <= UInt8(ascii: "9") { return false }
        }
        return true
    }

    /// The nearest `Double`. `nil` when it overflows (`1e400`), or, unless `underflowToZero`, when a non-zero
    /// literal rounds to zero (`1e-400`), as in `JSONDecoder`.
    @usableFromInline package func double(_ entry: JSONTapeEntry, underflowToZero: Bool = false) -> Double? {
        switch entry.kind {
        case .int:
            if entry.payload == 0 && bytes[entry.offset] == UInt8(ascii: "-") { return -0.0 }
            return Double(Int64(bitPattern: entry.payload))
        case .double: return Double(bitPattern: entry.payload)
        case .number:
            let literal = rawBytes(entry)
            guard let value = Double(String(decoding: literal, as: UTF8.self)), value.isFinite else { return nil }
            if value == 0, !underflowToZero, !hasZeroMantissa(literal) { return nil }
            return value
        default: return nil
        }
    }

    /// The nearest `Float`, with the same overflow and underflow rules as `double`.
    @usableFromInline func float(_ entry: JSONTapeEntry) -> Float? {
        switch entry.kind {
        case .int:
            if entry.payload == 0 && bytes[entry.offset] == UInt8(ascii: "-") { return -0.0 }
            return Float(Int64(bitPattern: entry.payload))
        case .double, .number:
            let literal = rawBytes(entry)
            guard let value = Float(String(decoding: literal, as: UTF8.self)), value.isFinite else { return nil }
            if value == 0, !hasZeroMantissa(literal) { return nil }
            return value
        default: return nil
        }
    }

    /// The number as `T`, or `nil` when it is not representable, with `JSONDecoder`'s rules: integer literals
    /// exactly; a literal with a fraction or exponent when its value is integral (`1.0`, `1e2`) — read via
    /// `Double` below 2^53, and by exact truncation of the decimal literal above.
    @usableFromInline func integer<T: FixedWidthInteger>(_ type: T.Type, _ entry: JSONTapeEntry) -> T? {
        switch entry.kind {
        case .int:
            return T(exactly: Int64(bitPattern: entry.payload))
        case .double:
            return integer(T.self, fromDouble: Double(bitPattern: entry.payload), literal: rawBytes(entry))
        case .number:
            let literal = rawBytes(entry)
            if !hasFractionOrExponent(literal) {
                return exactInteger(T.self, literal: literal)
            }
            guard let value = double(entry, underflowToZero: true) else { return nil }
            return integer(T.self, fromDouble: value, literal: literal)
        default:
            return nil
        }
    }

    private func integer<T: FixedWidthInteger>(_ type: T.Type, fromDouble value: Double, literal: UnsafeBufferPointer<UInt8>) -> T? {
        guard value.isFinite, let result = T(exactly: value) else { return nil }
        if value.magnitude < 9_007_199_254_740_992 { return result }
        // Beyond 2^53 a Double is not exact: use the literal's digits (truncating any fraction).
        return exactInteger(T.self, literal: literal)
    }

    /// The integer part of a decimal literal, exactly; `nil` when it does not fit in `T`.
    func exactInteger<T: FixedWidthInteger>(_ type: T.Type, literal: UnsafeBufferPointer<UInt8>) -> T? {
        var index = 0
        let count = literal.count
        let negative = count > 0 && literal[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        // Digits of the mantissa, and where the decimal point and exponent are.
        let digitsStart = index
        var digitCount = 0
        var fractionDigits = 0
        var seenPoint = false
        while index < count {
            let byte = literal[index]
            if byte == UInt8(ascii: ".") {
                seenPoint = true
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digitCount &+= 1
                if seenPoint { fractionDigits &+= 1 }
            } else {
                break
            }
            index &+= 1
        }
        let mantissaEnd = index
        var exponent = 0
        if index < count {
            index &+= 1  // e or E
            var exponentNegative = false
            if index < count, literal[index] == UInt8(ascii: "-") {
                exponentNegative = true
                index &+= 1
            } else if index < count, literal[index] == UInt8(ascii: "+") {
                index &+= 1
            }
            while index < count {
                if exponent < 1_000_000 { exponent = exponent &* 10 &+ Int(literal[index] &- 0x30) }
                index &+= 1
            }
            if exponentNegative { exponent = -exponent }
        }
        // value = digits × 10^scale; keep the integer part.
        let scale = exponent &- fractionDigits
        let keep = scale < 0 ? digitCount &+ scale : digitCount
        var magnitude: UInt64 = 0
        var taken = 0
        var position = digitsStart
        while taken < keep, position < mantissaEnd {
            let byte = literal[position]
            position &+= 1
            guard byte != UInt8(ascii: ".") else { continue }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte &- 0x30))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
            taken &+= 1
        }
        if scale > 0, magnitude != 0 {
            for _ in 0..<min(scale, 20) {
                let (times10, overflow) = magnitude.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                magnitude = times10
            }
            if scale > 20 { return nil }
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) &+ 1 else { return nil }
            return T(exactly: Int64(truncatingIfNeeded: 0 &- magnitude))
        }
        return T(exactly: magnitude)
    }

    /// The number as a `Decimal`, from its literal text (`nil` when `Decimal` cannot hold it).
    func decimal(_ entry: JSONTapeEntry) -> Decimal? {
        guard entry.kind == .int || entry.kind == .double || entry.kind == .number else { return nil }
        guard let value = Decimal(string: String(decoding: rawBytes(entry), as: UTF8.self)), !value.isNaN else {
            return nil
        }
        return value
    }
}
