/// Why a document was rejected, and where.
///
/// The description names the byte offset and a short reason, never the document's content: the SDK redacts
/// response bodies, so nothing here may quote them.
///
/// When the engine decodes a `Decodable` type, a parse failure is thrown as Foundation's
/// `DecodingError.dataCorrupted` with an empty coding path (like `JSONDecoder`), with this value as the
/// context's `underlyingError`.
@usableFromInline package struct JSONEngineError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    package enum Reason: Hashable, Sendable {
        /// The input is empty or only whitespace.
        case emptyInput
        /// The input ended inside a value.
        case unexpectedEndOfInput
        /// A byte that cannot start or continue a value here.
        case unexpectedCharacter
        /// Something other than whitespace follows the top-level value.
        case trailingCharacters
        /// An object member does not start with a string key.
        case expectedKey
        /// A key is not followed by `:`.
        case expectedColon
        /// An array element or member is followed by neither `,` nor the closing bracket.
        case expectedCommaOrEnd
        /// Containers nest deeper than the limit.
        case tooDeep(limit: Int)
        /// A string has no closing quote.
        case unterminatedString
        /// A byte below U+0020 appears unescaped in a string.
        case controlCharacterInString
        /// A backslash is followed by something other than `" \ / b f n r t u`.
        case invalidEscape
        /// A `\u` escape is not four hexadecimal digits.
        case invalidUnicodeEscape
        /// A `\u` escape is half of a surrogate pair without the other half.
        case loneSurrogate
        /// The bytes are not well-formed UTF-8.
        case invalidUTF8
        /// A number does not follow the JSON grammar (leading zero, missing digits, ...).
        case invalidNumber
        /// A number is too large (or too small) for a `Double`.
        case numberOutOfRange
        /// The document is larger than the index can address (4 GiB), or one string or number is longer than
        /// 256 MiB, or a container has more than 2^28 members.
        case documentTooLarge
    }

    /// What went wrong.
    package var reason: Reason
    /// The byte offset in the document (counting a byte-order mark if there was one).
    package var offset: Int

    package init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// A short, content-free reason.
    var reasonText: String {
        switch reason {
        case .emptyInput: return "the input is empty"
        case .unexpectedEndOfInput: return "unexpected end of input"
        case .unexpectedCharacter: return "unexpected character"
        case .trailingCharacters: return "unexpected characters after the top-level value"
        case .expectedKey: return "expected a string key"
        case .expectedColon: return "expected ':' after a key"
        case .expectedCommaOrEnd: return "expected ',' or the end of the container"
        case .tooDeep(let limit): return "containers nested deeper than \(limit) levels"
        case .unterminatedString: return "unterminated string"
        case .controlCharacterInString: return "unescaped control character in a string"
        case .invalidEscape: return "invalid escape sequence"
        case .invalidUnicodeEscape: return "invalid \\u escape"
        case .loneSurrogate: return "unpaired UTF-16 surrogate in a \\u escape"
        case .invalidUTF8: return "invalid UTF-8"
        case .invalidNumber: return "invalid number"
        case .numberOutOfRange: return "number out of range"
        case .documentTooLarge: return "document too large"
        }
    }

    @usableFromInline package var description: String { "\(reasonText) at byte \(offset)" }
}
