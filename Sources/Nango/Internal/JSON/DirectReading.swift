import Foundation

/// The members of the object at a decoder's current node, read straight from the index: how the SDK's own hot
/// models (record metadata) decode without keyed containers. Errors carry the same coding paths and kinds as a
/// keyed container's.
struct IndexObjectReader {
    let decoder: IndexDecoder
    let object: Int
    let entry: JSONTapeEntry
    var reader: IndexReader { decoder.reader }

    /// The object at `decoder`'s node; when it is not one, exactly the error `container(keyedBy:)` throws.
    init(_ decoder: IndexDecoder, decoding type: Any.Type) throws {
        self.decoder = decoder
        object = decoder.node
        entry = decoder.reader.entry(object)
        guard entry.kind == .object else {
            _ = try decoder.keyedContainer(IndexCodingKey.self, node: object, depth: decoder.state.pointee.pathCount, extra: -1)
            throw decoder.failure(.mismatch(entry.kind), type, depth: decoder.state.pointee.pathCount, extra: -1, last: nil)
        }
    }

    /// The value node of member `key`, or `nil`.
    func node(_ key: String) -> Int? {
        var key = key
        return key.withUTF8 { bytes in
            reader.findMember(object: object, entry: entry, hints: decoder.hints, slot: IndexDecoder.hintSlots, key: bytes)
        }
    }

    /// The value of member `key`, read by `read`; `keyNotFound` when it is missing.
    func required<Value>(_ key: String, _ read: (Int) throws(IndexValueFailure) -> Value) throws -> Value {
        guard let node = node(key) else {
            let codingKey = IndexCodingKey(stringValue: key)
            throw DecodingError.keyNotFound(codingKey, DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "No value associated with key \(codingKey) (\"\(key)\")."
            ))
        }
        return try value(key, node, read)
    }

    /// The value of member `key`, or `nil` when it is missing or `null`.
    func optional<Value>(_ key: String, _ read: (Int) throws(IndexValueFailure) -> Value) throws -> Value? {
        guard let node = node(key), reader.entry(node).kind != .null else { return nil }
        return try value(key, node, read)
    }

    private func value<Value>(_ key: String, _ node: Int, _ read: (Int) throws(IndexValueFailure) -> Value) throws -> Value {
        do throws(IndexValueFailure) {
            return try read(node)
        } catch {
            throw decoder.failure(
                error, Value.self, depth: decoder.state.pointee.pathCount, extra: -1, last: .key(IndexCodingKey(stringValue: key))
            )
        }
    }
}

extension JSONIndex {
    /// The string member `key` of the document's root object (the last one, if repeated), or `nil` when the root
    /// is not an object or the member is missing or not a string.
    func rootStringMember(_ key: String) -> String? {
        let reader = document.reader
        let root = document.root
        let entry = reader.entry(root)
        guard entry.kind == .object else { return nil }
        var found: Int?
        var keyNode = root &+ 1
        while keyNode < entry.end {
            if reader.string(reader.entry(keyNode)) == key { found = keyNode &+ 1 }
            keyNode = reader.skip(keyNode &+ 1)
        }
        guard let node = found, reader.entry(node).kind.isString else { return nil }
        return reader.string(reader.entry(node))
    }
}

extension IndexDecoder {
    /// The members of the current object whose keys `isKnown` rejects, as JSON: what a model keeps as its
    /// additional fields. Only unknown members are converted, so an object without any costs one key comparison
    /// per member and no allocation.
    func unknownMembers(isKnown: (String) -> Bool) throws -> [String: JSONValue] {
        let object = state.pointee.node
        let entry = reader.entry(object)
        guard entry.kind == .object else {
            throw DecodingError.typeMismatch(
                [String: JSONValue].self,
                DecodingError.Context(codingPath: codingPath, debugDescription: "Expected an object but found \(entry.kind.foundName).")
            )
        }
        // The value node of each unknown key; with repeated keys the last one wins, as everywhere in the engine.
        var unknown: [(key: String, node: Int)] = []
        var keyNode = object &+ 1
        while keyNode < entry.end {
            let valueNode = keyNode &+ 1
            let key = reader.string(reader.entry(keyNode))
            if !isKnown(key) {
                if entry.mayRepeatKeys, let earlier = unknown.firstIndex(where: { $0.key == key }) {
                    unknown[earlier].node = valueNode
                } else {
                    unknown.append((key, valueNode))
                }
            }
            keyNode = reader.skip(valueNode)
        }
        var fields: [String: JSONValue] = [:]
        for (key, node) in unknown {
            do throws(IndexValueFailure) {
                fields[key] = try reader.readJSONValue(node)
            } catch {
                throw failure(error, JSONValue.self, depth: state.pointee.pathCount, extra: -1, last: .key(IndexCodingKey(stringValue: key)))
            }
        }
        return fields
    }
}
