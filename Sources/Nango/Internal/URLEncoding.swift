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
