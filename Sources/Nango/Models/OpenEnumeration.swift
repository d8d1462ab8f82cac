/// A string from a set that Nango may extend: auth modes, error codes, sync statuses, record actions, ...
///
/// Conforming types are structs with static constants for the known values. Unlike a Swift `enum`, a value
/// the server adds later decodes, compares and re-encodes unchanged, so a new Nango release never breaks
/// decoding. Switch on it with a `default` branch.
public protocol OpenEnumeration: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible where RawValue == String
{
    /// Wraps a value.
    init(rawValue: String)
}

extension OpenEnumeration {
    /// Wraps a literal value.
    public init(stringLiteral value: String) {
        self.init(rawValue: value)
    }

    /// Decodes the string.
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The value as Nango spells it.
    public var description: String { rawValue }
}
