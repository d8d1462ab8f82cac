extension ConnectionError {
    /// The kind of a connection error. An open set.
    public struct Kind: OpenEnumeration {
        /// The kind as Nango spells it.
        public let rawValue: String

        /// Wraps a kind.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// `auth`: the connection's credentials are invalid.
        public static let auth: Kind = "auth"
        /// `sync`: the connection's last sync failed.
        public static let sync: Kind = "sync"
    }
}
