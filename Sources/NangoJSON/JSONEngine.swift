package import Foundation

/// Entry points of the JSON engine: a strict parser into a compact index (`JSONIndex`, see `JSONParser` for
/// the rules and the choices for implementation-defined cases) and a `Decoder` over it (`IndexDecoder`, one per value, sharing a `DecodeSession`) with
/// `JSONDecoder`'s semantics and the SDK's strategies.
///
/// ```swift
/// let page = try JSONEngine.decode(RecordsPage.self, from: data)
/// let value = try JSONEngine.jsonValue(from: data)
/// ```
///
/// Errors from `decode` are `DecodingError`s, as `JSONDecoder` throws them: a document that is not valid JSON
/// is `.dataCorrupted` with an empty coding path and a `JSONEngineError` (byte offset and reason) as the
/// context's `underlyingError`; a document of the wrong shape throws `.keyNotFound`, `.typeMismatch`,
/// `.valueNotFound` or `.dataCorrupted` with the coding path of the offending value. No message quotes the
/// document.
///
/// Decoding semantics (all as `JSONDecoder` on this toolchain, checked by the differential tests):
/// - integer types accept integer literals that fit, and literals with a fraction or exponent whose value is
///   integral (`1.0`, `1e2`, `-0.0`); anything else (`1.5`, overflow) is `.dataCorrupted`;
/// - `Double`/`Float` accept any number that neither overflows nor underflows to zero (`-0` keeps its sign);
/// - `Bool` only from `true`/`false` (a `null` Bool is a type mismatch, every other `null` is value-not-found);
///   `String` only from strings;
/// - `Date`: the SDK's strategy, a string read by `ISO8601.parse` (else `.dataCorrupted` "Expected an
///   ISO-8601 date-time."); the common spellings are read from the bytes by `ISO8601Bytes` with bit-identical
///   results, everything else by `ISO8601.parse` itself; `Data`: base64; `URL`: `URL(string:)`; `Decimal`:
///   `Decimal(string:)` of the number's literal text;
/// - `decodeIfPresent`: a missing key and `null` are both `nil`; `[Int: V]` dictionaries work as in
///   `JSONDecoder` (keys that are not integers are a type mismatch).
///
/// Intentional differences from `JSONDecoder`:
/// - a repeated key: the last occurrence wins (`JSONDecoder` keeps the first; `JSON.parse` and Nango's
///   server keep the last);
/// - trailing commas (`[1,]`, `{"a":1,}`) are rejected (`JSONDecoder` accepts them);
/// - UTF-16 and UTF-32 documents are rejected (`JSONDecoder` transcodes them);
/// - a number that does not fit the requested type is `.dataCorrupted` *at its coding path* (`JSONDecoder`
///   reports it with an empty path, as if the document were not JSON);
/// - `JSONValue` keeps a number written with a fraction or exponent as `.double` (as `JSONValue` documents);
///   `JSONDecoder` + `JSONValue`'s trial decoding turns `1.0` or `1e2` into `.int`;
/// - an integral literal beyond 2^53 with a fraction or exponent decoded into an integer type is truncated
///   exactly from its digits (`JSONDecoder` goes through `Decimal`: the same results up to 38 digits).
package enum JSONEngine {
    /// Decoding options.
    package struct Options: Sendable {
        /// Containers nested deeper than this are rejected (`JSONEngineError.Reason.tooDeep`).
        package var maxDepth: Int = JSONParser.defaultMaxDepth
        /// The decoder's `userInfo`.
        package var userInfo: [CodingUserInfoKey: any Sendable] = [:]
        /// Types read straight from the index wherever they are met (the SDK's `JSONValue`), or `nil`.
        package var directTypes: (any IndexDirectTypes.Type)?
        /// Whether keyed container boxes are handed out again once released (see ``ContainerReuse``); only
        /// where the process's self-test passed and `NANGO_JSON_CONTAINER_REUSE` is not `0`/`off`.
        package var reusesContainers: Bool

        package init(
            maxDepth: Int = JSONParser.defaultMaxDepth,
            userInfo: [CodingUserInfoKey: any Sendable] = [:],
            directTypes: (any IndexDirectTypes.Type)? = nil,
            reusesContainers: Bool = true
        ) {
            self.maxDepth = maxDepth
            self.userInfo = userInfo
            self.directTypes = directTypes
            self.reusesContainers = reusesContainers
        }
    }

    /// Decodes `type` from a JSON document.
    ///
    /// - Throws: `DecodingError`, as described on `JSONEngine`.
    package static func decode<T: Decodable>(_ type: T.Type, from data: Data, options: Options = Options()) throws -> T {
        try decode(type, from: index(data, maxDepth: options.maxDepth), options: options)
    }

    /// Decodes `type` from a JSON document.
    package static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], options: Options = Options()) throws -> T {
        let index: JSONIndex
        do {
            index = try JSONIndex(parsing: bytes, maxDepth: options.maxDepth)
        } catch {
            throw invalidJSON(error)
        }
        return try decode(type, from: index, options: options)
    }

    /// Decodes `type` from an already parsed document.
    package static func decode<T: Decodable>(_ type: T.Type, from index: JSONIndex, options: Options = Options()) throws -> T {
        let session = DecodeSession(document: index.document, options: options)
        defer { session.finish() }
        return try session.decode(T.self, node: index.document.root, depth: 0, extra: -1, last: nil)
    }

    /// Parses `data`, turning a parse failure into `JSONDecoder`'s error.
    package static func index(_ data: Data, maxDepth: Int) throws -> JSONIndex {
        do {
            return try JSONIndex(parsing: data, maxDepth: maxDepth)
        } catch {
            throw invalidJSON(error)
        }
    }

    /// The `DecodingError` for a document that does not parse.
    package static func invalidJSON(_ error: JSONEngineError) -> DecodingError {
        DecodingError.dataCorrupted(DecodingError.Context(
            codingPath: [],
            debugDescription: "The given data was not valid JSON (\(error)).",
            underlyingError: error
        ))
    }
}
