import Foundation

/// Writes declarations as Swift source, in the shape of the SDK's own generated models: a memberwise
/// initialiser, coding keys back to the wire names, `init(from:)` that reads straight from the SDK's parsed JSON
/// (``NangoModelReader``) and through a keyed container for any other decoder, and `encode(to:)`.
struct SwiftEmitter {
    /// `public` or `internal` (written as nothing).
    var access: String
    private var lines: [String] = []

    init(access: String) {
        self.access = access
    }

    /// The declarations as one file's text after `header` lines.
    static func file(
        header: [String], declarations: [Declaration], extra: [String], access: ModelGenerator.Access,
        namespace: String?
    ) -> String {
        var emitter = SwiftEmitter(access: access == .public ? "public " : "")
        emitter.lines = header
        let importAccess = access == .public ? "public " : ""
        // Foundation only for `Date`: an import nothing uses would be a warning in the user's target.
        emitter.lines += [""]
        if declarations.contains(where: usesDate) { emitter.lines.append("\(importAccess)import Foundation") }
        emitter.lines += [
            "\(importAccess)import Nango",
            "",
            "// The version of the SDK surface this code calls: it fails to compile with this name if the SDK has changed.",
            "private typealias NangoModelSurface = NangoModelSurfaceV1",
            "",
        ]
        let indent = namespace == nil ? "" : "    "
        if let namespace {
            emitter.lines.append("/// The models of one schema file.")
            emitter.lines.append("\(emitter.access)enum \(namespace) {")
        }
        for (index, declaration) in declarations.enumerated() {
            if index > 0 { emitter.lines.append("") }
            emitter.emit(declaration, indent: indent)
        }
        if !extra.isEmpty {
            emitter.lines.append("")
            emitter.lines += extra.map { $0.isEmpty ? $0 : indent + $0 }
        }
        if namespace != nil { emitter.lines.append("}") }
        return emitter.lines.joined(separator: "\n") + "\n"
    }

    /// Whether a declaration (or one nested in it) has a `Date`.
    static func usesDate(_ declaration: Declaration) -> Bool {
        switch declaration {
        case .model(let model):
            return model.fields.contains { $0.type.containsDate } || model.nested.contains(where: usesDate)
        case .enumeration:
            return false
        case .union(let union):
            return union.cases.contains { $0.type.containsDate } || union.nested.contains(where: usesDate)
        case .alias(_, let type, _, _):
            return type.containsDate
        }
    }

    private mutating func emit(_ declaration: Declaration, indent: String) {
        switch declaration {
        case .model(let model): emit(model, indent: indent)
        case .enumeration(let enumeration): emit(enumeration, indent: indent)
        case .union(let union): emit(union, indent: indent)
        case .alias(let name, let type, let documentation, let note):
            lines += Naming.docComment(documentation ?? "A definition of the schema.", indent: indent)
            if let note { lines.append("\(indent)/// - Note: JSON, because \(note).") }
            lines.append("\(indent)\(access)typealias \(name) = \(type.swift)")
        }
    }

    // MARK: - Models

    private mutating func emit(_ model: ModelDeclaration, indent: String) {
        let inner = indent + "    "
        let body = inner + "    "
        lines += Naming.docComment(
            model.documentation ?? model.nangoName.map { "The `\($0)` model." } ?? "An object the schema declares inline.",
            indent: indent
        )
        if !model.ignoredKeywords.isEmpty {
            lines.append("\(indent)///")
            lines.append("\(indent)/// - Note: The schema's \(model.ignoredKeywords.joined(separator: ", ")) are not checked when decoding.")
        }
        let conformance = model.nangoName == nil ? "Codable, Hashable, Sendable" : "NangoModel"
        lines.append("\(indent)\(access)struct \(model.name): \(conformance) {")
        if let nangoName = model.nangoName {
            lines.append("\(inner)/// The model's name in the integration.")
            lines.append("\(inner)\(access)static let nangoModelName = \(Naming.literal(nangoName))")
            lines.append("")
        }
        for field in model.fields {
            lines += Naming.docComment(field.documentation ?? "The `\(field.wireName)` member.", indent: inner)
            if let note = field.note {
                lines.append("\(inner)///")
                lines.append("\(inner)/// - Note: JSON, because \(note).")
            }
            lines.append("\(inner)\(access)var \(Naming.escaped(field.name)): \(field.declaredType)")
        }
        if model.keepsUnknownMembers {
            lines.append("\(inner)/// Members the schema does not declare, kept so that they survive a decode and encode.")
            lines.append("\(inner)\(access)var \(model.unknownMembersName): [String: JSONValue]")
        }

        // The memberwise initialiser.
        lines.append("")
        lines.append("\(inner)/// Creates a value.")
        var parameters = model.fields.map { field in
            "\(Naming.escaped(field.name)): \(field.declaredType)\(field.hasDefault ? " = nil" : "")"
        }
        if model.keepsUnknownMembers { parameters.append("\(model.unknownMembersName): [String: JSONValue] = [:]") }
        if parameters.isEmpty {
            lines.append("\(inner)\(access)init() {")
        } else {
            lines.append("\(inner)\(access)init(")
            lines += parameters.enumerated().map { "\(body)\($1)\($0 < parameters.count - 1 ? "," : "")" }
            lines.append("\(inner)) {")
        }
        for field in model.fields {
            lines.append("\(body)self.\(Naming.escaped(field.name)) = \(Naming.escaped(field.name))")
        }
        if model.keepsUnknownMembers {
            lines.append("\(body)self.\(model.unknownMembersName) = \(model.unknownMembersName)")
        }
        lines.append("\(inner)}")

        // Coding keys and the field table.
        lines.append("")
        if model.fields.isEmpty {
            lines.append("\(inner)private enum CodingKeys: CodingKey {}")
        } else {
            lines.append("\(inner)private enum CodingKeys: String, CodingKey {")
            for field in model.fields {
                let name = Naming.escaped(field.name)
                lines.append(field.name == field.wireName
                    ? "\(body)case \(name)"
                    : "\(body)case \(name) = \(Naming.literal(field.wireName))")
            }
            lines.append("\(inner)}")
        }
        let names = model.fields.map { Naming.literal($0.wireName) }.joined(separator: ", ")
        lines.append("")
        lines.append("\(inner)private static let nangoFields = NangoModelFields([\(names)])")

        emitDecoding(model, inner: inner, body: body)
        emitEncoding(model, inner: inner, body: body)

        for nested in model.nested {
            lines.append("")
            emit(nested, indent: inner)
        }
        lines.append("\(indent)}")
    }

    private mutating func emitDecoding(_ model: ModelDeclaration, inner: String, body: String) {
        let deeper = body + "    "
        lines.append("")
        lines.append("\(inner)/// Decodes a value: straight from the SDK's parsed JSON, or through a keyed container for other decoders.")
        lines.append("\(inner)\(access)init(from decoder: any Decoder) throws {")
        lines.append("\(body)if let reader = try NangoModelReader(decoder, fields: Self.nangoFields, decoding: Self.self) {")
        for (number, field) in model.fields.enumerated() {
            let target = "self.\(Naming.escaped(field.name))"
            if field.required, field.nullable, field.type != .json {
                lines.append("\(deeper)try reader.requirePresence(\(number))")
            }
            lines.append("\(deeper)\(target) = \(readerExpression(field, number))")
        }
        if model.keepsUnknownMembers {
            lines.append("\(deeper)self.\(model.unknownMembersName) = try reader.unknownMembers()")
        }
        lines.append("\(body)} else {")
        if !model.fields.isEmpty {
            lines.append("\(deeper)let container = try decoder.container(keyedBy: CodingKeys.self)")
        } else if !model.keepsUnknownMembers {
            lines.append("\(deeper)_ = try decoder.container(keyedBy: CodingKeys.self)")
        }
        for field in model.fields {
            lines.append("\(deeper)self.\(Naming.escaped(field.name)) = \(keyedExpression(field))")
        }
        if model.keepsUnknownMembers {
            lines.append("\(deeper)self.\(model.unknownMembersName) = try decoder.nangoUnknownMembers(excluding: Self.nangoFields)")
        }
        lines.append("\(body)}")
        lines.append("\(inner)}")
    }

    /// How the reader reads a field.
    private func readerExpression(_ field: FieldDeclaration, _ number: Int) -> String {
        let type = field.type
        if type == .json { return field.required ? "try reader.json(\(number))" : "try reader.jsonIfPresent(\(number))" }
        if !field.required && field.nullable {
            return "try reader.nullable(\(number), as: \(type.swift).self)"
        }
        let optional = !field.required || field.nullable
        let scalar: String? = switch type {
        case .string: "string"
        case .integer: "int"
        case .number: "double"
        case .boolean: "bool"
        case .date: "date"
        default: nil
        }
        if let scalar { return "try reader.\(scalar)\(optional ? "IfPresent" : "")(\(number))" }
        if case .named(let name, .stringEnum) = type {
            return optional
                ? "try reader.stringIfPresent(\(number)).map(\(name).init(rawValue:))"
                : "\(name)(rawValue: try reader.string(\(number)))"
        }
        if case .named(let name, .integerEnum) = type {
            return optional
                ? "try reader.intIfPresent(\(number)).map(\(name).init(rawValue:))"
                : "\(name)(rawValue: try reader.int(\(number)))"
        }
        return "try reader.decode\(optional ? "IfPresent" : "")(\(number), as: \(type.swift).self)"
    }

    /// How a keyed container reads a field.
    private func keyedExpression(_ field: FieldDeclaration) -> String {
        let type = field.type
        let key = ".\(Naming.escaped(field.name))"
        if type == .json {
            return field.required
                ? "try container.decode(JSONValue.self, forKey: \(key))"
                : "try container.decodeIfPresent(JSONValue.self, forKey: \(key))"
        }
        let wire = "\(type.wire).self"
        let converted = type.containsDate
        switch (field.required, field.nullable) {
        case (true, false):
            return type.fromWire("try container.decode(\(wire), forKey: \(key))")
        case (false, false):
            let read = "try container.decodeIfPresent(\(wire), forKey: \(key))"
            return converted ? "\(read).map { \(type.fromWire("$0")) }" : read
        case (true, true):
            let read = "try container.decodeRequiredNullable(\(wire), forKey: \(key))"
            return converted ? "\(read).map { \(type.fromWire("$0")) }" : read
        case (false, true):
            let read = "try container.decodeNullable(\(wire), forKey: \(key))"
            return converted ? "\(read).map { $0.map { \(type.fromWire("$0")) } }" : read
        }
    }

    private mutating func emitEncoding(_ model: ModelDeclaration, inner: String, body: String) {
        lines.append("")
        lines.append("\(inner)/// Encodes the value with the schema's member names.")
        lines.append("\(inner)\(access)func encode(to encoder: any Encoder) throws {")
        if !model.fields.isEmpty {
            lines.append("\(body)var container = encoder.container(keyedBy: CodingKeys.self)")
        } else if !model.keepsUnknownMembers {
            lines.append("\(body)_ = encoder.container(keyedBy: CodingKeys.self)")
        }
        for field in model.fields {
            let name = "self.\(Naming.escaped(field.name))"
            let key = ".\(Naming.escaped(field.name))"
            let type = field.type
            let converted = type.containsDate
            if type == .json {
                lines.append(field.required
                    ? "\(body)try container.encode(\(name), forKey: \(key))"
                    : "\(body)try container.encodeIfPresent(\(name), forKey: \(key))")
                continue
            }
            switch (field.required, field.nullable) {
            case (true, false):
                lines.append("\(body)try container.encode(\(type.toWire(name)), forKey: \(key))")
            case (false, false):
                let value = converted ? "\(name).map { \(type.toWire("$0")) }" : name
                lines.append("\(body)try container.encodeIfPresent(\(value), forKey: \(key))")
            case (true, true):
                let value = converted ? "\(name).map { \(type.toWire("$0")) }" : name
                lines.append("\(body)try container.encodeRequiredNullable(\(value), forKey: \(key))")
            case (false, true):
                let value = converted ? "\(name).map { $0.map { \(type.toWire("$0")) } }" : name
                lines.append("\(body)try container.encodeIfPresent(\(value), forKey: \(key))")
            }
        }
        if model.keepsUnknownMembers {
            lines.append("\(body)try encoder.encodeNangoUnknownMembers(self.\(model.unknownMembersName))")
        }
        lines.append("\(inner)}")
    }

    // MARK: - Enumerations and unions

    private mutating func emit(_ enumeration: EnumerationDeclaration, indent: String) {
        let inner = indent + "    "
        let body = inner + "    "
        lines += Naming.docComment(enumeration.documentation ?? "The values of `\(enumeration.name)`.", indent: indent)
        lines.append("\(indent)///")
        lines.append("\(indent)/// An open set: a value the schema does not list still decodes (as its raw value).")
        switch enumeration.rawType {
        case .string:
            lines.append("\(indent)\(access)struct \(enumeration.name): OpenEnumeration {")
            lines.append("\(inner)/// The value as sent.")
            lines.append("\(inner)\(access)let rawValue: String")
            lines.append("")
            lines.append("\(inner)/// Wraps a value.")
            lines.append("\(inner)\(access)init(rawValue: String) {")
            lines.append("\(body)self.rawValue = rawValue")
            lines.append("\(inner)}")
        case .integer:
            lines.append("\(indent)\(access)struct \(enumeration.name): RawRepresentable, Codable, Hashable, Sendable {")
            lines.append("\(inner)/// The value as sent.")
            lines.append("\(inner)\(access)let rawValue: Int")
            lines.append("")
            lines.append("\(inner)/// Wraps a value.")
            lines.append("\(inner)\(access)init(rawValue: Int) {")
            lines.append("\(body)self.rawValue = rawValue")
            lines.append("\(inner)}")
            lines.append("")
            lines.append("\(inner)/// Decodes the integer.")
            lines.append("\(inner)\(access)init(from decoder: any Decoder) throws {")
            lines.append("\(body)self.rawValue = try decoder.singleValueContainer().decode(Int.self)")
            lines.append("\(inner)}")
            lines.append("")
            lines.append("\(inner)/// Encodes the integer.")
            lines.append("\(inner)\(access)func encode(to encoder: any Encoder) throws {")
            lines.append("\(body)var container = encoder.singleValueContainer()")
            lines.append("\(body)try container.encode(rawValue)")
            lines.append("\(inner)}")
        }
        for (name, literal) in enumeration.cases {
            lines.append("")
            lines.append("\(inner)/// \(literal.replacingOccurrences(of: "\\", with: "\\\\"))")
            lines.append("\(inner)\(access)static let \(Naming.escaped(name)) = \(enumeration.name)(rawValue: \(literal))")
        }
        lines.append("\(indent)}")
    }

    private mutating func emit(_ union: UnionDeclaration, indent: String) {
        let inner = indent + "    "
        let body = inner + "    "
        lines += Naming.docComment(union.documentation ?? "One of several alternatives, told apart by their JSON kind.", indent: indent)
        lines.append("\(indent)\(access)indirect enum \(union.name): Codable, Hashable, Sendable {")
        for (name, type, _) in union.cases {
            lines.append("\(inner)/// The \(type.swift) alternative.")
            lines.append("\(inner)case \(Naming.escaped(name))(\(type.swift))")
        }
        lines.append("")
        lines.append("\(inner)/// Decodes the first alternative of the value's JSON kind.")
        lines.append("\(inner)\(access)init(from decoder: any Decoder) throws {")
        lines.append("\(body)let container = try decoder.singleValueContainer()")
        for (name, type, _) in union.cases.sorted(by: { $0.kind < $1.kind }) {
            lines.append("\(body)if let value = try? container.decode(\(type.wire).self) {")
            lines.append("\(body)    self = .\(Naming.escaped(name))(\(type.fromWire("value")))")
            lines.append("\(body)    return")
            lines.append("\(body)}")
        }
        let expected = union.cases.map { $0.type.swift }.joined(separator: ", ")
        lines.append("\(body)throw DecodingError.typeMismatch(Self.self, DecodingError.Context(")
        lines.append("\(body)    codingPath: decoder.codingPath, debugDescription: \(Naming.literal("Expected one of: \(expected)."))")
        lines.append("\(body)))")
        lines.append("\(inner)}")
        lines.append("")
        lines.append("\(inner)/// Encodes the alternative's value.")
        lines.append("\(inner)\(access)func encode(to encoder: any Encoder) throws {")
        lines.append("\(body)var container = encoder.singleValueContainer()")
        lines.append("\(body)switch self {")
        for (name, type, _) in union.cases {
            lines.append("\(body)case .\(Naming.escaped(name))(let value): try container.encode(\(type.toWire("value")))")
        }
        lines.append("\(body)}")
        lines.append("\(inner)}")
        for nested in union.nested {
            lines.append("")
            emit(nested, indent: inner)
        }
        lines.append("\(indent)}")
    }
}
