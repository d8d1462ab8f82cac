import Foundation

/// The keyed container of an object node. Keys are found by comparing their UTF-8 with the key nodes' bytes
/// (no `String` is made), starting where the previous lookup at this depth matched. Objects of more than
/// `JSONParser.exactRepeatLimit` members, and objects of more than 32 members that may repeat a key, use a
/// hash table built on first use instead (so a large object decoded as a dictionary stays linear).
///
/// It holds its session strongly (and so the document), so a container kept after its decode call stays valid.
/// Where the container reads (its object, path and lookup mode) is a `KeyedFrameBox` it holds, which the session
/// also keeps while it may hand the same box out again for the next object of the same `Key` (once the previous
/// user has let go of it, see `DecodeSession.keyedContainer`).
struct IndexKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let session: DecodeSession
    let reader: IndexReader
    let hints: UnsafeMutablePointer<DecodeSession.Hint>
    /// Where this container reads: its own frame, which the session rewrites only when it hands the box out again.
    let frame: KeyedFrameBox

    init(session: DecodeSession, frame: KeyedFrameBox) {
        self.session = session
        reader = session.reader
        hints = session.hints
        self.frame = frame
    }

    var object: Int { frame.frame.object }
    var entry: JSONTapeEntry { frame.frame.entry }
    /// How many of the session's path components are this container's.
    var depth: Int { frame.frame.depth }
    /// The container's own extra path (from `nestedContainer`, an index into the session's `extraPaths`), or -1.
    var extra: Int { frame.frame.extra }
    var slot: Int { frame.frame.slot }
    /// Whether lookups go through the object's hash table rather than a scan.
    var usesTable: Bool { frame.frame.usesTable }

    var codingPath: [any CodingKey] { session.codingPath(depth: depth, extra: extra) }

    var allKeys: [Key] {
        reader.memberKeys(object: object, entry: entry).compactMap { Key(stringValue: $0) }
    }

    @inline(__always) private func find(_ key: Key) -> Int? {
        find(name: key.stringValue)
    }

    @inline(__always) private func find(name: String) -> Int? {
        var name = name
        return name.withUTF8 { bytes in
            if usesTable { return session.keyTable(object: object, entry: entry).find(bytes, in: reader) }
            return reader.findMember(object: object, entry: entry, hints: hints, slot: slot, key: bytes)
        }
    }

    private func keyNotFound(_ key: Key) -> DecodingError {
        DecodingError.keyNotFound(key, DecodingError.Context(
            codingPath: codingPath,
            debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."
        ))
    }

    @inline(__always) private func read<T>(
        _ type: T.Type, _ key: Key, _ read: (Int) throws(IndexValueFailure) -> T
    ) throws -> T {
        guard let value = find(key) else { throw keyNotFound(key) }
        do throws(IndexValueFailure) {
            return try read(value)
        } catch {
            throw session.failure(error, T.self, depth: depth, extra: extra, last: .key(key))
        }
    }

    @inline(__always) private func readIfPresent<T>(
        _ type: T.Type, _ key: Key, _ read: (Int) throws(IndexValueFailure) -> T
    ) throws -> T? {
        guard let value = find(key), reader.tape[value].kind != .null else { return nil }
        do throws(IndexValueFailure) {
            return try read(value)
        } catch {
            throw session.failure(error, T.self, depth: depth, extra: extra, last: .key(key))
        }
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let value = find(key) else { throw keyNotFound(key) }
        return reader.tape[value].kind == .null
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try read(type, key, reader.readBool) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try read(type, key, reader.readString) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try read(type, key, reader.readDouble) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try read(type, key, reader.readFloat) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try read(type, key) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try read(type, key) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try read(type, key) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try read(type, key) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try read(type, key) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try read(type, key) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try read(type, key) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try read(type, key) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try read(type, key) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try read(type, key) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard let value = find(key) else { throw keyNotFound(key) }
        return try session.decode(T.self, node: value, depth: depth, extra: extra, last: .key(key))
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try readIfPresent(type, key, reader.readBool) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try readIfPresent(type, key, reader.readString) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try readIfPresent(type, key, reader.readDouble) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try readIfPresent(type, key, reader.readFloat) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try readIfPresent(type, key) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try readIfPresent(type, key) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try readIfPresent(type, key) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try readIfPresent(type, key) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try readIfPresent(type, key) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try readIfPresent(type, key) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try readIfPresent(type, key) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try readIfPresent(type, key) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try readIfPresent(type, key) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try readIfPresent(type, key) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = find(key), reader.tape[value].kind != .null else { return nil }
        return try session.decode(T.self, node: value, depth: depth, extra: extra, last: .key(key))
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        guard let value = find(key) else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(
                codingPath: codingPath,
                debugDescription: "Cannot get nested keyed container -- no value found for key \"\(key.stringValue)\""
            ))
        }
        return try session.keyedContainer(NestedKey.self, node: value, depth: depth, extra: session.extraPath(extra, appending: .key(key)))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        guard let value = find(key) else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(
                codingPath: codingPath,
                debugDescription: "Cannot get nested unkeyed container -- no value found for key \"\(key.stringValue)\""
            ))
        }
        return try session.unkeyedContainer(node: value, depth: depth, extra: session.extraPath(extra, appending: .key(key)))
    }

    func superDecoder() throws -> any Decoder {
        session.superDecoder(node: find(name: "super") ?? 0, depth: depth, extra: extra, key: .key(IndexCodingKey.super))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        session.superDecoder(node: find(key) ?? 0, depth: depth, extra: extra, key: .key(key))
    }
}

/// The unkeyed container of an array node; it walks the elements in order, skipping nested containers in
/// O(1). It advances only when a decode succeeds, like `JSONDecoder`'s.
struct IndexUnkeyedContainer: UnkeyedDecodingContainer {
    let session: DecodeSession
    let reader: IndexReader
    let array: Int
    let depth: Int
    let extra: Int
    let elementCount: Int
    private(set) var currentIndex = 0
    /// The node of the current element.
    private var cursor: Int

    init(session: DecodeSession, array: Int, entry: JSONTapeEntry, depth: Int, extra: Int) {
        self.session = session
        reader = session.reader
        self.array = array
        self.depth = depth
        self.extra = extra
        elementCount = entry.length
        cursor = array &+ 1
    }

    var codingPath: [any CodingKey] { session.codingPath(depth: depth, extra: extra) }
    var count: Int? { elementCount }
    var isAtEnd: Bool { currentIndex >= elementCount }

    private func atEnd(_ type: Any.Type) -> DecodingError {
        DecodingError.valueNotFound(type, DecodingError.Context(
            codingPath: session.codingPath(depth: depth, extra: extra, last: .index(currentIndex)),
            debugDescription: "Unkeyed container is at end."
        ))
    }

    @inline(__always) private mutating func advance() {
        cursor = reader.skip(cursor)
        currentIndex &+= 1
    }

    @inline(__always) private mutating func read<T>(
        _ type: T.Type, _ read: (Int) throws(IndexValueFailure) -> T
    ) throws -> T {
        guard currentIndex < elementCount else { throw atEnd(T.self) }
        do throws(IndexValueFailure) {
            let value = try read(cursor)
            advance()
            return value
        } catch {
            throw session.failure(error, T.self, depth: depth, extra: extra, last: .index(currentIndex))
        }
    }

    mutating func decodeNil() throws -> Bool {
        guard currentIndex < elementCount else { throw atEnd(Any?.self) }
        guard reader.tape[cursor].kind == .null else { return false }
        advance()
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try read(type, reader.readBool) }
    mutating func decode(_ type: String.Type) throws -> String { try read(type, reader.readString) }
    mutating func decode(_ type: Double.Type) throws -> Double { try read(type, reader.readDouble) }
    mutating func decode(_ type: Float.Type) throws -> Float { try read(type, reader.readFloat) }
    mutating func decode(_ type: Int.Type) throws -> Int { try read(type) { [reader] node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try read(type) { [reader] node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try read(type) { [reader] node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try read(type) { [reader] node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try read(type) { [reader] node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try read(type) { [reader] node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try read(type) { [reader] node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try read(type) { [reader] node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try read(type) { [reader] node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try read(type) { [reader] node throws(IndexValueFailure) in try reader.readInteger(type, node) } }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard currentIndex < elementCount else { throw atEnd(T.self) }
        let (node, index) = (cursor, currentIndex)
        let value = try session.decode(T.self, node: node, depth: depth, extra: extra, last: .index(index))
        advance()
        return value
    }

    mutating func decodeIfPresent<T: Decodable>(_ type: T.Type) throws -> T? {
        guard currentIndex < elementCount else { return nil }
        if reader.tape[cursor].kind == .null {
            advance()
            return nil
        }
        return try decode(T.self)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        guard currentIndex < elementCount else {
            throw DecodingError.valueNotFound(KeyedDecodingContainer<NestedKey>.self, DecodingError.Context(
                codingPath: session.codingPath(depth: depth, extra: extra, last: .index(currentIndex)),
                debugDescription: "Cannot get nested keyed container -- unkeyed container is at end."
            ))
        }
        let container = try session.keyedContainer(
            NestedKey.self, node: cursor, depth: depth, extra: session.extraPath(extra, appending: .index(currentIndex))
        )
        advance()
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard currentIndex < elementCount else {
            throw DecodingError.valueNotFound((any UnkeyedDecodingContainer).self, DecodingError.Context(
                codingPath: session.codingPath(depth: depth, extra: extra, last: .index(currentIndex)),
                debugDescription: "Cannot get nested unkeyed container -- unkeyed container is at end."
            ))
        }
        let container = try session.unkeyedContainer(node: cursor, depth: depth, extra: session.extraPath(extra, appending: .index(currentIndex)))
        advance()
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        guard currentIndex < elementCount else {
            throw DecodingError.valueNotFound((any Decoder).self, DecodingError.Context(
                codingPath: session.codingPath(depth: depth, extra: extra, last: .index(currentIndex)),
                debugDescription: "Cannot get superDecoder() -- unkeyed container is at end."
            ))
        }
        let superDecoder = session.superDecoder(node: cursor, depth: depth, extra: extra, key: .index(currentIndex))
        advance()
        return superDecoder
    }
}

/// The single-value container of a value's node.
struct IndexSingleValueContainer: SingleValueDecodingContainer {
    let session: DecodeSession
    let reader: IndexReader
    let node: Int
    let depth: Int

    init(session: DecodeSession, node: Int, depth: Int) {
        self.session = session
        reader = session.reader
        self.node = node
        self.depth = depth
    }

    var codingPath: [any CodingKey] { session.codingPath(depth: depth, extra: -1) }

    @inline(__always) private func read<T>(_ type: T.Type, _ read: (Int) throws(IndexValueFailure) -> T) throws -> T {
        do throws(IndexValueFailure) {
            return try read(node)
        } catch {
            throw session.failure(error, T.self, depth: depth, extra: -1, last: nil)
        }
    }

    func decodeNil() -> Bool { reader.tape[node].kind == .null }

    func decode(_ type: Bool.Type) throws -> Bool { try read(type, reader.readBool) }
    func decode(_ type: String.Type) throws -> String { try read(type, reader.readString) }
    func decode(_ type: Double.Type) throws -> Double { try read(type, reader.readDouble) }
    func decode(_ type: Float.Type) throws -> Float { try read(type, reader.readFloat) }
    func decode(_ type: Int.Type) throws -> Int { try read(type) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decode(_ type: Int8.Type) throws -> Int8 { try read(type) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decode(_ type: Int16.Type) throws -> Int16 { try read(type) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decode(_ type: Int32.Type) throws -> Int32 { try read(type) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decode(_ type: Int64.Type) throws -> Int64 { try read(type) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decode(_ type: UInt.Type) throws -> UInt { try read(type) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try read(type) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try read(type) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try read(type) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try read(type) { node throws(IndexValueFailure) in try reader.readInteger(type, node) } }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try session.decode(T.self, node: node, depth: depth, extra: -1, last: nil)
    }
}
