/// Percent-encoding for paths and queries, byte by byte (`URLComponents` leaves `+ / : @ =` unescaped in
/// queries, which Nango's server then reads as a space or a separator).
enum URLEncoding {
    /// One path segment: everything but RFC 3986 unreserved characters is escaped, so `/ ? # % +` and spaces
    /// stay inside the segment.
    static func pathSegment(_ value: String) -> String {
        percentEncode(value, spaceAsPlus: false) { byte in
            isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
        }
    }

    /// A query name or value in WHATWG `application/x-www-form-urlencoded` form: space becomes `+`, and
    /// everything outside `A-Z a-z 0-9 * - . _` is percent-encoded (including `+ / = : , @ [ ] & %`).
    static func formComponent(_ value: String) -> String {
        percentEncode(value, spaceAsPlus: true) { byte in
            isAlphanumeric(byte) || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
        }
    }

    /// `name=value&name=value`, in order, repeated names kept.
    static func formQuery(_ items: [(name: String, value: String)]) -> String {
        items.map { formComponent($0.name) + "=" + formComponent($0.value) }.joined(separator: "&")
    }

    /// `application/x-www-form-urlencoded` parsing as WHATWG does it: `&`-separated, empty pieces skipped, `+` as a
    /// space, `%XX` decoded as bytes and invalid UTF-8 replaced.
    static func formDecode(_ query: String) -> [APIRequest.QueryItem] {
        func decode<S: StringProtocol>(_ text: S) -> String {
            let bytes = Array(text.utf8)
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "+") {
                    output.append(UInt8(ascii: " "))
                } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                          let high = bytes[index + 1].hexDigitValue, let low = bytes[index + 2].hexDigitValue {
                    output.append(high << 4 | low)
                    index += 2
                } else {
                    output.append(byte)
                }
                index += 1
            }
            return String(decoding: output, as: UTF8.self)
        }
        return query.split(separator: "&").map { piece in
            guard let equals = piece.firstIndex(of: "=") else { return .init(decode(piece), "") }
            return .init(decode(piece[..<equals]), decode(piece[piece.index(after: equals)...]))
        }
    }

    private static func percentEncode(_ value: String, spaceAsPlus: Bool, keep: (UInt8) -> Bool) -> String {
        // Most ids and values need no escaping: return them as they are, without building a copy.
        if value.utf8.allSatisfy(keep) { return value }
        var output: [UInt8] = []
        output.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            if keep(byte) {
                output.append(byte)
            } else if spaceAsPlus && byte == UInt8(ascii: " ") {
                output.append(UInt8(ascii: "+"))
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
