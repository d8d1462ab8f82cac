/// The member names of a model generated from a user's schema (not known to this package at compile time): a
/// table that maps a member key's UTF-8 to the field's number, built once per model type.
///
/// Names are grouped by UTF-8 length; a key is compared only with the names of its length, byte by byte.
package final class ModelFieldTable: Sendable {
    /// The names, by field number.
    package let names: [String]
    /// Each name's coding key (for error paths), by field number.
    package let codingKeys: [IndexCodingKey]
    /// Every name's UTF-8, one after another.
    let utf8: [UInt8]
    /// Where each name's UTF-8 starts in `utf8`, by field number.
    let starts: [Int]
    /// By UTF-8 length, the field numbers of the names of that length (the last entry is for every longer key).
    let byLength: [[Int]]

    package init(names: [String]) {
        self.names = names
        codingKeys = names.map { IndexCodingKey(stringValue: $0) }
        var utf8: [UInt8] = []
        var starts: [Int] = []
        var byLength: [[Int]] = []
        for (number, name) in names.enumerated() {
            starts.append(utf8.count)
            utf8.append(contentsOf: name.utf8)
            let length = name.utf8.count
            if byLength.count <= length { byLength.append(contentsOf: repeatElement([], count: length + 1 - byLength.count)) }
            // A name given twice keeps its first number (the generator never gives one twice).
            if !byLength[length].contains(where: { names[$0] == name }) { byLength[length].append(number) }
        }
        self.utf8 = utf8
        self.starts = starts
        self.byLength = byLength
    }

    /// The field number of `key`, or -1 when the model has no such field.
    @inline(__always)
    package func number(of key: MemberKey) -> Int {
        let length = key.count
        guard length < byLength.count else { return -1 }
        for number in byLength[length] {
            let start = starts[number]
            // Safe: `start..<start + length` is the name's UTF-8 in `utf8` (its length is `length`), and
            // `bytesEqual` reads `length` bytes of each side.
            let equal = utf8.withUnsafeBufferPointer { all in
                IndexReader.bytesEqual(all.baseAddress.map { $0 + start }, key.bytes, count: length)
            }
            if equal { return number }
        }
        return -1
    }
}

extension IndexObjectReader {
    /// One pass over the members of a model described by `table`: each known member's value node goes to
    /// `nodes[number]` (the first 16 fields) or `more[number - 16]` (the others; `more` must have room). Returns
    /// whether any member was unknown.
    package func collect(_ table: ModelFieldTable, into nodes: inout SIMD16<Int>, more: inout [Int]) -> Bool {
        var unknown = false
        var keyNode = object &+ 1
        let end = entry.end
        while keyNode < end {
            let valueNode = keyNode &+ 1
            let number = reader.withStringBytes(reader.entry(keyNode)) { table.number(of: MemberKey(bytes: $0)) }
            if number < 0 {
                unknown = true
            } else if number < 16 {
                nodes[number] = valueNode
            } else {
                more[number &- 16] = valueNode
            }
            keyNode = reader.skip(valueNode)
        }
        return unknown
    }

    /// A field read by `read` from `node`; its failure becomes the `DecodingError` keyed decoding would throw at
    /// `key`.
    package func value<Value>(
        _ key: IndexCodingKey, _ node: Int, _ read: (Int) throws(IndexValueFailure) -> Value
    ) throws -> Value {
        do throws(IndexValueFailure) {
            return try read(node)
        } catch {
            throw session.failure(error, Value.self, depth: depth, extra: -1, last: .key(key))
        }
    }

    /// Any `Decodable` field at `node` through the general path, its path extended by `key`.
    package func decodable<Value: Decodable>(_ node: Int, _ key: IndexCodingKey, _ type: Value.Type) throws -> Value {
        try session.decode(Value.self, node: node, depth: depth, extra: -1, last: .key(key))
    }

    /// The error keyed decoding throws for a missing member `key`.
    package func keyNotFound(_ key: IndexCodingKey) -> DecodingError {
        DecodingError.keyNotFound(key, DecodingError.Context(
            codingPath: decoder.codingPath,
            debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."
        ))
    }

    /// Whether the value at `node` is `null`.
    package func isNull(_ node: Int) -> Bool {
        reader.entry(node).kind == .null
    }
}
