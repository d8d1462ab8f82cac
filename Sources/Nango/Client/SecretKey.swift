/// A secret (Nango secret key, webhook signing key) that never prints.
///
/// `description`, `debugDescription`, string interpolation and `dump` all show `SecretKey(<redacted>)`.
public struct SecretKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret itself. Internal: only the request pipeline and webhook verification read it.
    let value: String

    /// Wraps a secret.
    public init(_ value: String) {
        self.value = value
    }

    /// Whether the secret is empty (or only white space).
    public var isEmpty: Bool {
        value.allSatisfy(\.isWhitespace)
    }

    /// `SecretKey(<redacted>)`.
    public var description: String { "SecretKey(\(Redaction.placeholder))" }

    /// `SecretKey(<redacted>)`.
    public var debugDescription: String { description }

    /// A mirror with no children, so `dump` shows nothing of the secret.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
