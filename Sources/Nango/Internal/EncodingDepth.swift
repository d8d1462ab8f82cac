/// A check of how deeply a value nests before any JSON encoder recurses into it.
///
/// `JSONEncoder` recurses once per level of nesting, so a caller's value nested thousands of levels deep (a
/// `JSONValue` built in a loop, a recursive model) would overflow the stack and kill the process. The probe walks
/// the value through its own `encode(to:)` with an `Encoder` that only counts levels, and stops with an error at
/// ``limit`` — so its own recursion is bounded too. It works for any `Encodable` type.
enum EncodingDepth {
    /// The deepest nesting of arrays and objects the SDK encodes (and, symmetrically, decodes).
    static let limit = 512

    struct TooDeep: Error {}

    /// Throws ``TooDeep`` when `value` nests arrays or objects more than `limit` levels deep.
    static func check<Value: Encodable>(_ value: Value, limit: Int = limit) throws {
        let probe = Probe(limit: limit)
        try value.encode(to: probe)
        if probe.exceeded { throw TooDeep() }
    }

    /// Counts container levels. Encoding is sequential, so one mutable level serves the whole walk.
    private final class Probe: Encoder {
        let limit: Int
        var level = 0
        var exceeded = false
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        init(limit: Int) {
            self.limit = limit
        }

        /// Encodes a child value one level below `containerLevel`.
        func child<Value: Encodable>(_ value: Value, below containerLevel: Int) throws {
            guard containerLevel < limit else {
                exceeded = true
                throw TooDeep()
            }
            let saved = level
            level = containerLevel + 1
            defer { level = saved }
            try value.encode(to: self)
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(Keyed<Key>(probe: self, level: level))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            Unkeyed(probe: self, level: level)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            Single(probe: self, level: level)
        }
    }

    private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let probe: Probe
        let level: Int
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws {}
        // Scalars add no level (and must not loop back through their own `encode(to:)`).
        mutating func encode(_ value: Bool, forKey key: Key) throws {}
        mutating func encode(_ value: String, forKey key: Key) throws {}
        mutating func encode(_ value: Double, forKey key: Key) throws {}
        mutating func encode(_ value: Float, forKey key: Key) throws {}
        mutating func encode(_ value: Int, forKey key: Key) throws {}
        mutating func encode(_ value: Int8, forKey key: Key) throws {}
        mutating func encode(_ value: Int16, forKey key: Key) throws {}
        mutating func encode(_ value: Int32, forKey key: Key) throws {}
        mutating func encode(_ value: Int64, forKey key: Key) throws {}
        mutating func encode(_ value: UInt, forKey key: Key) throws {}
        mutating func encode(_ value: UInt8, forKey key: Key) throws {}
        mutating func encode(_ value: UInt16, forKey key: Key) throws {}
        mutating func encode(_ value: UInt32, forKey key: Key) throws {}
        mutating func encode(_ value: UInt64, forKey key: Key) throws {}
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try probe.child(value, below: level)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            if level + 1 > probe.limit { probe.exceeded = true }
            return KeyedEncodingContainer(Keyed<NestedKey>(probe: probe, level: level + 1))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            if level + 1 > probe.limit { probe.exceeded = true }
            return Unkeyed(probe: probe, level: level + 1)
        }
        mutating func superEncoder() -> any Encoder { probe }
        mutating func superEncoder(forKey key: Key) -> any Encoder { probe }
    }

    private struct Unkeyed: UnkeyedEncodingContainer {
        let probe: Probe
        let level: Int
        var codingPath: [any CodingKey] { [] }
        var count = 0

        init(probe: Probe, level: Int) {
            self.probe = probe
            self.level = level
        }

        mutating func encodeNil() throws { count += 1 }
        mutating func encode(_ value: Bool) throws { count += 1 }
        mutating func encode(_ value: String) throws { count += 1 }
        mutating func encode(_ value: Double) throws { count += 1 }
        mutating func encode(_ value: Float) throws { count += 1 }
        mutating func encode(_ value: Int) throws { count += 1 }
        mutating func encode(_ value: Int8) throws { count += 1 }
        mutating func encode(_ value: Int16) throws { count += 1 }
        mutating func encode(_ value: Int32) throws { count += 1 }
        mutating func encode(_ value: Int64) throws { count += 1 }
        mutating func encode(_ value: UInt) throws { count += 1 }
        mutating func encode(_ value: UInt8) throws { count += 1 }
        mutating func encode(_ value: UInt16) throws { count += 1 }
        mutating func encode(_ value: UInt32) throws { count += 1 }
        mutating func encode(_ value: UInt64) throws { count += 1 }
        mutating func encode<T: Encodable>(_ value: T) throws {
            count += 1
            try probe.child(value, below: level)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            count += 1
            if level + 1 > probe.limit { probe.exceeded = true }
            return KeyedEncodingContainer(Keyed<NestedKey>(probe: probe, level: level + 1))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            count += 1
            if level + 1 > probe.limit { probe.exceeded = true }
            return Unkeyed(probe: probe, level: level + 1)
        }
        mutating func superEncoder() -> any Encoder { probe }
    }

    /// A single value lives at its encoder's level: encoding a child through it does not add a level
    /// (`JSONValue` wraps its array in a single-value container, which the array's own container then counts).
    private struct Single: SingleValueEncodingContainer {
        let probe: Probe
        let level: Int
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() throws {}
        mutating func encode(_ value: Bool) throws {}
        mutating func encode(_ value: String) throws {}
        mutating func encode(_ value: Double) throws {}
        mutating func encode(_ value: Float) throws {}
        mutating func encode(_ value: Int) throws {}
        mutating func encode(_ value: Int8) throws {}
        mutating func encode(_ value: Int16) throws {}
        mutating func encode(_ value: Int32) throws {}
        mutating func encode(_ value: Int64) throws {}
        mutating func encode(_ value: UInt) throws {}
        mutating func encode(_ value: UInt8) throws {}
        mutating func encode(_ value: UInt16) throws {}
        mutating func encode(_ value: UInt32) throws {}
        mutating func encode(_ value: UInt64) throws {}
        mutating func encode<T: Encodable>(_ value: T) throws {
            guard level <= probe.limit else {
                probe.exceeded = true
                throw TooDeep()
            }
            let saved = probe.level
            probe.level = level
            defer { probe.level = saved }
            try value.encode(to: probe)
        }
    }
}
