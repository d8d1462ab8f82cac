package import Foundation

/// One step of a coding path below a decoder's base path.
@usableFromInline package enum IndexPathComponent {
    case key(any CodingKey)
    case index(Int)
    /// A member name known at compile time (the generated models' keys): no existential box to make.
    case name(StaticString)
    /// Field `number` of a model generated from a user's schema (its name is in the table): no box either.
    case field(ModelFieldTable, Int)

    var codingKey: any CodingKey {
        switch self {
        case .key(let key): return key
        case .name(let name): return IndexCodingKey(stringValue: "\(name)")
        case .field(let table, let number): return table.codingKey(number)
        case .index(let index): return IndexCodingKey(index: index)
        }
    }
}

/// The coding key of array elements (`"Index 3"`, int value 3, as `JSONDecoder` writes them), of `super`, and
/// of keys read back from the document.
@usableFromInline package struct IndexCodingKey: CodingKey, Sendable {
    @usableFromInline package var stringValue: String
    @usableFromInline package var intValue: Int?

    @usableFromInline package init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    @usableFromInline package init(intValue: Int) {
        stringValue = "\(intValue)"
        self.intValue = intValue
    }

    @usableFromInline package init(index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }

    static let `super` = IndexCodingKey(stringValue: "super")
}

/// Why reading a scalar failed; the container turns it into a `DecodingError` with the coding path.
@usableFromInline package enum IndexValueFailure: Error {
    /// The value has another JSON type.
    case mismatch(JSONNodeKind)
    /// The value is `null`.
    case null
    /// The value has the right JSON type but cannot become the requested type.
    case corrupted(String)
}

extension JSONNodeKind {
    /// How `JSONDecoder` names a JSON type in its type-mismatch messages.
    @usableFromInline package var foundName: String {
        switch self {
        case .null: return "null"
        case .false, .true: return "bool"
        case .string, .escapedString: return "a string"
        case .int, .double, .number: return "number"
        case .array: return "an array"
        case .object: return "a dictionary"
        }
    }

    @inlinable package var isNumber: Bool { self == .int || self == .double || self == .number }
    @inlinable package var isString: Bool { self == .string || self == .escapedString }
}

/// `value` as `T`, which the caller has checked is `Value` itself (a plain `as? T` would need the metadata
/// of `Optional<T>`, a runtime lookup on every call).
@inline(__always) @usableFromInline func same<Value, T>(_ value: Value, as type: T.Type) -> T {
    // Safe: every caller has just compared `Value.self == T.self` (or their `ObjectIdentifier`s), so the
    // pointer is bound to `T` already; the value is copied out while `withUnsafePointer` keeps it alive.
    withUnsafePointer(to: value) { pointer in
        UnsafeRawPointer(pointer).assumingMemoryBound(to: T.self).pointee
    }
}

/// Types that a decoder built on the engine reads straight from the index rather than through their own
/// `init(from:)`: the SDK's free-form JSON value type and its collections, which the engine itself does not
/// know. The SDK passes its implementation in ``JSONEngine/Options/directTypes``.
@usableFromInline package protocol IndexDirectTypes: Sendable {
    /// Whether `type` is one of these types (compare metatypes: asked on every decode of a non-scalar type).
    static func reads(_ type: Any.Type) -> Bool

    /// `type`, which ``reads(_:)`` accepted, read from `node`. (No `T?` here: a generic optional's metadata is
    /// a runtime lookup on every call.)
    static func read<T>(_ type: T.Type, from reader: IndexReader, node: Int) throws(IndexValueFailure) -> T
}

extension IndexDirectTypes {
    /// `value` as `T`, which must be `Value` itself: how an ``IndexDirectTypes`` implementation returns what it
    /// read (`T.self == Value.self` costs no runtime lookup, unlike `as? T`). Another type is `.corrupted`.
    @inline(__always)
    package static func exactly<Value, T>(_ value: Value, as type: T.Type) throws(IndexValueFailure) -> T {
        guard T.self == Value.self else { throw .corrupted("Cannot read \(Value.self) as \(T.self).") }
        return same(value, as: T.self)
    }
}

/// Metatypes the decoder checks for, kept as identifiers: asking for a generic type's metadata (as in
/// `T.self == [String].self`) costs a runtime lookup every time.
private let stringArrayType = ObjectIdentifier([String].self)

/// The `Decoder` handed to a type's `init(from:)`: a value's node in the document, read through the decode's
/// ``DecodeSession``, with `JSONDecoder`'s semantics and the SDK's strategies (ISO-8601 dates through
/// `ISO8601.parse`, base64 `Data`, `URL` from a string, `Decimal` from the number's text). Entry point:
/// `JSONEngine.decode(_:from:)`.
///
/// Each `init(from:)` call gets a decoder of its own node, as with `JSONDecoder`, so a decoder that a user's type
/// keeps reads that same value after the call. The session hands the same object out again for the next value
/// at the same depth once nobody else holds it (`isKnownUniquelyReferenced`), so a decode allocates a decoder per
/// depth, not per value.
///
/// A type reads the value at its decoder straight from the index with ``engine(_:)``:
/// `if let engine = IndexDecoder.engine(decoder) { ... }`.
@usableFromInline package final class IndexDecoder: Decoder {
    /// The decode this value belongs to.
    @usableFromInline package let session: DecodeSession
    // Only the session changes these, when it hands this decoder out again (nobody else holds it then), so the
    // accesses cannot overlap: no dynamic exclusivity checks.

    /// The value's node.
    @exclusivity(unchecked) @usableFromInline package var node: Int
    /// How many path components of the session's stack lead to the value.
    @exclusivity(unchecked) @usableFromInline package var depth: Int

    @usableFromInline init(session: DecodeSession, node: Int, depth: Int) {
        self.session = session
        self.node = node
        self.depth = depth
    }

    @inlinable package var reader: IndexReader { session.reader }
    @usableFromInline package var userInfo: [CodingUserInfoKey: Any] { session.userInfo }
    @usableFromInline package var codingPath: [any CodingKey] { session.codingPath(depth: depth, extra: -1) }

    @usableFromInline package func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        try session.keyedContainer(Key.self, node: node, depth: depth, extra: -1)
    }

    @usableFromInline package func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try session.unkeyedContainer(node: node, depth: depth, extra: -1)
    }

    @usableFromInline package func singleValueContainer() throws -> any SingleValueDecodingContainer {
        IndexSingleValueContainer(session: session, node: node, depth: depth)
    }

    /// The error for `failure` at this value (or its member `last`).
    package func failure(_ failure: IndexValueFailure, _ type: Any.Type, last: IndexPathComponent?) -> DecodingError {
        session.failure(failure, type, depth: depth, extra: -1, last: last)
    }

    /// The members of this object whose keys `isKnown` rejects: each key with its value node (the last one when
    /// a key repeats, as everywhere in the engine), in document order of first appearance; none when this value
    /// is not an object. An object without unknown members costs one key comparison per member and no
    /// allocation.
    package func unknownMemberNodes(isKnownKey isKnown: (MemberKey) -> Bool) -> [(key: String, node: Int)] {
        session.unknownMemberNodes(object: node, isKnownKey: isKnown)
    }
}

/// One decode: the document, the coding path as a stack, the lookup hints and hash tables, the containers and
/// decoders handed out (kept to be handed out again once released). Coding paths are only materialized when an
/// error is thrown or `codingPath` is read.
///
/// Memory safety with any user type: every container and decoder holds its session strongly, and the session
/// holds the document, so a container, nested container or decoder that a user's `init(from:)` keeps stays
/// valid after the call, reading the values of the object it was made for (its node and frame are its own;
/// hints are checked before use). Used after its own decode call, a container's or decoder's coding path starts
/// with the path the session is at then (the stack it came from is gone); values are unaffected. The boxes and
/// decoders kept for reuse make cycles (session → box → session) that ``finish()`` breaks at the end of a decode.
@usableFromInline package final class DecodeSession {
    @usableFromInline package let document: JSONDocument
    @usableFromInline package let reader: IndexReader
    let basePath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]
    package let options: JSONEngine.Options

    /// The mutable state, behind a pointer so that using it needs no dynamic exclusivity checks.
    @usableFromInline struct State {
        /// The coding path below `basePath`, as a stack.
        var path: UnsafeMutablePointer<IndexPathComponent>
        @usableFromInline var pathCount = 0
        var pathCapacity: Int
        /// Path components added by `nestedContainer` calls, referred to by index from containers.
        var extraPaths: [[IndexPathComponent]] = []
        /// Hash tables of objects, by object node, built on first use.
        var keyTables: [Int: IndexKeyTable] = [:]
        /// Keyed containers handed out, kept to be handed out again (see `keyedContainer`); emptied by `finish`.
        var keyedSlots: [KeyedSlot] = []
        /// Whether containers are kept for reuse: false without ``ContainerReuse`` or once `finish` has run.
        var reusesContainers: Bool
        /// Per depth (from 1; depth 0's is `rootDecoder`), the decoder last handed out there, handed out again
        /// once nobody else holds it; emptied by `finish`.
        var decoders: [IndexDecoder?] = []
        var rootDecoder: IndexDecoder?
        /// Whether decoders are kept for reuse (until `finish`).
        var reusesDecoders = true
        /// Per depth, the field-node buffer a generated model's reader last used there, handed out again once
        /// nobody else holds it; emptied by `finish`.
        var modelNodes: [ModelNodes?] = []
    }

    /// A keyed container this session made: its box (the only stored property of `KeyedDecodingContainer`,
    /// kept as a reference so that its uniqueness can be checked) and the frame it reads.
    struct KeyedSlot {
        let key: ObjectIdentifier
        var box: AnyObject
        let frame: KeyedFrameBox
    }

    /// At most this many keyed containers are kept for reuse (as many as can be in use at once, nested).
    static let keyedSlotLimit = 64

    @usableFromInline let state: UnsafeMutablePointer<State>

    /// Per depth, the object last searched and the key node after the last match: keys are usually asked
    /// for in document order, so the next lookup starts there.
    @usableFromInline struct Hint {
        var object: Int
        var next: Int
    }

    static let hintSlots = 64
    @usableFromInline let hints: UnsafeMutablePointer<Hint>

    package init(document: JSONDocument, basePath: [any CodingKey] = [], options: JSONEngine.Options) {
        self.document = document
        reader = document.reader
        self.basePath = basePath
        self.options = options
        var info: [CodingUserInfoKey: Any] = [:]
        for (key, value) in options.userInfo { info[key] = value }
        userInfo = info
        let capacity = 16
        // Safe: `state` and `hints` are allocated and initialized here, only reached through this session (a
        // container or decoder holds the session, never these pointers alone), and freed in deinit.
        state = .allocate(capacity: 1)
        state.initialize(to: State(
            path: .allocate(capacity: capacity), pathCapacity: capacity,
            reusesContainers: options.reusesContainers && ContainerReuse.isAvailable
        ))
        hints = .allocate(capacity: Self.hintSlots)
        hints.initialize(repeating: Hint(object: -1, next: 0), count: Self.hintSlots)
    }

    deinit {
        state.pointee.path.deinitialize(count: state.pointee.pathCount)
        state.pointee.path.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
        hints.deallocate()
    }

    /// Ends the decode this session served: lets go of the container boxes and decoders kept for reuse (each
    /// holds this session, so keeping them would keep it for ever) and makes no more of them. Containers and
    /// decoders still held elsewhere keep working. Idempotent.
    @usableFromInline package func finish() {
        state.pointee.reusesContainers = false
        state.pointee.keyedSlots = []
        state.pointee.reusesDecoders = false
        state.pointee.decoders = []
        state.pointee.rootDecoder = nil
        state.pointee.modelNodes = []
    }

    /// How many path components the session's stack holds now.
    @usableFromInline package var depth: Int { state.pointee.pathCount }

    /// The decoder of `node`, at `depth` components of the path stack: the one last handed out at that depth if
    /// nobody else holds it any more, else a new one (kept for next time).
    @usableFromInline package func decoder(node: Int, depth: Int) -> IndexDecoder {
        let state = self.state
        guard state.pointee.reusesDecoders else { return IndexDecoder(session: self, node: node, depth: depth) }
        // The top-level value's decoder has a place of its own: a one-object decode allocates no array.
        if depth == 0 {
            if isKnownUniquelyReferenced(&state.pointee.rootDecoder), let decoder = state.pointee.rootDecoder {
                decoder.node = node
                return decoder
            }
            let decoder = IndexDecoder(session: self, node: node, depth: 0)
            state.pointee.rootDecoder = decoder
            return decoder
        }
        while state.pointee.decoders.count < depth { state.pointee.decoders.append(nil) }
        if isKnownUniquelyReferenced(&state.pointee.decoders[depth &- 1]), let decoder = state.pointee.decoders[depth &- 1] {
            decoder.node = node
            decoder.depth = depth
            return decoder
        }
        let decoder = IndexDecoder(session: self, node: node, depth: depth)
        state.pointee.decoders[depth &- 1] = decoder
        return decoder
    }

    /// `basePath` + the first `depth` components of the path stack + the extra path `extra` (+ `last`).
    @usableFromInline package func codingPath(depth: Int, extra: Int, last: IndexPathComponent? = nil) -> [any CodingKey] {
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

    // MARK: - Containers

    @usableFromInline package func keyedContainer<Key: CodingKey>(
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
    /// same `Key` when this session holds the only reference to it, that is when whoever had it (a record's
    /// `init(from:)`, done) has let go: only its frame changes. A box still in use (a `Key` nested in itself, or
    /// a container kept beyond its decode) is never touched; another is made.
    ///
    /// The box is reached through `KeyedDecodingContainer`'s one stored property, a class reference, which
    /// ``ContainerReuse`` checks once per process before any box is kept; without it (or with reuse turned off)
    /// every container gets a box of its own.
    private func keyedContainer<Key: CodingKey>(_ type: Key.Type, at frame: KeyedFrame) -> KeyedDecodingContainer<Key> {
        let key = ObjectIdentifier(Key.self)
        let state = self.state
        var index = 0
        while index < state.pointee.keyedSlots.count {
            if state.pointee.keyedSlots[index].key == key, isKnownUniquelyReferenced(&state.pointee.keyedSlots[index].box) {
                // Safe: nobody but this session holds the box, so no container reads the frame being moved; the
                // box was made from a `KeyedDecodingContainer<Key>` of this same `Key` (its slot's key), and
                // `ContainerReuse` proved that such a container is exactly that one reference.
                state.pointee.keyedSlots[index].frame.frame = frame
                return unsafeBitCast(state.pointee.keyedSlots[index].box, to: KeyedDecodingContainer<Key>.self)
            }
            index &+= 1
        }
        let box = KeyedFrameBox(frame)
        let container = KeyedDecodingContainer(IndexKeyedContainer<Key>(session: self, frame: box))
        if state.pointee.reusesContainers, state.pointee.keyedSlots.count < Self.keyedSlotLimit {
            // Safe: `ContainerReuse.isAvailable` (part of `reusesContainers`) proved at run time that a
            // `KeyedDecodingContainer` is a single class reference, so this reads that reference, retained.
            state.pointee.keyedSlots.append(KeyedSlot(key: key, box: unsafeBitCast(container, to: AnyObject.self), frame: box))
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
        return IndexUnkeyedContainer(session: self, array: node, entry: entry, depth: depth, extra: extra)
    }

    /// The decoder for `superDecoder()`, in a session of its own (it may be used after the call that made it, so
    /// it does not share this session's path stack); this session finishes it with itself.
    func superDecoder(node: Int, depth: Int, extra: Int, key: IndexPathComponent) -> IndexDecoder {
        let child = DecodeSession(
            document: document,
            basePath: codingPath(depth: depth, extra: extra, last: key),
            options: options
        )
        // Made finished: it keeps nothing for reuse, so nothing refers back to it and it goes with its decoder.
        child.finish()
        return IndexDecoder(session: child, node: node, depth: 0)
    }

    // MARK: - Errors

    @usableFromInline package func failure(
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
    /// a few hot ones are read directly; anything else runs `T.init(from:)` with a decoder of its own.
    @usableFromInline package func decode<T: Decodable>(_ type: T.Type, node: Int, depth: Int, extra: Int, last: IndexPathComponent?) throws -> T {
        do throws(IndexValueFailure) {
            if T.self == String.self { return same(try reader.readString(node), as: T.self) }
            if T.self == Int.self { return same(try reader.readInteger(Int.self, node), as: T.self) }
            if T.self == Double.self { return same(try reader.readDouble(node), as: T.self) }
            if T.self == Bool.self { return same(try reader.readBool(node), as: T.self) }
            if T.self == Int64.self { return same(try reader.readInteger(Int64.self, node), as: T.self) }
            if T.self == Date.self { return same(try reader.readDate(node), as: T.self) }
            if let direct = options.directTypes, direct.reads(T.self) { return try direct.read(T.self, from: reader, node: node) }
            if T.self == URL.self { return same(try reader.readURL(node), as: T.self) }
            if T.self == Data.self { return same(try reader.readData(node), as: T.self) }
            if T.self == Decimal.self { return same(try reader.readDecimal(node), as: T.self) }
            if ObjectIdentifier(T.self) == stringArrayType, let strings = try reader.readStringArray(node) {
                return same(strings, as: T.self)
            }
        } catch {
            throw failure(error, T.self, depth: depth, extra: extra, last: last)
        }

        // Run T's own init(from:) with a decoder of `node`, the path extended (by a nested container's own
        // components, then `last`).
        let state = self.state
        guard state.pointee.pathCount == depth else {
            return try decodeWithRebuiltPath(T.self, node: node, depth: depth, extra: extra, last: last)
        }
        pushPath(extra: extra, last: last)
        defer { popPath(to: depth) }
        return try T(from: decoder(node: node, depth: state.pointee.pathCount))
    }

    /// The general case of `decode`: a container used outside its own decode call (its path is rebuilt from what
    /// the stack holds now, ours restored afterwards).
    @inline(never)
    private func decodeWithRebuiltPath<T: Decodable>(
        _ type: T.Type, node: Int, depth: Int, extra: Int, last: IndexPathComponent?
    ) throws -> T {
        let state = self.state
        let savedPath = (0..<state.pointee.pathCount).map { state.pointee.path[$0] }
        popPath(to: min(depth, savedPath.count))
        pushPath(extra: extra, last: last)
        defer {
            popPath(to: 0)
            for component in savedPath { pushPath(component) }
        }
        return try T(from: decoder(node: node, depth: state.pointee.pathCount))
    }

    /// Pushes a nested container's own components (`extra`), then `last`.
    private func pushPath(extra: Int, last: IndexPathComponent?) {
        if extra >= 0, extra < state.pointee.extraPaths.count {
            for component in state.pointee.extraPaths[extra] { pushPath(component) }
        }
        if let last { pushPath(last) }
    }

    @usableFromInline package func pushPath(_ component: IndexPathComponent) {
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

    @usableFromInline package func popPath(to count: Int) {
        let state = self.state
        let current = state.pointee.pathCount
        guard count < current else { return }
        (state.pointee.path + count).deinitialize(count: current - count)
        state.pointee.pathCount = count
    }
}

extension IndexReader {
    /// `[String]` straight from the index, or `nil` when an element is not a string (the general path then
    /// reports the error with the element's index).
    @usableFromInline package func readStringArray(_ node: Int) throws(IndexValueFailure) -> [String]? {
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

    // MARK: - Scalars

    @inlinable package func readBool(_ node: Int) throws(IndexValueFailure) -> Bool {
        let entry = tape[node]
        switch entry.kind {
        case .true: return true
        case .false: return false
        // JSONDecoder reports a null Bool as a type mismatch (every other type: value not found).
        default: throw .mismatch(entry.kind)
        }
    }

    @inlinable package func readString(_ node: Int) throws(IndexValueFailure) -> String {
        let entry = tape[node]
        guard entry.kind.isString else {
            throw entry.kind == .null ? .null : .mismatch(entry.kind)
        }
        return string(entry)
    }

    @inlinable package func readDouble(_ node: Int) throws(IndexValueFailure) -> Double {
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

    @usableFromInline package func readFloat(_ node: Int) throws(IndexValueFailure) -> Float {
        let entry = tape[node]
        guard entry.kind.isNumber else {
            throw entry.kind == .null ? .null : .mismatch(entry.kind)
        }
        guard let value = float(entry) else {
            throw .corrupted("Number does not fit in Float.")
        }
        return value
    }

    @inlinable package func readInteger<T: FixedWidthInteger>(_ type: T.Type, _ node: Int) throws(IndexValueFailure) -> T {
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

    package func readDate(_ node: Int) throws(IndexValueFailure) -> Date {
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

    package func readData(_ node: Int) throws(IndexValueFailure) -> Data {
        let entry = tape[node]
        guard entry.kind.isString else {
            throw entry.kind == .null ? .null : .mismatch(entry.kind)
        }
        guard let data = Data(base64Encoded: string(entry)) else {
            throw .corrupted("Encountered Data is not valid Base64.")
        }
        return data
    }

    package func readURL(_ node: Int) throws(IndexValueFailure) -> URL {
        let entry = tape[node]
        guard entry.kind.isString else {
            throw entry.kind == .null ? .null : .mismatch(entry.kind)
        }
        guard let url = URL(string: string(entry)) else {
            throw .corrupted("Invalid URL string.")
        }
        return url
    }

    package func readDecimal(_ node: Int) throws(IndexValueFailure) -> Decimal {
        let entry = tape[node]
        guard entry.kind.isNumber else {
            throw entry.kind == .null ? .null : .mismatch(entry.kind)
        }
        guard let value = decimal(entry) else {
            throw .corrupted("Number does not fit in Decimal.")
        }
        return value
    }

    // MARK: - Key lookup

    /// The value node of the member named `key` in `object`, or `nil`. The last of repeated keys wins.
    @inline(__always) func findMember(
        object: Int, entry: JSONTapeEntry, hints: UnsafeMutablePointer<DecodeSession.Hint>, slot: Int,
        key: UnsafeBufferPointer<UInt8>
    ) -> Int? {
        let document = self
        let first = object &+ 1
        let end = entry.end
        var start = first
        let useHint = slot < DecodeSession.hintSlots
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
        if useHint { hints[slot] = DecodeSession.Hint(object: object, next: next) }

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

/// Where a keyed container reads, held by the container: the session moves a box it hands out again to its next
/// object by overwriting the frame (only when nobody else holds the box, so no container reads it then).
final class KeyedFrameBox {
    @exclusivity(unchecked) var frame: KeyedFrame

    init(_ frame: KeyedFrame) {
        self.frame = frame
    }
}

/// Where a keyed container reads: its object, its place in the coding path, and how it finds keys.
struct KeyedFrame {
    var object: Int
    var entry: JSONTapeEntry
    /// How many of the session's path components are the container's.
    var depth: Int
    /// The container's own extra path (an index into the session's `extraPaths`), or -1.
    var extra: Int
    /// The hint slot of the container's lookups.
    var slot: Int
    /// Whether lookups go through the object's hash table rather than a scan.
    var usesTable: Bool
}
