/// A check of how deeply a value nests before any JSON encoder recurses into it.
///
/// `JSONEncoder` recurses once per level of nesting, so a caller's value nested thousands of levels deep (a
/// `JSONValue` built in a loop, a recursive model) would overflow the stack and kill the process. The probe walks
/// the value through its own `encode(to:)` with an `Encoder` that only counts container levels (nested containers
/// and super encoders included), and stops with an error past ``limit`` — so its own recursion is bounded too. It
/// works for any `Encodable` type.
enum EncodingDepth {
    /// The deepest nesting of arrays and objects the SDK encodes (and, symmetrically, decodes).
    static let limit = 512

    struct TooDeep: Error {}

    /// An `Encodable` type whose values cannot nest deeper than the limit without refusing it themselves as they
    /// are encoded: `JSONValue` (which checks each level), and the SDK's request models (a fixed shape around
    /// `JSONValue` fields). Encoding one needs no separate walk; any other type (a caller's, maybe recursive) is
    /// walked by ``check(_:limit:)`` first.
    protocol Guarded: Encodable {}

    /// Throws `EncodingError.invalidValue` (with ``TooDeep`` as its underlying error) when `value`, a container
    /// at `codingPath`, would hold values more than ``limit`` levels deep: an error any encoder's caller knows.
    static func checkLevel(of value: Any, at codingPath: [any CodingKey]) throws {
        guard codingPath.count < limit else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: codingPath,
                debugDescription: "JSON nested more than \(limit) levels deep.",
                underlyingError: TooDeep()
            ))
        }
    }

    /// Whether `error` is the refusal of a value nested too deep (by the walk or by a value as it is encoded).
    static func isTooDeep(_ error: any Error) -> Bool {
        if error is TooDeep { return true }
        if case EncodingError.invalidValue(_, let context) = error { return context.underlyingError is TooDeep }
        return false
    }

    /// Whether values of `type` must be walked by ``check(_:limit:)`` before they are encoded.
    static func needsCheck<Value: Encodable>(_ type: Value.Type) -> Bool {
        !(type is any Guarded.Type)
    }

    /// Throws ``TooDeep`` when `value` nests arrays or objects more than `limit` levels deep.
    static func check<Value: Encodable>(_ value: Value, limit: Int = limit) throws {
        try value.encode(to: Probe(limit: limit, level: 0))
    }

    /// An encoder for a value whose containers would be at `level` (0 at the top).
    private struct Probe: Encoder {
        let limit: Int
        let level: Int
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        /// Encodes a value held by a container at `level`: its own containers are one level down.
        func child<Value: Encodable>(_ value: Value) throws {
            try check()
            try value.encode(to: Probe(limit: limit, level: level + 1))
        }

        /// A container at this level may hold values only while it is within the limit.
        func check() throws {
            guard level < limit else { throw TooDeep() }
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(Keyed<Key>(probe: self))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            Unkeyed(probe: self)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            Single(probe: self)
        }
    }

    private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let probe: Probe
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws { try probe.check() }
        // Scalars add no level (and must not loop back through their own `encode(to:)`).
        mutating func encode(_ value: Bool, forKey key: Key) throws { try probe.check() }
        mutating func encode(_ value: String, forKey key: Key) throws { try probe.check() }
        mutating func encode(_ value: Double, forKey key: Key) throws { try probe.check() }
        mutating func encode(_ value: Float, forKey key: Key) throws { try probe.check() }
        mutating func encode(_ value: Int, forKey key: Key) throws { try probe.check() }
        mutating func encode(_ value: Int8, forKey key: Key) throws { try probe.check() }
        mutating func encode(_ value: Int16, forKey key: Key) throws { try probe.check() }
        mutating func encode(_ value: Int32, forKey key: Key) throws { try probe.check() }
        mutating func encode(_ value: Int64, forKey key: Key) throws { try probe.check() }
        mutating func encode(_ value: UInt, forKey key: Key) throws { try probe.check() }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { try probe.check() }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { try probe.check() }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { try probe.check() }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { try probe.check() }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try probe.child(value) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(Keyed<NestedKey>(probe: Probe(limit: probe.limit, level: probe.level + 1)))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            Unkeyed(probe: Probe(limit: probe.limit, level: probe.level + 1))
        }
        mutating func superEncoder() -> any Encoder { Probe(limit: probe.limit, level: probe.level + 1) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { Probe(limit: probe.limit, level: probe.level + 1) }
    }

    private struct Unkeyed: UnkeyedEncodingContainer {
        let probe: Probe
        var codingPath: [any CodingKey] { [] }
        var count = 0

        init(probe: Probe) {
            self.probe = probe
        }

        private mutating func scalar() throws {
            try probe.check()
            count += 1
        }

        mutating func encodeNil() throws { try scalar() }
        mutating func encode(_ value: Bool) throws { try scalar() }
        mutating func encode(_ value: String) throws { try scalar() }
        mutating func encode(_ value: Double) throws { try scalar() }
        mutating func encode(_ value: Float) throws { try scalar() }
        mutating func encode(_ value: Int) throws { try scalar() }
        mutating func encode(_ value: Int8) throws { try scalar() }
        mutating func encode(_ value: Int16) throws { try scalar() }
        mutating func encode(_ value: Int32) throws { try scalar() }
        mutating func encode(_ value: Int64) throws { try scalar() }
        mutating func encode(_ value: UInt) throws { try scalar() }
        mutating func encode(_ value: UInt8) throws { try scalar() }
        mutating func encode(_ value: UInt16) throws { try scalar() }
        mutating func encode(_ value: UInt32) throws { try scalar() }
        mutating func encode(_ value: UInt64) throws { try scalar() }
        mutating func encode<T: Encodable>(_ value: T) throws {
            count += 1
            try probe.child(value)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            count += 1
            return KeyedEncodingContainer(Keyed<NestedKey>(probe: Probe(limit: probe.limit, level: probe.level + 1)))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            count += 1
            return Unkeyed(probe: Probe(limit: probe.limit, level: probe.level + 1))
        }
        mutating func superEncoder() -> any Encoder {
            count += 1
            return Probe(limit: probe.limit, level: probe.level + 1)
        }
    }

    /// A single value lives at its encoder's level: a value encoded through it does not add a level
    /// (`JSONValue` wraps its array in a single-value container, whose own unkeyed container is the level).
    private struct Single: SingleValueEncodingContainer {
        let probe: Probe
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
            try probe.check()
            try value.encode(to: probe)
        }
    }
}

// The SDK's request models: a fixed shape whose only open-ended parts are `JSONValue`s (and credentials, whose
// unknown kind is a `JSONValue`), which refuse too deep a nesting themselves.
extension ConnectionPatch: EncodingDepth.Guarded {}
extension ImportConnectionRequest: EncodingDepth.Guarded {}
extension ConnectSessionRequest: EncodingDepth.Guarded {}
extension ReconnectSessionRequest: EncodingDepth.Guarded {}
extension CreateIntegrationRequest: EncodingDepth.Guarded {}
extension QuickstartIntegrationRequest: EncodingDepth.Guarded {}
extension IntegrationPatch: EncodingDepth.Guarded {}
