/// The member names of a model generated from a user's schema (not known to this package at compile time): a
/// table that maps a member key's UTF-8 to the field's number, built once per model type.
///
/// Names are grouped by UTF-8 length; a key is compared only with the names of its length, byte by byte. The
/// table lives in memory of its own, written once by `init` and only read afterwards (hence `@unchecked
/// Sendable`), so that a lookup retains nothing.
@usableFromInline
package final class ModelFieldTable: @unchecked Sendable {
    /// The names, by field number.
    @usableFromInline package let names: [String]
    /// Each name's coding key (for error paths), by field number.
    package let codingKeys: [IndexCodingKey]
    /// Every name's UTF-8, one after another.
    @usableFromInline let utf8: UnsafeMutablePointer<UInt8>
    /// Where each name's UTF-8 starts in `utf8`, by field number.
    @usableFromInline let starts: UnsafeMutablePointer<Int>
    /// The longest name's UTF-8 length.
    @usableFromInline let maxLength: Int
    /// For each length `n` in 0...maxLength, `candidates[lengthStarts[n] ..< lengthStarts[n + 1]]` are the field
    /// numbers of the names of that length.
    @usableFromInline let lengthStarts: UnsafeMutablePointer<Int>
    @usableFromInline let candidates: UnsafeMutablePointer<Int>

    /// Field `number`'s coding key; for a number that is not a field's, a key that says so.
    package func codingKey(_ number: Int) -> IndexCodingKey {
        codingKeys.indices.contains(number) ? codingKeys[number] : IndexCodingKey(stringValue: "(field \(number))")
    }

    package init(names: [String]) {
        self.names = names
        codingKeys = names.map { IndexCodingKey(stringValue: $0) }
        let lengths = names.map(\.utf8.count)
        maxLength = lengths.max() ?? 0
        let total = lengths.reduce(0, +)
        utf8 = .allocate(capacity: Swift.max(total, 1))
        starts = .allocate(capacity: Swift.max(names.count, 1))
        var offset = 0
        for (number, name) in names.enumerated() {
            (starts + number).initialize(to: offset)
            for byte in name.utf8 {
                // Safe: `total` bytes are allocated, and `offset` stays below it.
                (utf8 + offset).initialize(to: byte)
                offset += 1
            }
        }
        // Field numbers by length; a name given twice keeps its first number (the generator never gives one twice).
        var byLength: [[Int]] = Array(repeating: [], count: maxLength + 1)
        for (number, name) in names.enumerated() where !byLength[lengths[number]].contains(where: { names[$0] == name }) {
            byLength[lengths[number]].append(number)
        }
        lengthStarts = .allocate(capacity: maxLength + 2)
        candidates = .allocate(capacity: Swift.max(names.count, 1))
        var next = 0
        for length in 0...maxLength {
            (lengthStarts + length).initialize(to: next)
            for number in byLength[length] {
                // Safe: at most `names.count` candidates in all.
                (candidates + next).initialize(to: number)
                next += 1
            }
        }
        (lengthStarts + maxLength + 1).initialize(to: next)
    }

    deinit {
        utf8.deallocate()
        starts.deallocate()
        lengthStarts.deallocate()
        candidates.deallocate()
    }

    /// The field number of `key`, or -1 when the model has no such field.
    @inlinable
    package func number(of key: MemberKey) -> Int {
        let length = key.count
        guard length <= maxLength else { return -1 }
        // Safe: `length` ≤ `maxLength`, so `length + 1` is within the `maxLength + 2` starts, and the candidates
        // between two starts are initialised field numbers.
        var index = lengthStarts[length]
        let end = lengthStarts[length &+ 1]
        while index < end {
            let number = candidates[index]
            // Safe: the name of `number` has `length` bytes from `starts[number]` in `utf8`, and `bytesEqual`
            // reads `length` bytes of each side.
            if IndexReader.bytesEqual(utf8 + starts[number], key.bytes, count: length) { return number }
            index &+= 1
        }
        return -1
    }
}

/// The value nodes of a generated model's fields (-1: missing), by field number: a buffer the session hands out
/// per depth and again to the next model at that depth once nobody holds it (as it does decoders), so that reading
/// a model allocates nothing. A reader that is kept holds its buffer, and the session makes another.
@usableFromInline
package final class ModelNodes {
    /// How many fields it can hold.
    @usableFromInline let capacity: Int
    /// The field count of the model using it, then the nodes: `capacity + 1` elements. Constant references
    /// (mutation goes through the pointer), so that using the buffer costs no exclusivity checks.
    @usableFromInline let storage: UnsafeMutablePointer<Int>

    @usableFromInline init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        storage = .allocate(capacity: self.capacity &+ 1)
        storage.initialize(to: 0)
    }

    deinit {
        storage.deallocate()
    }

    /// Makes room for `count` fields (at most `capacity`: the session never asks for more), all missing.
    @inlinable
    func reset(count: Int) {
        let count = Swift.min(Swift.max(count, 0), capacity)
        // Safe: elements 0...count are within the `capacity + 1` allocated.
        storage[0] = count
        (storage + 1).initialize(repeating: -1, count: count)
    }

    /// The node of field `number`; -1 when it is missing or `number` is not a field.
    @inlinable
    package subscript(number: Int) -> Int {
        // Safe: only elements 1...count (initialised by `reset`, count ≤ capacity) are read.
        number >= 0 && number < storage[0] ? storage[number &+ 1] : -1
    }

    /// Notes field `number`'s node.
    @inlinable
    func set(_ number: Int, _ node: Int) {
        // Safe: as for the subscript; a number outside the fields is ignored.
        if number >= 0 && number < storage[0] { storage[number &+ 1] = node }
    }
}

extension DecodeSession {
    /// A node buffer for a model of `count` fields at `depth`: the one last used at that depth if nobody else
    /// holds it, else a new one (kept for next time).
    @usableFromInline
    package func modelNodes(depth: Int, count: Int) -> ModelNodes {
        let state = self.state
        guard state.pointee.reusesDecoders else {
            let nodes = ModelNodes(capacity: count)
            nodes.reset(count: count)
            return nodes
        }
        while state.pointee.modelNodes.count <= depth { state.pointee.modelNodes.append(nil) }
        if isKnownUniquelyReferenced(&state.pointee.modelNodes[depth]), let nodes = state.pointee.modelNodes[depth],
           nodes.capacity >= count {
            nodes.reset(count: count)
            return nodes
        }
        let nodes = ModelNodes(capacity: count)
        nodes.reset(count: count)
        state.pointee.modelNodes[depth] = nodes
        return nodes
    }
}

extension IndexObjectReader {
    /// One pass over the members of a model described by `table`: a buffer of each known member's value node by
    /// field number (the last one when a key repeats), and whether any member was unknown.
    @inlinable
    package func collect(_ table: ModelFieldTable) -> (nodes: ModelNodes, unknown: Bool) {
        let nodes = session.modelNodes(depth: depth, count: table.names.count)
        var unknown = false
        var keyNode = object &+ 1
        let end = entry.end
        while keyNode < end {
            let valueNode = keyNode &+ 1
            let number = reader.withStringBytes(reader.entry(keyNode)) { table.number(of: MemberKey(bytes: $0)) }
            if number < 0 {
                unknown = true
            } else {
                nodes.set(number, valueNode)
            }
            keyNode = reader.skip(valueNode)
        }
        return (nodes, unknown)
    }

    /// Field `number` of `table` read by `read` from `node`; its failure becomes the `DecodingError` keyed
    /// decoding would throw at the field's key.
    @inlinable
    package func field<Value>(
        _ table: ModelFieldTable, _ number: Int, _ node: Int, _ read: (Int) throws(IndexValueFailure) -> Value
    ) throws -> Value {
        do throws(IndexValueFailure) {
            return try read(node)
        } catch {
            throw fieldFailure(error, Value.self, table, number)
        }
    }

    @usableFromInline @inline(never)
    func fieldFailure(_ failure: IndexValueFailure, _ type: Any.Type, _ table: ModelFieldTable, _ number: Int) -> any Error {
        session.failure(failure, type, depth: depth, extra: -1, last: .field(table, number))
    }

    /// Field `number` of `table`, of any `Decodable` type, at `node` through the general path.
    @inlinable
    package func decodable<Value: Decodable>(_ table: ModelFieldTable, _ number: Int, _ node: Int, _ type: Value.Type) throws -> Value {
        try session.decode(Value.self, node: node, depth: depth, extra: -1, last: .field(table, number))
    }

    /// The error keyed decoding throws for missing field `number` of `table`.
    @usableFromInline @inline(never)
    package func keyNotFound(_ table: ModelFieldTable, _ number: Int) -> DecodingError {
        let key = table.codingKey(number)
        return DecodingError.keyNotFound(key, DecodingError.Context(
            codingPath: decoder.codingPath,
            debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."
        ))
    }

    /// Whether the value at `node` is `null`.
    @inlinable
    package func isNull(_ node: Int) -> Bool {
        reader.entry(node).kind == .null
    }
}
