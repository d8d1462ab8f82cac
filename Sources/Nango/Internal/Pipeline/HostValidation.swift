#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks of a server's host and port, so that a bad `NANGO_HOST` is refused when the client is created instead of
/// reaching a transport that may trap on it (SwiftNIO does on a port above 65535).
enum HostValidation {
    /// Checks a request's scheme and authority before a transport sees them. `key` names the origin the way
    /// connection limits count it: lowercased, with the port always written (`https://api.nango.dev:443`).
    static func origin(scheme: String?, authority: String?) throws -> (scheme: String, authority: String, key: String) {
        guard let scheme = scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw NangoError.invalidArgument("The request's scheme must be http or https.")
        }
        guard let authority, isValidAuthority(authority) else {
            throw NangoError.invalidArgument("The request's authority is not a valid host and port (1–65535).")
        }
        let lowered = authority.lowercased()
        let hasPort: Bool
        if lowered.hasPrefix("[") {
            hasPort = lowered.contains("]:")
        } else {
            hasPort = lowered.contains(":")
        }
        let key = "\(scheme)://\(lowered)" + (hasPort ? "" : (scheme == "https" ? ":443" : ":80"))
        return (scheme, authority, key)
    }

    /// `host`, `host:port`, `[ipv6]` or `[ipv6]:port`, where host is a DNS name or an IPv4 address (letters,
    /// digits, `-`, `.`, `_`) and the port is 1–65535.
    static func isValidAuthority(_ authority: String) -> Bool {
        let bytes = Array(authority.utf8)
        guard !bytes.isEmpty else { return false }
        var hostPart: ArraySlice<UInt8>
        var portPart: ArraySlice<UInt8>?
        if bytes[0] == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")) else { return false }
            guard isIPv6(String(decoding: bytes[1..<close], as: UTF8.self)) else { return false }
            let rest = bytes[(close + 1)...]
            if rest.isEmpty { return true }
            guard rest.first == UInt8(ascii: ":") else { return false }
            portPart = rest.dropFirst()
            hostPart = []
        } else {
            if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
                hostPart = bytes[..<colon]
                portPart = bytes[(colon + 1)...]
            } else {
                hostPart = bytes[...]
            }
            guard isHostName(hostPart) else { return false }
        }
        if let portPart {
            return port(portPart) != nil
        }
        return true
    }

    /// A DNS name or IPv4 address: not empty, at most 253 bytes, only letters, digits, `-`, `.` and `_`.
    static func isHostName(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        return bytes.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
        }
    }

    /// A port: 1 to 5 digits, 1–65535.
    static func port(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 5 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return (1...65535).contains(value) ? value : nil
    }

    /// An IPv6 address in text form (no zone id).
    static func isIPv6(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 45 else { return false }
        var address = in6_addr()
        return inet_pton(AF_INET6, text, &address) == 1
    }
}
