import Foundation

/// A sync, by name, optionally with a variant. A string literal is a sync without a variant:
///
/// ```swift
/// try await nango.triggerSync(providerConfigKey: "hubspot", syncs: ["contacts", .init("deals", variant: "eu")])
/// ```
public struct SyncIdentifier: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The sync's name.
    public var name: String
    /// The variant; `nil` for the base sync.
    public var variant: String?

    /// Names a sync.
    public init(_ name: String, variant: String? = nil) {
        self.name = name
        self.variant = variant
    }

    /// Names a sync without a variant.
    public init(stringLiteral name: String) {
        self.init(name)
    }

    /// `name` or `name::variant`, as `GET /sync/status` spells it.
    public var description: String {
        variant.map { "\(name)::\($0)" } ?? name
    }

    func validate() throws {
        try Validate.identifier(name, "sync name")
        guard !name.contains(","), !name.contains("::") else {
            throw NangoError.invalidArgument("A sync name cannot contain ',' or '::'.")
        }
        if let variant {
            try Validate.identifier(variant, "sync variant")
            guard !variant.contains(",") else { throw NangoError.invalidArgument("A sync variant cannot contain ','.") }
        }
    }

    /// The JSON list of sync bodies: names alone when no variant is given, `{name, variant}` objects otherwise
    /// (the spec's two forms cannot be mixed).
    static func jsonList(_ syncs: [SyncIdentifier]) throws -> JSONValue {
        for sync in syncs { try sync.validate() }
        guard syncs.contains(where: { $0.variant != nil }) else {
            return .array(syncs.map { .string($0.name) })
        }
        return .array(syncs.map { sync in
            var object: [String: JSONValue] = ["name": .string(sync.name)]
            if let variant = sync.variant { object["variant"] = .string(variant) }
            return .object(object)
        })
    }
}

/// Which syncs ``NangoClient/syncStatus(providerConfigKey:syncs:connectionID:)`` reports on.
public enum SyncSelection: Hashable, Sendable, ExpressibleByArrayLiteral {
    /// Every sync of the integration (`*`).
    case all
    /// These syncs (at least one).
    case named([SyncIdentifier])

    /// A list of syncs.
    public init(arrayLiteral elements: SyncIdentifier...) {
        self = .named(elements)
    }
}

/// How ``NangoClient/triggerSync(providerConfigKey:syncs:connectionID:mode:)`` runs the syncs.
public struct SyncTriggerMode: Hashable, Sendable {
    /// Clear the checkpoint and last sync date, so the sync starts from scratch (`opts.reset`).
    public var reset: Bool
    /// Delete the sync's cached records first (`opts.emptyCache`); requires ``reset``.
    public var emptyCache: Bool

    /// Creates a mode.
    public init(reset: Bool, emptyCache: Bool = false) {
        self.reset = reset
        self.emptyCache = emptyCache
    }

    /// Continue from the last checkpoint (the default).
    public static let incremental = SyncTriggerMode(reset: false)
    /// Start over from scratch, keeping cached records (`{"reset": true}`).
    public static let fullRefresh = SyncTriggerMode(reset: true)
    /// Start over from scratch and delete cached records (`{"reset": true, "emptyCache": true}`).
    public static let fullRefreshAndClearCache = SyncTriggerMode(reset: true, emptyCache: true)
}

/// A sync's state. An open set.
public struct SyncState: OpenEnumeration {
    /// The state as Nango spells it.
    public let rawValue: String

    /// Wraps a state.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `RUNNING`.
    public static let running: SyncState = "RUNNING"
    /// `PAUSED`.
    public static let paused: SyncState = "PAUSED"
    /// `STOPPED`.
    public static let stopped: SyncState = "STOPPED"
    /// `SUCCESS`: the last run succeeded.
    public static let success: SyncState = "SUCCESS"
    /// `ERROR`: the last run failed.
    public static let error: SyncState = "ERROR"
}

/// The type of a sync run (deprecated by Nango). An open set.
public struct SyncRunType: OpenEnumeration {
    /// The type as Nango spells it.
    public let rawValue: String

    /// Wraps a type.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `INCREMENTAL`.
    public static let incremental: SyncRunType = "INCREMENTAL"
    /// `INITIAL`.
    public static let initial: SyncRunType = "INITIAL"
}

/// Checks a sync frequency in Nango's notation: an optional `every`, then an amount and a unit in the notation of
/// the `ms` library (`30 minutes`, `2h`, `1.5 days`) or a unit alone (`hour`, `day`). At least 30 seconds.
enum SyncFrequency {
    static func validate(_ text: String) throws {
        guard let milliseconds = parse(text) else {
            throw NangoError.invalidArgument(
                "The frequency \"\(text)\" is not valid: use an amount and a unit such as \"every 30 minutes\" or \"2h\"."
            )
        }
        guard milliseconds >= 30_000 else {
            throw NangoError.invalidArgument("The frequency \"\(text)\" is shorter than Nango's minimum of 30 seconds.")
        }
    }

    static func parse(_ text: String) -> Double? {
        var rest = text.trimmingCharacters(in: .whitespaces).lowercased()
        if rest.hasPrefix("every ") { rest = String(rest.dropFirst(6)).trimmingCharacters(in: .whitespaces) }
        guard !rest.isEmpty else { return nil }
        let numberEnd = rest.firstIndex { !($0.isNumber || $0 == ".") } ?? rest.endIndex
        let numberText = String(rest[..<numberEnd])
        let unit = rest[numberEnd...].trimmingCharacters(in: .whitespaces)
        let amount: Double
        if numberText.isEmpty {
            amount = 1
        } else {
            guard let value = Double(numberText), value.isFinite, value > 0 else { return nil }
            amount = value
        }
        let factor: Double
        switch unit {
        case "ms", "msec", "msecs", "millisecond", "milliseconds": factor = 1
        case "s", "sec", "secs", "second", "seconds": factor = 1000
        case "m", "min", "mins", "minute", "minutes": factor = 60_000
        case "h", "hr", "hrs", "hour", "hours": factor = 3_600_000
        case "d", "day", "days": factor = 86_400_000
        case "w", "week", "weeks": factor = 604_800_000
        case "y", "yr", "yrs", "year", "years": factor = 31_557_600_000
        case "" where !numberText.isEmpty: factor = 1
        default: return nil
        }
        return amount * factor
    }
}
