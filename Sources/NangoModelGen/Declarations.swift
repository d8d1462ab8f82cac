import Foundation

/// A field's or element's Swift type, before optionality.
indirect enum FieldType: Hashable {
    case string
    case integer
    case number
    case boolean
    /// `format: date-time`: `Date`, read with the SDK's ISO 8601.
    case date
    /// Any JSON (`JSONValue`): what the schema allows anything for, or what the generator cannot express.
    case json
    case array(FieldType)
    /// An object without properties whose values all have one schema.
    case map(FieldType)
    /// A generated type, by its Swift name (unique where it is visible).
    case named(String, NamedKind)
    /// An array element or map value that may be `null`.
    case nullable(FieldType)

    enum NamedKind: Hashable {
        case model
        case stringEnum
        case integerEnum
        case union
        case alias
    }

    /// The Swift spelling.
    var swift: String {
        switch self {
        case .string: return "String"
        case .integer: return "Int"
        case .number: return "Double"
        case .boolean: return "Bool"
        case .date: return "Date"
        case .json: return "JSONValue"
        case .array(let element): return "[\(element.swift)]"
        case .map(let value): return "[String: \(value.swift)]"
        case .named(let name, _): return name
        case .nullable(let wrapped): return "\(wrapped.swift)?"
        }
    }

    /// Whether a date is somewhere inside (other decoders then read `NangoDate`s instead).
    var containsDate: Bool {
        switch self {
        case .date: return true
        case .array(let element): return element.containsDate
        case .map(let value): return value.containsDate
        case .nullable(let wrapped): return wrapped.containsDate
        default: return false
        }
    }

    /// The type other decoders read: `NangoDate` for `Date`, the rest as is.
    var wire: String {
        switch self {
        case .date: return "NangoDate"
        case .array(let element): return "[\(element.wire)]"
        case .map(let value): return "[String: \(value.wire)]"
        case .nullable(let wrapped): return "\(wrapped.wire)?"
        default: return swift
        }
    }

    /// `expression` (of the wire type) as this type.
    func fromWire(_ expression: String) -> String {
        switch self {
        case .date: return "\(expression).date"
        case .array(let element) where element.containsDate: return "\(expression).map { \(element.fromWire("$0")) }"
        case .map(let value) where value.containsDate: return "\(expression).mapValues { \(value.fromWire("$0")) }"
        case .nullable(let wrapped) where wrapped.containsDate: return "\(expression).map { \(wrapped.fromWire("$0")) }"
        default: return expression
        }
    }

    /// `expression` (of this type) as the wire type.
    func toWire(_ expression: String) -> String {
        switch self {
        case .date: return "NangoDate(\(expression))"
        case .array(let element) where element.containsDate: return "\(expression).map { \(element.toWire("$0")) }"
        case .map(let value) where value.containsDate: return "\(expression).mapValues { \(value.toWire("$0")) }"
        case .nullable(let wrapped) where wrapped.containsDate: return "\(expression).map { \(wrapped.toWire("$0")) }"
        default: return expression
        }
    }
}

/// A property of a generated model.
struct FieldDeclaration {
    /// The member's name in JSON.
    var wireName: String
    /// The property's Swift name (unescaped).
    var name: String
    var type: FieldType
    /// Whether the member must be present.
    var required: Bool
    /// Whether the member may be `null`.
    var nullable: Bool
    var documentation: String?
    /// Why the field is `JSONValue` when the schema said more.
    var note: String?

    /// The declared type: `T`, `T?` or `Nullable<T>?`.
    var declaredType: String {
        if type == .json { return required ? "JSONValue" : "JSONValue?" }
        switch (required, nullable) {
        case (true, false): return type.swift
        case (false, true): return "Nullable<\(type.swift)>?"
        default: return "\(type.swift)?"
        }
    }

    /// Whether the initialiser gives the parameter a default (`nil`).
    var hasDefault: Bool { declaredType.hasSuffix("?") }
}

/// A generated type.
indirect enum Declaration {
    case model(ModelDeclaration)
    case enumeration(EnumerationDeclaration)
    case union(UnionDeclaration)
    /// A definition that is a plain type (a string, an array, a map): a `typealias`.
    case alias(name: String, type: FieldType, documentation: String?, note: String?)

    var name: String {
        switch self {
        case .model(let model): return model.name
        case .enumeration(let enumeration): return enumeration.name
        case .union(let union): return union.name
        case .alias(let name, _, _, _): return name
        }
    }
}

/// A struct for an object schema.
struct ModelDeclaration {
    var name: String
    /// The name Nango gives the model (top-level definitions only): the `nangoModelName`.
    var nangoName: String?
    var documentation: String?
    var fields: [FieldDeclaration] = []
    /// Whether unknown members are kept in `additionalFields` (unless the schema says `additionalProperties: false`).
    var keepsUnknownMembers: Bool
    /// The property name of the unknown members.
    var unknownMembersName = "additionalFields"
    /// Types of inline objects, enumerations and unions of its fields.
    var nested: [Declaration] = []
    /// Schema keywords the generator ignored, for a comment.
    var ignoredKeywords: [String] = []
}

/// An open enumeration (`enum` or `const`): a struct with a raw value and a constant per known value, so that an
/// unknown value still decodes.
struct EnumerationDeclaration {
    enum RawType { case string, integer }
    var name: String
    var documentation: String?
    var rawType: RawType
    /// Constant names and raw values (Swift literals).
    var cases: [(name: String, literal: String)]
}

/// An enumeration of alternatives told apart by their JSON kind (`anyOf`/`oneOf`).
struct UnionDeclaration {
    enum Kind: Int, Comparable {
        // The order alternatives are tried in.
        case boolean, integer, number, string, array, object
        static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }
    var name: String
    var documentation: String?
    var cases: [(name: String, type: FieldType, kind: Kind)]
    /// Types of inline alternatives.
    var nested: [Declaration] = []
}
