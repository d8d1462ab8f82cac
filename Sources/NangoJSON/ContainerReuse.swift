import Foundation

/// Whether the decoder may hand a keyed container's box out again (see `DecodeSession.keyedContainer`).
///
/// Making a `KeyedDecodingContainer<Key>` for a `Key` known only at run time costs generic metadata and
/// witness-table lookups and a box; reusing the box of a container nobody holds any more saves a tenth of a
/// typed records page's decode. Reuse needs to see the box: it reads `KeyedDecodingContainer`'s stored
/// property, whose layout the standard library does not promise. So it is enabled only when a one-time
/// self-test, run the first time a decoder is made, proves that layout in this process:
///
/// 1. by reflection (`Mirror`, public API): the container has exactly one stored property, and it is a class
///    instance; with that, the container has the layout of that one reference, whatever the property's name;
/// 2. by behaviour: the reference read out is that instance; it is shared by copies of the container and
///    unique once they are gone; and a box handed out again reads its new frame.
///
/// If any check fails, containers are simply never reused (every container gets a box of its own). The
/// environment variable `NANGO_JSON_CONTAINER_REUSE=0` (or `off`, `false`, `no`) turns reuse off for the
/// process; `JSONEngine.Options.reusesContainers` turns it off for one decode.
@usableFromInline package enum ContainerReuse {
    /// The self-test's verdict combined with the environment switch, computed once per process.
    @usableFromInline package static let isAvailable: Bool = isEnabledByEnvironment && selfTestPasses()

    /// Whether `NANGO_JSON_CONTAINER_REUSE` leaves reuse on (it is on unless set to a false value).
    static var isEnabledByEnvironment: Bool {
        guard let value = ProcessInfo.processInfo.environment["NANGO_JSON_CONTAINER_REUSE"] else { return true }
        return !["0", "off", "false", "no"].contains(value.lowercased())
    }

    /// Whether this process's `KeyedDecodingContainer` has the layout reuse relies on (see the type's comment).
    @usableFromInline package static func selfTestPasses() -> Bool {
        guard hasSingleReferenceLayout(KeyedDecodingContainer<IndexCodingKey>.self, sample: { sample(IndexCodingKey.self) }),
              hasSingleReferenceLayout(KeyedDecodingContainer<SelfTestKey>.self, sample: { sample(SelfTestKey.self) })
        else { return false }
        return reusedBoxReadsNewFrame()
    }

    /// Layout by reflection: one stored property, a class instance, and the size of one reference.
    private static func hasSingleReferenceLayout<Container>(
        _ containerType: Container.Type, sample: () -> Container?
    ) -> Bool {
        guard MemoryLayout<Container>.size == MemoryLayout<AnyObject>.size,
              MemoryLayout<Container>.alignment == MemoryLayout<AnyObject>.alignment,
              let container = sample()
        else { return false }
        let mirror = Mirror(reflecting: container)
        guard mirror.displayStyle == .struct, mirror.superclassMirror == nil,
              mirror.children.count == 1, let stored = mirror.children.first?.value
        else { return false }
        guard type(of: stored) is AnyClass else { return false }
        // Safe: the container is one stored property, a class instance, and has its size and alignment. The
        // word read out must be that very instance.
        return unsafeBitCast(container, to: AnyObject.self) === (stored as AnyObject)
    }

    /// Behaviour: the decoder's own reuse path, exercised on a two-element document.
    private static func reusedBoxReadsNewFrame() -> Bool {
        guard let index = try? JSONIndex(parsing: Array(#"[{"v":1},{"v":2}]"#.utf8)) else { return false }
        let document = index.document
        let first = document.root &+ 1
        let second = document.reader.skip(first)
        let decoder = DecodeSession(document: document, options: JSONEngine.Options(reusesContainers: false))
        defer { decoder.finish() }
        let frame = KeyedFrameBox(KeyedFrame(
            object: first, entry: document.reader.entry(first), depth: 0, extra: -1, slot: 0, usesTable: false
        ))
        let key = IndexCodingKey(stringValue: "v")
        var box: AnyObject?
        guard keepSharedBox(decoder: decoder, frame: frame, key: key, in: &box) else { return false }
        // The container and its copy are gone: the box is held by `box` alone.
        guard isKnownUniquelyReferenced(&box), let box else { return false }
        frame.frame.object = second
        frame.frame.entry = document.reader.entry(second)
        // Safe: the layout was proved above, and `box` came from a `KeyedDecodingContainer<IndexCodingKey>`.
        let again = unsafeBitCast(box, to: KeyedDecodingContainer<IndexCodingKey>.self)
        return (try? again.decode(Int.self, forKey: key)) == 2
    }

    /// Makes a container on `frame`'s object, which must read 1 there, and keeps its box in `box` (stored, as the
    /// decoder keeps its boxes): a copy of the container must share it. Returns whether all of that held.
    @inline(never)
    private static func keepSharedBox(
        decoder: DecodeSession, frame: KeyedFrameBox, key: IndexCodingKey, in box: inout AnyObject?
    ) -> Bool {
        let container = KeyedDecodingContainer(IndexKeyedContainer<IndexCodingKey>(session: decoder, frame: frame))
        guard (try? container.decode(Int.self, forKey: key)) == 1 else { return false }
        // Safe: `hasSingleReferenceLayout` proved that the container is exactly one class reference.
        box = unsafeBitCast(container, to: AnyObject.self)
        let copy = container
        // The container and its copy share the box, so it is not unique while they are alive.
        return withExtendedLifetime(copy) { !isKnownUniquelyReferenced(&box) }
    }

    /// A container of the decoder's own kind, on an empty object.
    private static func sample<Key: CodingKey>(_ key: Key.Type) -> KeyedDecodingContainer<Key>? {
        guard let index = try? JSONIndex(parsing: Array("{}".utf8)) else { return nil }
        let decoder = DecodeSession(document: index.document, options: JSONEngine.Options(reusesContainers: false))
        defer { decoder.finish() }
        return try? decoder.keyedContainer(Key.self, node: index.document.root, depth: 0, extra: -1)
    }

    /// A second key type (another box class), so the check is not about one specialization.
    private enum SelfTestKey: String, CodingKey {
        case value
    }
}
