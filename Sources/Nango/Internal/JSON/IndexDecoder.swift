import Foundation

/// One step of a coding path below a decoder's base path.
enum IndexPathComponent {
    case key(any CodingKey)
    case index(Int)
    /// A member name known at compile time (the generated models' keys): no existential box to make.
    case name(StaticString)

    var codingKey: any CodingKey {
        switch self {
        case .key(let key): return key
        case .name(let name): return IndexCodingKey(stringValue: "\(name)")
        case .index(let index): return IndexCodingKey(index: index)
        }
    }
}

/// The coding key of array elements (`"Index 3"`, int value 3, as `JSONDecoder` writes them), of `super`, and
/// of keys read back from the document.
struct IndexCodingKey: CodingKey, Sendable {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init(intValue: Int) {
        stringValue = "\(intValue)"
        self.intValue = intValue
    }

    init(index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }

    static let `super` = IndexCodingKey(stringValue: "super")
}

/// Why reading a scalar failed; the container turns it into a `DecodingError` with the coding path.
enum IndexValueFailure: Error {
    /// The value has another JSON type.
    case mismatch(JSONNodeKind)
    /// The value is `null`.
    case null
    /// The value has the right JSON type but cannot become the requested type.
    case corrupted(String)
}

extension JSONNodeKind {
    /// How `JSONDecoder` names a JSON type in its type-mismatch messages.
    var foundName: String {
        switch self {
        case .null: return "null"
        case .false, .true: return "bool"
        case .string, .escapedString: return "a string"
        case .int, .double, .number: return "number"
        case .array: return "an array"
        case .object: return "a dictionary"
        }
    }

    var isNumber: Bool { self == .int || self == .double || self == .number }
    var isString: Bool { self == .string || self == .escapedString }
}

/// `value` as `T`, which the caller has checked is `Value` itself (a plain `as? T` would need the metadata
/// of `Optional<T>`, a runtime lookup on every call).
@inline(__always) private func same<Value, T>(_ value: Value, as type: T.Type) -> T {
    withUnsafePointer(to: value) { pointer in
        UnsafeRawPointer(pointer).assumingMemoryBound(to: T.self).pointee
    }
}

/// Metatypes the decoder checks for, kept as identifiers: asking for a generic type's metadata (as in
/// `T.self == [String: JSONValue].self`) costs a runtime lookup every time.
private let stringToJSONValueType = ObjectIdentifier([String: JSONValue].self)
private let jsonValueArrayType = ObjectIdentifier([JSONValue].self)
private let stringArrayType = ObjectIdentifier([String].self)

/// A `Decoder` that reads values straight from a `JSONIndex`, with `JSONDecoder`'s semantics and the SDK's
/// strategies (ISO-8601 dates through `ISO8601.parse`, base64 `Data`, `URL` from a string, `Decimal` from the
/// number's text). Entry point: `JSONEngine.decode(_:from:)`.
///
/// One decoder serves a whole decode: nested values are decoded by moving its current node and pushing a
/// path component, so nothing is allocated per nested struct except the container boxes the standard library
/// requires. Coding paths are only materialized when an error is thrown or `codingPath` is read.
///
/// Containers refer to their decoder without retaining it (they are copied on every call through the
/// standard library's type-erasing box, and a retain per copy was a tenth of the decode time). They are
/// valid while their decoder is: the top-level decoder lives for the whole `JSONEngine.decode` call and
/// keeps every `superDecoder()` it hands out alive as long as itself. A container kept after the decode
/// returns (which `Decodable` types have no reason to do) must not be used.
///
/// `JSONValue.init(from:)` can take the fast path with
/// `if let decoder = decoder as? IndexDecoder { self = try decoder.jsonValue(); return }`.
final class IndexDecoder: Decoder {
    let document: JSONDocument
    let reader: IndexReader
    let basePath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]
    let options: JSONEngine.Options

    /// The mutable state, behind a pointer so that using it needs no dynamic exclusivity checks.
    struct State {
        /// The node that `container(keyedBy:)` and friends read.
        var node: Int
        /// The coding path below `basePath`, as a stack.
        var path: UnsafeMutablePointer<IndexPathComponent>
        var pathCount = 0
        var pathCapacity: Int
        /// Path components added by `nestedContainer` calls, referred to by index from containers.
        var extraPaths: [[IndexPathComponent]] = []
        /// Hash tables of objects, by object node, built on first use.
        var keyTables: [Int: IndexKeyTable] = [:]
        /// The `superDecoder()`s handed out: kept alive as long as this decoder.
        var children: [IndexDecoder] = []
        /// Keyed containers handed out, kept to be handed out again (see `keyedContainer`).
        var keyedSlots: [KeyedSlot] = []
        /// Frames of keyed containers made beyond `keyedSlotLimit`, freed with the decoder.
        var unslottedFrames: [UnsafeMutablePointer<KeyedFrame>] = []
    }

    /// A keyed container this decoder made: its box (the only stored property of `KeyedDecodingContainer`,
    /// kept as a reference so that its uniqueness can be checked) and the frame it reads.
    struct KeyedSlot {
        let key: ObjectIdentifier
        var box: AnyObject
        let frame: UnsafeMutablePointer<KeyedFrame>
    }

    /// At most this many keyed containers are kept for reuse (as many as can be in use at once, nested).
    static let keyedSlotLimit = 64

    let state: UnsafeMutablePointer<State>

    /// Per depth, the object last searched and the key node after the last match: keys are usually asked
    /// for in document order, so the next lookup starts there.
    struct Hint {
        var object: Int
        var next: Int
    }

    static let hintSlots = 64
    let hints: UnsafeMutablePointer<Hint>

    init(document: JSONDocument, node: Int, basePath: [any CodingKey] = [], options: JSONEngine.Options) {
        self.document = document
        reader = document.reader
        self.basePath = basePath
        self.options = options
        var info: [CodingUserInfoKey: Any] = [:]
        for (key, value) in options.userInfo { info[key] = value }
        userInfo = info
        let capacity = 16
        state = .allocate(capacity: 1)
        state.initialize(to: State(node: node, path: .allocate(capacity: capacity), pathCapacity: capacity))
        hints = .allocate(capacity: Self.hintSlots)
        hints.initialize(repeating: Hint(object: -1, next: 0), count: Self.hintSlots)
    }

    deinit {
        for slot in state.pointee.keyedSlots { slot.frame.deallocate() }
        for frame in state.pointee.unslottedFrames { frame.deallocate() }
        state.pointee.path.deinitialize(count: state.pointee.pathCount)
        state.pointee.path.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
        hints.deallocate()
    }

    var node: Int { state.pointee.node }

    var codingPath: [any CodingKey] { codingPath(depth: state.pointee.pathCount, extra: -1) }

    /// `basePath` + the first `depth` components of the path stack + the extra path `extra` (+ `last`).
    func codingPath(depth: Int, extra: Int, last: IndexPathComponent? = nil) -> [any CodingKey] {
        var result = basePath
        let state = self.state
        for index in 0..<min(depth, state.pointee.pathCount) { result.append(state.pointee.path[index].codingKey) }
        if extra >= 0, extra < state.pointee.extraPaths.count {
            for component in state.pointee.extraPaths[extra] { result.append(component.codingKey) }
        }
        if let last { result.append(last.codingKey) }
        return result
    }

    /// Registers the extra path of a nested container: `extra`'s components plus `last`.
    func extraPath(_ extra: Int, appending last: IndexPathComponent) -> Int {
        var components: [IndexPathComponent] = []
        if extra >= 0, extra < state.pointee.extraPaths.count { components = state.pointee.extraPaths[extra] }
        components.append(last)
        state.pointee.extraPaths.append(components)
        return state.pointee.extraPaths.count - 1
    }

    func extraCount(_ extra: Int) -> Int {
        extra >= 0 && extra < state.pointee.extraPaths.count ? state.pointee.extraPaths[extra].count : 0
    }

    /// The hash table of `object`'s keys, built the first time it is needed.
    func keyTable(object: Int, entry: JSONTapeEntry) -> IndexKeyTable {
        if let table = state.pointee.keyTables[object] { return table }
        let table = IndexKeyTable(reader: reader, object: object, entry: entry)
        state.pointee.keyTables[object] = table
        return table
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        try keyedContainer(Key.self, node: state.pointee.node, depth: state.pointee.pathCount, extra: -1)
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try unkeyedContainer(node: state.pointee.node, depth: state.pointee.pathCount, extra: -1)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        IndexSingleValueContainer(decoder: self, node: state.pointee.node, depth: state.pointee.pathCount)
    }

    /// The value at the decoder's current node as a `JSONValue`, built from the index (no trial decoding).
    func jsonValue() throws -> JSONValue {
        do {
            return try reader.jsonValue(at: state.pointee.node)
        } catch {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: codingPath,
                debugDescription: "Number out of range.",
                underlyingError: error
            ))
        }
    }

    // MARK: - Containers

    func keyedContainer<Key: CodingKey>(
        _ type: Key.Type, node: Int, depth: Int, extra: Int
    ) throws -> KeyedDecodingContainer<Key> {
        let entry = reader.tape[node]
        guard entry.kind == .object else {
            if entry.kind == .null {
                throw DecodingError.valueNotFound([String: Any].self, DecodingError.Context(
                    codingPath: codingPath(depth: depth, extra: extra),
                    debugDescription: "Cannot get keyed decoding container -- found null value instead"
                ))
            }
            throw DecodingError.typeMismatch([String: Any].self, DecodingError.Context(
                codingPath: codingPath(depth: depth, extra: extra),
                debugDescription: "Expected to decode Dictionary<String, Any> but found \(entry.kind.foundName) instead."
            ))
        }
        let frame = KeyedFrame(
            object: node, entry: entry, depth: depth, extra: extra, slot: depth &+ extraCount(extra),
            usesTable: entry.length > JSONParser.exactRepeatLimit || (entry.mayRepeatKeys && entry.length > 32)
        )
        return keyedContainer(Key.self, at: frame)
    }

    /// A keyed container reading `frame`.
    ///
    /// Making a `KeyedDecodingContainer<Key>` for a `Key` only known at run time costs several generic metadata
    /// and witness table lookups and a box (a tenth of decoding a typed record, and shared runtime caches that
    /// both cores contend for). So a box is kept once made, and handed out again for the next object of the
    /// same `Key` when this decoder holds the only reference to it, that is when whoever had it (a record's
    /// `init(from:)`, done) has let go: only its frame changes. A box still in use (a `Key` nested in itself, or
    /// a container kept beyond its decode) is never touched; another is made.
    ///
    /// The box is reached through `KeyedDecodingContainer`'s one stored property, a class reference; if the
    /// standard library's layout were ever different (another size), containers are simply not reused.
    private func keyedContainer<Key: CodingKey>(_ type: Key.Type, at frame: KeyedFrame) -> KeyedDecodingContainer<Key> {
        let key = ObjectIdentifier(Key.self)
        let state = self.state
        var index = 0
        while index < state.pointee.keyedSlots.count {
            if state.pointee.keyedSlots[index].key == key, isKnownUniquelyReferenced(&state.pointee.keyedSlots[index].box) {
                state.pointee.keyedSlots[index].frame.pointee = frame
                return unsafeBitCast(state.pointee.keyedSlots[index].box, to: KeyedDecodingContainer<Key>.self)
            }
            index &+= 1
        }
        let pointer = UnsafeMutablePointer<KeyedFrame>.allocate(capacity: 1)
        pointer.initialize(to: frame)
        let container = KeyedDecodingContainer(IndexKeyedContainer<Key>(decoder: self, frame: pointer))
        if state.pointee.keyedSlots.count < Self.keyedSlotLimit,
           MemoryLayout<KeyedDecodingContainer<Key>>.size == MemoryLayout<AnyObject>.size {
            state.pointee.keyedSlots.append(KeyedSlot(key: key, box: unsafeBitCast(container, to: AnyObject.self), frame: pointer))
        } else {
            state.pointee.unslottedFrames.append(pointer)
        }
        return container
    }

    func unkeyedContainer(node: Int, depth: Int, extra: Int) throws -> IndexUnkeyedContainer {
        let entry = reader.tape[node]
        guard entry.kind == .array else {
            if entry.kind == .null {
                throw DecodingError.valueNotFound([Any].self, DecodingError.Context(
                    codingPath: codingPath(depth: depth, extra: extra),
                    debugDescription: "Cannot get unkeyed decoding container -- found null value instead"
                ))
            }
            throw DecodingError.typeMismatch([Any].self, DecodingError.Context(
                codingPath: codingPath(depth: depth, extra: extra),
                debugDescription: "Expected to decode Array<Any> but found \(entry.kind.foundName) instead."
            ))
        }
        return IndexUnkeyedContainer(decoder: self, array: node, entry: entry, depth: depth, extra: extra)
    }

    /// A separate decoder for `superDecoder()`: it may be used after the call that made it, so it does not
    /// share this one's state; this decoder keeps it alive.
    func superDecoder(node: Int, depth: Int, extra: Int, key: IndexPathComponent) -> IndexDecoder {
        let child = IndexDecoder(
            document: document,
            node: node,
            basePath: codingPath(depth: depth, extra: extra, last: key),
            options: options
        )
        state.pointee.children.append(child)
        return child
    }

    // MARK: - Errors

    func failure(
        _ failure: IndexValueFailure, _ type: Any.Type, depth: Int, extra: Int, last: IndexPathComponent?
    ) -> DecodingError {
        let path = codingPath(depth: depth, extra: extra, last: last)
        switch failure {
        case .mismatch(let kind):
            return DecodingError.typeMismatch(type, DecodingError.Context(
                codingPath: path, debugDescription: "Expected to decode \(type) but found \(kind.foundName) instead."
            ))
        case .null:
            return DecodingError.valueNotFound(type, DecodingError.Context(
                codingPath: path, debugDescription: "Cannot get value of type \(type) -- found null value instead"
            ))
        case .corrupted(let message):
            return DecodingError.dataCorrupted(DecodingError.Context(codingPath: path, debugDescription: message))
        }
    }

    // MARK: - Any Decodable

    /// Decodes `T` from `node`, whose path is `depth` components of the path stack + the extra path `extra`
    /// + `last`.
    ///
    /// The types `JSONDecoder` treats specially (`Date` with the SDK's strategy, `Data`, `URL`, `Decimal`) and
    /// a few hot ones are read directly; anything else runs `T.init(from:)` on this decoder.
    func decode<T: Decodable>(_ type: T.Type, node: Int, depth: Int, extra: Int, last: IndexPathComponent?) throws -> T {
        do throws(IndexValueFailure) {
            if T.self == String.self { return same(try reader.readString(node), as: T.self) }
            if T.self == Int.self { return same(try reader.readInteger(Int.self, node), as: T.self) }
            if T.self == Double.self { return same(try reader.readDouble(node), as: T.self) }
            if T.self == Bool.self { return same(try reader.readBool(node), as: T.self) }
            if T.self == Int64.self { return same(try reader.readInteger(Int64.self, node), as: T.self) }
            if T.self == Date.self { return same(try reader.readDate(node), as: T.self) }
            if T.self == JSONValue.self { return same(try reader.readJSONValue(node), as: T.self) }
            if T.self == URL.self { return same(try reader.readURL(node), as: T.self) }
            if T.self == Data.self { return same(try reader.readData(node), as: T.self) }
            if T.self == Decimal.self { return same(try reader.readDecimal(node), as: T.self) }
            let identifier = ObjectIdentifier(T.self)
            if identifier == stringToJSONValueType {
                return same(try reader.readJSONObject(node), as: T.self)
            }
            if identifier == jsonValueArrayType {
                return same(try reader.readJSONArray(node), as: T.self)
            }
            if identifier == stringArrayType, let strings = try reader.readStringArray(node) {
                return same(strings, as: T.self)
            }
        } catch {
            throw failure(error, T.self, depth: depth, extra: extra, last: last)
        }

        // Run T's own init(from:) with this decoder moved to `node` and the path extended.
        let state = self.state
        guard state.pointee.pathCount == depth, extra < 0 else {
            return try decodeWithRebuiltPath(T.self, node: node, depth: depth, extra: extra, last: last)
        }
        if let last { pushPath(last) }
        let previousNode = state.pointee.node
        state.pointee.node = node
        defer {
            state.pointee.node = previousNode
            popPath(to: depth)
        }
        return try T(from: self)
    }

    /// The general case of `decode`: a nested container's extra path, or a container used outside its own
    /// decode call (its path is rebuilt, ours restored afterwards).
    @inline(never)
    private func decodeWithRebuiltPath<T: Decodable>(
        _ type: T.Type, node: Int, depth: Int, extra: Int, last: IndexPathComponent?
    ) throws -> T {
        let state = self.state
        let savedPath = (0..<state.pointee.pathCount).map { state.pointee.path[$0] }
        popPath(to: min(depth, savedPath.count))
        if extra >= 0, extra < state.pointee.extraPaths.count {
            for component in state.pointee.extraPaths[extra] { pushPath(component) }
        }
        if let last { pushPath(last) }
        let previousNode = state.pointee.node
        state.pointee.node = node
        defer {
            state.pointee.node = previousNode
            popPath(to: 0)
            for component in savedPath { pushPath(component) }
        }
        return try T(from: self)
    }

    @inline(__always) func pushPath(_ component: IndexPathComponent) {
        let state = self.state
        if state.pointee.pathCount == state.pointee.pathCapacity {
            let capacity = state.pointee.pathCapacity * 2
            let path = UnsafeMutablePointer<IndexPathComponent>.allocate(capacity: capacity)
            path.moveInitialize(from: state.pointee.path, count: state.pointee.pathCount)
            state.pointee.path.deallocate()
            state.pointee.path = path
            state.pointee.pathCapacity = capacity
        }
        (state.pointee.path + state.pointee.pathCount).initialize(to: component)
        state.pointee.pathCount += 1
    }

    @inline(__always) func popPath(to count: Int) {
        let state = self.state
        let current = state.pointee.pathCount
        guard count < current else { return }
        (state.pointee.path + count).deinitialize(count: current - count)
        state.pointee.pathCount = count
    }
}

extension IndexReader {
    /// `[String: JSONValue]` straight from the index.
    func readJSONObject(_ node: Int) throws(IndexValueFailure) -> [String: JSONValue] {
        let entry = tape[node]
        guard entry.kind == .object else { throw entry.kind == .null ? .null : .mismatch(entry.kind) }
        guard case .object(let members) = try readJSONValue(node) else { return [:] }
        return members
    }

    /// `[String]` straight from the index, or `nil` when an element is not a string (the general path then
    /// reports the error with the element's index).
    func readStringArray(_ node: Int) throws(IndexValueFailure) -> [String]? {
        let entry = tape[node]
        guard entry.kind == .array else { throw entry.kind == .null ? .null : .mismatch(entry.kind) }
        var strings: [String] = []
        strings.reserveCapacity(entry.length)
        var element = node &+ 1
        let end = entry.end
        while element < end {
            let elementEntry = tape[element]
            guard elementEntry.kind.isString else { return nil }
            strings.append(string(elementEntry))
            element &+= 1
        }
        return strings
    }

    /// `[JSONValue]` straight from the index.
    func readJSONArray(_ node: Int) throws(IndexValueFailure) -> [JSONValue] {
        let entry = tape[node]
        guard entry.kind == .array else { throw entry.kind == .null ? .null : .mismatch(entry.kind) }
        guard case .array(let elements) = try readJSONValue(node) else { return [] }
        return elements
    }

    // MARK: - Scalars

    @inline(__always) func readBool(_ node: Int) throws(IndexValueFailure) -> Bool {
        let entry = tape[node]
        switch entry.kind {
        case .true: return true
        case .false: return false
        // JSONDecoder reports a null Bool as a type mismatch (every other type: value not found).
        default: throw .mismatch(entry.kind)
        }
    }

    @inline(__always) func readString(_ node: Int) throws(IndexValueFailure) -> String {
        let entry = tape[node]
        guard entry.kind.isString else {
            throw entry.kind == .null ? .null : .mismatch(entry.kind)
        }
        return string(entry)
    }

    @inline(__always) func readDouble(_ node: Int) throws(IndexValueFailure) -> Double {
        let entry = tape[node]
        if entry.kind == .double { return Double(bitPattern: entry.payload) }
        guard entry.kind.isNumber else {
            throw entry.kind == .null ? .null : .mismatch(entry.kind)
        }
        guard let value = double(entry) else {
            throw .corrupted("Number does not fit in Double.")
        }
        return value
    }

    func readFloat(_ node: Int) throws(IndexValueFailure) -> Float {
        let entry = tape[node]
        guard entry.kind.isNumber else {
            throw entry.kind == .null ? .null : .mismatch(entry.kind)
        }
        guard let value = float(entry) else {
            throw .corrupted("Number does not fit in Float.")
        }
        return value
    }

    @inline(__always) func readInteger<T: FixedWidthInteger>(_ type: T.Type, _ node: Int) throws(IndexValueFailure) -> T {
        let entry = tape[node]
        if entry.kind == .int, let value = T(exactly: Int64(bitPattern: entry.payload)) { return value }
        guard entry.kind.isNumber else {
            throw entry.kind == .null ? .null : .mismatch(entry.kind)
        }
        guard let value = integer(T.self, entry) else {
            throw .corrupted("Number does not fit in \(T.self).")
        }
        return value
    }

    func readDate(_ node: Int) throws(IndexValueFailure) -> Date {
        let entry = tape[node]
        guard entry.kind.isString else {
            // As the SDK's custom strategy: `null` is "no Date", anything else fails its `decode(String.self)`.
            throw entry.kind == .null ? .null : .mismatch(entry.kind)
        }
        // The spellings Nango writes straight from the bytes (bit-identical to ISO8601.parse), others by it.
        if entry.kind == .string, let date = ISO8601Bytes.parse(rawBytes(entry)) { return date }
        guard let date = ISO8601.parse(string(entry)) else {
            throw .corrupted("Expected an ISO-8601 date-time.")
        }
        return date
    }

    func readData(_ node: Int) throws(IndexValueFailure) -> Data {
        let entry = tape[node]
        guard entry.kind.isString else {
            throw entry.kind == .null ? .null : .mismatch(entry.kind)
        }
        guard let data = Data(base64Encoded: string(entry)) else {
            throw .corrupted("Encountered Data is not valid Base64.")
        }
        return data
    }

    func readURL(_ node: Int) throws(IndexValueFailure) -> URL {
        let entry = tape[node]
        guard entry.kind.isString else {
            throw entry.kind == .null ? .null : .mismatch(entry.kind)
        }
        guard let url = URL(string: string(entry)) else {
            throw .corrupted("Invalid URL string.")
        }
        return url
    }

    func readDecimal(_ node: Int) throws(IndexValueFailure) -> Decimal {
        let entry = tape[node]
        guard entry.kind.isNumber else {
            throw entry.kind == .null ? .null : .mismatch(entry.kind)
        }
        guard let value = decimal(entry) else {
            throw .corrupted("Number does not fit in Decimal.")
        }
        return value
    }

    func readJSONValue(_ node: Int) throws(IndexValueFailure) -> JSONValue {
        do {
            return try jsonValue(at: node)
        } catch {
            throw .corrupted("Number out of range.")
        }
    }

    // MARK: - Key lookup

    /// The value node of the member named `key` in `object`, or `nil`. The last of repeated keys wins.
    @inline(__always) func findMember(
        object: Int, entry: JSONTapeEntry, hints: UnsafeMutablePointer<IndexDecoder.Hint>, slot: Int,
        key: UnsafeBufferPointer<UInt8>
    ) -> Int? {
        let document = self
        let first = object &+ 1
        let end = entry.end
        var start = first
        let useHint = slot < IndexDecoder.hintSlots
        if useHint {
            let hint = hints[slot]
            if hint.object == object, hint.next < end { start = hint.next }
        }
        var found = -1
        var keyNode = start
        while keyNode < end {
            if document.keyEquals(keyNode, key) {
                found = keyNode
                break
            }
            keyNode = document.skip(keyNode &+ 1)
        }
        if found < 0 {
            keyNode = first
            while keyNode < start {
                if document.keyEquals(keyNode, key) {
                    found = keyNode
                    break
                }
                keyNode = document.skip(keyNode &+ 1)
            }
        }
        guard found >= 0 else { return nil }
        var value = found &+ 1
        let next = document.skip(value)
        if useHint { hints[slot] = IndexDecoder.Hint(object: object, next: next) }

        // A later repeat of this key wins; the parser says when one is possible.
        if entry.mayRepeatKeys {
            var later = next
            while later < end {
                let laterValue = later &+ 1
                if document.keyEquals(later, key) { value = laterValue }
                later = document.skip(laterValue)
            }
        }
        return value
    }

    /// The distinct keys of an object, in document order of first appearance.
    func memberKeys(object: Int, entry: JSONTapeEntry) -> [String] {
        var keys: [String] = []
        keys.reserveCapacity(entry.length)
        var keyNode = object &+ 1
        let end = entry.end
        while keyNode < end {
            keys.append(string(tape[keyNode]))
            keyNode = skip(keyNode &+ 1)
        }
        guard entry.mayRepeatKeys else { return keys }
        var seen = Set<String>(minimumCapacity: keys.count)
        return keys.filter { seen.insert($0).inserted }
    }
}

/// A hash table over the keys of an object that is large or may repeat a key (see
/// `IndexKeyedContainer.usesTable`), so that any order of lookups stays linear overall. Keys hash with the standard library's per-process seeded `Hasher`, so documents
/// cannot be crafted to collide.
final class IndexKeyTable {
    /// Per slot: the key node, or -1.
    private var slots: [Int32]
    private let mask: Int

    init(reader: IndexReader, object: Int, entry: JSONTapeEntry) {
        let document = reader
        var capacity = 64
        while capacity < entry.length * 2 { capacity *= 2 }
        slots = Array(repeating: -1, count: capacity)
        mask = capacity - 1
        var keyNode = object &+ 1
        let end = entry.end
        while keyNode < end {
            document.withStringBytes(document.tape[keyNode]) { key in
                var slot = Self.hash(key) & mask
                while true {
                    let existing = Int(slots[slot])
                    if existing < 0 || document.keyEquals(existing, key) {
                        slots[slot] = Int32(truncatingIfNeeded: keyNode)  // a repeated key: the last wins
                        break
                    }
                    slot = (slot &+ 1) & mask
                }
            }
            keyNode = document.skip(keyNode &+ 1)
        }
    }

    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(key))
        return hasher.finalize()
    }

    /// The value node for `key`, or `nil`.
    func find(_ key: UnsafeBufferPointer<UInt8>, in document: IndexReader) -> Int? {
        var slot = Self.hash(key) & mask
        while true {
            let existing = Int(slots[slot])
            if existing < 0 { return nil }
            if document.keyEquals(existing, key) { return existing &+ 1 }
            slot = (slot &+ 1) & mask
        }
    }
}

/// Where a keyed container reads: its object, its place in the coding path, and how it finds keys. Trivial, so
/// the decoder can move a kept container to its next object by overwriting it.
struct KeyedFrame {
    var object: Int
    var entry: JSONTapeEntry
    /// How many of the decoder's path components are the container's.
    var depth: Int
    /// The container's own extra path (an index into the decoder's `extraPaths`), or -1.
    var extra: Int
    /// The hint slot of the container's lookups.
    var slot: Int
    /// Whether lookups go through the object's hash table rather than a scan.
    var usesTable: Bool
}
