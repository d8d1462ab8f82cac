import Foundation

/// Turns JSON Schema (draft-07, as Nango writes an integration's models) into declarations: one model per
/// definition, inline objects as nested types, `$ref`s resolved to the definitions' Swift names.
struct SchemaTranslator {
    /// The definitions, in order, with their Swift names.
    private(set) var definitions: [(name: String, schema: SchemaValue, swiftName: String)] = []
    private var swiftNames: [String: String] = [:]
    /// Every top-level Swift name (nested types may not shadow one).
    private var topLevelNames: Set<String> = []
    /// The kind of each top-level type, by Swift name.
    private var kinds: [String: FieldType.NamedKind] = [:]
    /// The Nango name of definitions whose key is not it (scripts of several integrations).
    private let nangoNames: [String: String]

    /// Prepares the names of `definitions` (Nango name → schema), in order: colliding names get a number, names
    /// of the standard library's or the SDK's types a `Model` suffix; `names` gives some their Swift name, and
    /// `nangoNames` their Nango name when it is not their key.
    init(
        definitions: [(name: String, schema: SchemaValue)], names: [String: String] = [:], nangoNames: [String: String] = [:]
    ) {
        self.nangoNames = nangoNames
        var taken = Naming.reservedTypes
        for (name, schema) in definitions {
            let swiftName: String
            if let given = names[name] {
                swiftName = given
                taken.insert(given)
            } else {
                var base = Naming.typeName(name)
                if Naming.reservedTypes.contains(base) || Naming.keywords.contains(base) { base += "Model" }
                swiftName = Naming.unique(base, in: &taken)
            }
            self.definitions.append((name, schema, swiftName))
            swiftNames[name] = swiftName
            topLevelNames.insert(swiftName)
            kinds[swiftName] = Self.kind(of: schema)
        }
    }

    /// The Swift name of a definition.
    func swiftName(of definition: String) -> String? { swiftNames[definition] }

    /// What a top-level definition becomes.
    private static func kind(of schema: SchemaValue) -> FieldType.NamedKind {
        var values = schema["enum"]?.array ?? schema["const"].map { [$0] }
        if values == nil, let alternatives = (schema["anyOf"] ?? schema["oneOf"])?.array {
            // A union of literals is one enumeration.
            let literals = alternatives.filter { !isNull($0) }.map { $0["enum"]?.array ?? $0["const"].map { [$0] } }
            if !literals.isEmpty, literals.allSatisfy({ $0 != nil }) { values = literals.flatMap { $0 ?? [] } }
        }
        if let values {
            let nonNull = values.filter { $0 != .null }
            if !nonNull.isEmpty, nonNull.allSatisfy({ $0.string != nil }) { return .stringEnum }
            if !nonNull.isEmpty, nonNull.allSatisfy(isInteger) { return .integerEnum }
            return .alias
        }
        if isObjectModel(schema) { return .model }
        if let alternatives = (schema["anyOf"] ?? schema["oneOf"])?.array, alternatives.filter({ !isNull($0) }).count > 1 {
            return .union
        }
        return .alias
    }

    /// Whether a schema is an object with properties (a struct), rather than a map or anything else.
    static func isObjectModel(_ schema: SchemaValue) -> Bool {
        guard let properties = schema["properties"]?.members, !properties.isEmpty else { return false }
        let types = typeNames(schema)
        return types.isEmpty || types.contains("object")
    }

    static func typeNames(_ schema: SchemaValue) -> [String] {
        if let single = schema["type"]?.string { return [single] }
        return schema["type"]?.array?.compactMap(\.string) ?? []
    }

    static func isNull(_ schema: SchemaValue) -> Bool {
        typeNames(schema) == ["null"] || schema["const"] == .null
    }

    static func isInteger(_ value: SchemaValue) -> Bool {
        guard case .number(let text) = value else { return false }
        return Int(text) != nil
    }

    // MARK: - Definitions

    /// The declarations of every definition, in order; direct recursion (a model holding itself other than
    /// through an array or a map) is broken by making that field `JSONValue`.
    func declarations() -> [Declaration] {
        var declarations = definitions.map { definition in
            declaration(of: definition.schema, name: definition.swiftName, nangoName: nangoNames[definition.name] ?? definition.name)
        }
        breakDirectRecursion(&declarations)
        return declarations
    }

    private func declaration(of schema: SchemaValue, name: String, nangoName: String) -> Declaration {
        var scope = Scope(taken: topLevelNames.union(Naming.reservedTypes), owner: name)
        if Self.kind(of: schema) == .model {
            return .model(model(schema, name: name, nangoName: nangoName, scope: &scope))
        }
        // An enumeration or a union is declared under the definition's name.
        var trial = scope
        var trialNotes: [String] = []
        let named = resolve(schema, suggested: name, scope: &trial, notes: &trialNotes, asTopLevel: name)
        if case .named(let resolvedName, let kind) = named.type, resolvedName == name, kind != .model,
           let declaration = trial.nested.first(where: { $0.name == name }) {
            return declaration
        }
        var notes: [String] = []
        let resolved = resolve(schema, suggested: name + "Value", scope: &scope, notes: &notes, asTopLevel: nil)
        // An alias cannot hold nested types: what it needed is made JSON instead.
        let type = scope.nested.isEmpty ? resolved.type : .json
        if !scope.nested.isEmpty { notes.append("its inline types need a model of their own") }
        return .alias(
            name: name, type: type, documentation: schema["description"]?.string,
            note: notes.isEmpty ? nil : notes.joined(separator: "; ")
        )
    }

    /// Names taken where a nested type is declared, and the nested types made there.
    struct Scope {
        var taken: Set<String>
        var owner: String
        var nested: [Declaration] = []

        /// A name for a nested type of `base`'s spelling: `base` unless taken (by a top-level type, an enclosing
        /// type or a sibling), else the owner's name before it, else numbered.
        mutating func nestedName(_ base: String) -> String {
            if !taken.contains(base) {
                taken.insert(base)
                return base
            }
            return Naming.unique(owner + base, in: &taken)
        }
    }

    private func model(_ schema: SchemaValue, name: String, nangoName: String?, scope: inout Scope) -> ModelDeclaration {
        let additional = schema["additionalProperties"]
        var model = ModelDeclaration(
            name: name, nangoName: nangoName, documentation: schema["description"]?.string,
            keepsUnknownMembers: additional != .bool(false)
        )
        let ignored = ["allOf", "not", "if", "then", "else", "patternProperties", "dependencies", "propertyNames"]
        model.ignoredKeywords = ignored.filter { schema[$0] != nil }
        let required = Set(schema["required"]?.array?.compactMap(\.string) ?? [])
        // Member names: reserved ones, and the unknown members' property, are taken first.
        var memberNames = Naming.reservedMembers
        var inner = Scope(taken: scope.taken.union([name]), owner: name)
        var fields: [FieldDeclaration] = []
        for (wireName, propertySchema) in schema["properties"]?.members ?? [] {
            let base = Naming.memberName(wireName)
            var notes: [String] = []
            let resolved = resolve(propertySchema, suggested: Naming.typeName(wireName), scope: &inner, notes: &notes, asTopLevel: nil)
            fields.append(FieldDeclaration(
                wireName: wireName, name: base, type: resolved.type, required: required.contains(wireName),
                nullable: resolved.nullable, documentation: propertySchema["description"]?.string,
                note: notes.isEmpty ? nil : notes.joined(separator: "; ")
            ))
        }
        // Fields keep their natural names in order (a schema's first `first_name` keeps `firstName`, a later
        // `firstName` is numbered); the unknown members' property comes after them.
        for index in fields.indices {
            fields[index].name = Naming.unique(fields[index].name, in: &memberNames)
        }
        if model.keepsUnknownMembers {
            model.unknownMembersName = Naming.unique("additionalFields", in: &memberNames)
        }
        model.fields = fields
        model.nested = inner.nested
        return model
    }

    private func enumeration(_ schema: SchemaValue, name: String) -> EnumerationDeclaration? {
        let values = (schema["enum"]?.array ?? schema["const"].map { [$0] } ?? []).filter { $0 != .null }
        var taken: Set<String> = Naming.reservedMembers.union(["rawValue", "description", "allCases"])
        if !values.isEmpty, values.allSatisfy({ $0.string != nil }) {
            var seen: Set<String> = []
            let cases = values.compactMap(\.string).filter { seen.insert($0).inserted }.map { value in
                (Naming.unique(Self.caseName(value), in: &taken), Naming.literal(value))
            }
            return EnumerationDeclaration(name: name, documentation: schema["description"]?.string, rawType: .string, cases: cases)
        }
        if !values.isEmpty, values.allSatisfy(Self.isInteger) {
            var seen: Set<String> = []
            let cases = values.compactMap { value -> String? in
                guard case .number(let text) = value, let integer = Int(text) else { return nil }
                return String(integer)
            }.filter { seen.insert($0).inserted }.map { text in
                (Naming.unique(text.hasPrefix("-") ? "minus\(text.dropFirst())" : "value\(text)", in: &taken), text)
            }
            return EnumerationDeclaration(name: name, documentation: schema["description"]?.string, rawType: .integer, cases: cases)
        }
        return nil
    }

    static func caseName(_ value: String) -> String {
        let name = Naming.memberName(value)
        if name == "value", Naming.words(value).isEmpty { return "empty" }
        return name
    }

    // MARK: - Types

    /// The Swift type of `schema` and whether it admits `null`; inline objects, enumerations and unions become
    /// nested types of `scope` named from `suggested` (or, for a top-level union, `asTopLevel`).
    private func resolve(
        _ schema: SchemaValue, suggested: String, scope: inout Scope, notes: inout [String], asTopLevel: String?
    ) -> (type: FieldType, nullable: Bool) {
        // `true` and `{}` allow anything.
        guard case .object = schema else {
            if schema != .bool(true) { notes.append("its schema is not an object") }
            return (.json, true)
        }
        if let reference = schema["$ref"]?.string {
            guard let definition = Self.definitionName(reference), let swiftName = swiftNames[definition],
                  let kind = kinds[swiftName] else {
                notes.append("its $ref \(reference) names no definition")
                return (.json, true)
            }
            return (.named(swiftName, kind), false)
        }
        if let all = schema["allOf"]?.array {
            if all.count == 1 { return resolve(all[0], suggested: suggested, scope: &scope, notes: &notes, asTopLevel: asTopLevel) }
            notes.append("allOf is not supported")
            return (.json, true)
        }
        if schema["enum"] != nil || schema["const"] != nil {
            let values = schema["enum"]?.array ?? schema["const"].map { [$0] } ?? []
            let nullable = values.contains(.null)
            let name = asTopLevel ?? scope.nestedName(suggested)
            guard let enumeration = enumeration(schema, name: name) else {
                if asTopLevel == nil { scope.taken.remove(name) }
                notes.append("its enum mixes kinds of values")
                return (.json, true)
            }
            scope.nested.append(.enumeration(enumeration))
            return (.named(name, enumeration.rawType == .string ? .stringEnum : .integerEnum), nullable)
        }
        if let alternatives = (schema["anyOf"] ?? schema["oneOf"])?.array {
            return union(alternatives, schema: schema, suggested: suggested, scope: &scope, notes: &notes, asTopLevel: asTopLevel)
        }
        var types = Self.typeNames(schema)
        let nullable = types.contains("null")
        types.removeAll { $0 == "null" }
        if types.count > 1 {
            // `["string", "integer"]`: the same as an anyOf of those types.
            let alternatives = types.map { type -> SchemaValue in
                var members = schema.members?.filter { $0.key != "type" } ?? []
                members.append(("type", .string(type)))
                return .object(members)
            }
            let resolved = union(alternatives, schema: schema, suggested: suggested, scope: &scope, notes: &notes, asTopLevel: asTopLevel)
            return (resolved.type, resolved.nullable || nullable)
        }
        let type = types.first ?? (schema["properties"] != nil ? "object" : schema["items"] != nil ? "array" : nil)
        switch type {
        case "string":
            return (schema["format"]?.string == "date-time" ? .date : .string, nullable)
        case "integer":
            return (.integer, nullable)
        case "number":
            return (.number, nullable)
        case "boolean":
            return (.boolean, nullable)
        case "array":
            guard let items = schema["items"] else { return (.array(.json), nullable) }
            if case .array = items {
                notes.append("tuple arrays are read as JSON")
                return (.array(.json), nullable)
            }
            let element = resolve(items, suggested: suggested + "Item", scope: &scope, notes: &notes, asTopLevel: nil)
            return (.array(Self.elementType(element)), nullable)
        case "object":
            if Self.isObjectModel(schema) {
                let name = scope.nestedName(suggested)
                let nested = model(schema, name: name, nangoName: nil, scope: &scope)
                scope.nested.append(.model(nested))
                return (.named(name, .model), nullable)
            }
            if let additional = schema["additionalProperties"], case .object = additional {
                let value = resolve(additional, suggested: suggested + "Value", scope: &scope, notes: &notes, asTopLevel: nil)
                return (.map(Self.elementType(value)), nullable)
            }
            return (.map(.json), nullable)
        case nil:
            return (.json, true)
        case "null":
            return (.json, true)
        default:
            notes.append("its type \(type ?? "") is unknown")
            return (.json, true)
        }
    }

    /// An `anyOf`/`oneOf`: `null` alternatives make it nullable; one other alternative is that alternative;
    /// several told apart by JSON kind become a union; others `JSONValue`.
    private func union(
        _ alternatives: [SchemaValue], schema: SchemaValue, suggested: String, scope: inout Scope,
        notes: inout [String], asTopLevel: String?
    ) -> (type: FieldType, nullable: Bool) {
        let nullable = alternatives.contains(where: Self.isNull)
        let others = alternatives.filter { !Self.isNull($0) }
        if others.isEmpty { return (.json, true) }
        if others.count == 1 {
            let single = resolve(others[0], suggested: suggested, scope: &scope, notes: &notes, asTopLevel: asTopLevel)
            return (single.type, single.nullable || nullable)
        }
        // Alternatives that are all constants or enumerations (zod's union of literals): one enumeration.
        let literals = others.map { alternative in alternative["enum"]?.array ?? alternative["const"].map { [$0] } }
        if literals.allSatisfy({ $0 != nil }) {
            var members: [(key: String, value: SchemaValue)] = [("enum", .array(literals.flatMap { $0 ?? [] }))]
            if let description = schema["description"] { members.append(("description", description)) }
            let merged = resolve(.object(members), suggested: suggested, scope: &scope, notes: &notes, asTopLevel: asTopLevel)
            return (merged.type, merged.nullable || nullable)
        }
        // `integer | number` is a number.
        let simpleTypes = others.map { Self.typeNames($0) }
        if others.allSatisfy({ $0.members?.count == 1 }), Set(simpleTypes) == [["integer"], ["number"]] {
            return (.number, nullable)
        }
        // Resolve each alternative into a scratch scope, so that an undecidable union leaves no nested types.
        let name = asTopLevel ?? scope.nestedName(suggested)
        var inner = Scope(taken: scope.taken.union([name]), owner: name)
        var cases: [(name: String, type: FieldType, kind: UnionDeclaration.Kind)] = []
        var kinds: Set<UnionDeclaration.Kind> = []
        var caseNames: Set<String> = Naming.reservedMembers
        var alternativeNotes: [String] = []
        for (index, alternative) in others.enumerated() {
            let resolved = resolve(alternative, suggested: "Option\(index + 1)", scope: &inner, notes: &alternativeNotes, asTopLevel: nil)
            guard let kind = Self.unionKind(resolved.type), kinds.insert(kind).inserted,
                  !(kind == .integer && kinds.contains(.number)), !(kind == .number && kinds.contains(.integer)) else {
                if asTopLevel == nil { scope.taken.remove(name) }
                notes.append("its alternatives (anyOf/oneOf) cannot be told apart by their JSON kind")
                return (.json, true)
            }
            cases.append((Naming.unique(Self.caseName(for: resolved.type), in: &caseNames), resolved.type, kind))
        }
        // The alternatives' own nested types are the union's.
        let union = UnionDeclaration(
            name: name, documentation: schema["description"]?.string, cases: cases, nested: inner.nested
        )
        scope.nested.append(.union(union))
        return (.named(name, .union), nullable)
    }

    /// An array element's or map value's type: optional when it may be `null` (JSON holds `null` itself).
    private static func elementType(_ resolved: (type: FieldType, nullable: Bool)) -> FieldType {
        resolved.nullable && resolved.type != .json ? .nullable(resolved.type) : resolved.type
    }

    private static func unionKind(_ type: FieldType) -> UnionDeclaration.Kind? {
        switch type {
        case .nullable: return nil
        case .string, .date, .named(_, .stringEnum): return .string
        case .integer, .named(_, .integerEnum): return .integer
        case .number: return .number
        case .boolean: return .boolean
        case .array: return .array
        case .map, .named(_, .model): return .object
        case .json, .named(_, .union), .named(_, .alias): return nil
        }
    }

    private static func caseName(for type: FieldType) -> String {
        switch type {
        case .string: return "string"
        case .date: return "date"
        case .integer: return "integer"
        case .number: return "number"
        case .boolean: return "bool"
        case .json: return "json"
        case .array(let element): return caseName(for: element) + "s"
        case .map: return "object"
        case .named(let name, _): return Naming.memberName(name)
        case .nullable(let wrapped): return caseName(for: wrapped)
        }
    }

    /// `X` of `#/definitions/X` or `#/$defs/X`.
    static func definitionName(_ reference: String) -> String? {
        for prefix in ["#/definitions/", "#/$defs/"] where reference.hasPrefix(prefix) {
            let name = String(reference.dropFirst(prefix.count))
            // JSON Pointer escapes.
            return name.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
        return nil
    }

    // MARK: - Recursion

    /// A struct cannot contain itself; fields that would (directly or through other models, not through an
    /// array, a map or a union) become `JSONValue`, in order, until no cycle is left.
    private func breakDirectRecursion(_ declarations: inout [Declaration]) {
        var models: [String: ModelDeclaration] = [:]
        for case .model(let model) in declarations { models[model.name] = model }
        func directTargets(_ model: ModelDeclaration) -> [String] {
            var targets: [String] = []
            for field in model.fields {
                if case .named(let name, .model) = field.type { targets.append(name) }
            }
            for case .model(let nested) in model.nested { targets.append(contentsOf: directTargets(nested)) }
            return targets
        }
        func reaches(_ start: String, _ goal: String) -> Bool {
            var seen: Set<String> = []
            var stack = [start]
            while let next = stack.popLast() {
                if next == goal { return true }
                guard seen.insert(next).inserted else { continue }
                if let model = models[next] { stack.append(contentsOf: directTargets(model)) }
            }
            return false
        }
        func breakCycles(in model: inout ModelDeclaration, owner: String) {
            for index in model.fields.indices {
                guard case .named(let target, .model) = model.fields[index].type,
                      models[target] != nil || target == owner, reaches(target, owner) else { continue }
                model.fields[index].type = .json
                model.fields[index].note = "it refers back to \(owner) other than through an array, which a struct cannot hold"
                models[owner] = nil
            }
            for nestedIndex in model.nested.indices {
                guard case .model(var nested) = model.nested[nestedIndex] else { continue }
                breakCycles(in: &nested, owner: owner)
                model.nested[nestedIndex] = .model(nested)
            }
        }
        for index in declarations.indices {
            guard case .model(var model) = declarations[index] else { continue }
            breakCycles(in: &model, owner: model.name)
            declarations[index] = .model(model)
            models[model.name] = model
        }
    }
}
