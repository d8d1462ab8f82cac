import Foundation

/// The models and scripts of a `GET /scripts/config` response: which definitions become which types, and the
/// typed handles of syncs and actions.
enum ScriptsConfigReader {
    struct Script {
        var name: String
        var isAction: Bool
        var description: String?
        /// The input model's name (actions).
        var input: String?
        /// The models it returns.
        var returns: [String]
        /// Its definitions, in order.
        var definitions: [(name: String, schema: SchemaValue)]
    }

    struct Integration {
        var key: String
        var scripts: [Script]

        init(_ value: SchemaValue) throws {
            guard let key = value["providerConfigKey"]?.string else {
                throw ModelGenerationError("An integration of the scripts configuration has no providerConfigKey.")
            }
            self.key = key
            func scripts(_ member: String, isAction: Bool) -> [Script] {
                (value[member]?.array ?? []).compactMap { script in
                    guard let name = script["name"]?.string else { return nil }
                    let schema = script["json_schema"] ?? .null
                    let definitions = (schema["definitions"] ?? schema["$defs"])?.members ?? []
                    let returns = script["returns"]?.array?.compactMap(\.string) ?? script["returns"]?.string.map { [$0] } ?? []
                    // `input` is a model's name, or (in older configurations) an object with one.
                    let input = script["input"]?.string ?? script["input"]?["name"]?.string
                    return Script(
                        name: name, isAction: isAction, description: script["description"]?.string,
                        input: input, returns: returns, definitions: definitions.map { ($0.key, $0.value) }
                    )
                }
            }
            self.scripts = scripts("syncs", isAction: false) + scripts("actions", isAction: true)
        }
    }

    /// Which definitions become types.
    struct Plan {
        /// Unique keys → schemas (their `$ref`s rewritten to the unique keys), in order of first appearance.
        var definitions: [(name: String, schema: SchemaValue)] = []
        /// Unique key → Swift name.
        var swiftNames: [String: String] = [:]
        /// Unique key → Nango name.
        var nangoNames: [String: String] = [:]
        /// (integration, script, model name) → unique key.
        var keys: [String: String] = [:]

        static func scriptKey(_ integration: String, _ script: String, _ model: String) -> String {
            "\(integration)\u{0}\(script)\u{0}\(model)"
        }
    }

    /// One type per distinct model: the same name with the same schema is one type; the same name with different
    /// schemas is one type per integration (`GithubUser`), or per script within an integration when even those
    /// differ (`GithubIssuesUser`).
    static func plan(_ integrations: [Integration]) -> Plan {
        // Each model name's distinct schemas, and who defines each, in order of first appearance.
        struct Variant {
            var schema: SchemaValue
            var owners: [(integration: String, script: String)]
        }
        var order: [String] = []
        var variants: [String: [Variant]] = [:]
        for integration in integrations {
            for script in integration.scripts {
                for (name, schema) in script.definitions {
                    if variants[name] == nil { order.append(name) }
                    var list = variants[name] ?? []
                    if let index = list.firstIndex(where: { $0.schema == schema }) {
                        list[index].owners.append((integration.key, script.name))
                    } else {
                        list.append(Variant(schema: schema, owners: [(integration.key, script.name)]))
                    }
                    variants[name] = list
                }
            }
        }
        var plan = Plan()
        var taken = Naming.reservedTypes
        var schemas: [(key: String, schema: SchemaValue, owner: (integration: String, script: String))] = []
        for name in order {
            let list = variants[name] ?? []
            for (index, variant) in list.enumerated() {
                let key = list.count == 1 ? name : "\(name)\u{0}\(index)"
                var base = Naming.typeName(name)
                if list.count > 1 {
                    let integrationsOfVariant = Set(variant.owners.map(\.integration))
                    let sharedIntegration = list.enumerated().contains { other in
                        other.offset != index && !Set(other.element.owners.map(\.integration)).isDisjoint(with: integrationsOfVariant)
                    }
                    let owner = variant.owners[0]
                    base = Naming.typeName(owner.integration) + (sharedIntegration ? Naming.typeName(owner.script) : "") + base
                }
                if Naming.reservedTypes.contains(base) || Naming.keywords.contains(base) { base += "Model" }
                plan.swiftNames[key] = Naming.unique(base, in: &taken)
                plan.nangoNames[key] = name
                for owner in variant.owners {
                    plan.keys[Plan.scriptKey(owner.integration, owner.script, name)] = key
                }
                schemas.append((key, variant.schema, variant.owners[0]))
            }
        }
        // `$ref`s point at the definitions of the script that declared them.
        plan.definitions = schemas.map { key, schema, owner in
            (key, rewritingReferences(schema) { name in plan.keys[Plan.scriptKey(owner.integration, owner.script, name)] })
        }
        return plan
    }

    /// `schema` with each `#/definitions/X` pointing at `key(X)` instead (unchanged when `key` gives nil).
    static func rewritingReferences(_ schema: SchemaValue, _ key: (String) -> String?) -> SchemaValue {
        switch schema {
        case .array(let elements):
            return .array(elements.map { rewritingReferences($0, key) })
        case .object(let members):
            return .object(members.map { member in
                if member.key == "$ref", let reference = member.value.string,
                   let name = SchemaTranslator.definitionName(reference), let target = key(name) {
                    return (member.key, .string("#/definitions/" + target.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")))
                }
                return (member.key, rewritingReferences(member.value, key))
            })
        default:
            return schema
        }
    }

    /// Per integration, a namespace with its key and a constant per sync and action.
    static func handles(_ integrations: [Integration], plan: Plan, taken: Set<String>, access: ModelGenerator.Access) -> [String] {
        let access = access == .public ? "public " : ""
        var taken = taken.union(Naming.reservedTypes)
        var lines: [String] = []
        for integration in integrations where !integration.scripts.isEmpty {
            let namespace = Naming.unique(Naming.typeName(integration.key) + "Integration", in: &taken)
            func typeName(_ script: Script, _ model: String?) -> String? {
                guard let model, let key = plan.keys[Plan.scriptKey(integration.key, script.name, model)] else { return nil }
                return plan.swiftNames[key]
            }
            if !lines.isEmpty { lines.append("") }
            lines.append("/// The syncs and actions of integration \(Naming.literal(integration.key)), from its scripts configuration.")
            lines.append("\(access)enum \(namespace) {")
            lines.append("    /// The integration's unique key.")
            lines.append("    \(access)static let providerConfigKey = \(Naming.literal(integration.key))")
            let syncs = integration.scripts.filter { !$0.isAction }
            let actions = integration.scripts.filter(\.isAction)
            if !syncs.isEmpty {
                lines.append("")
                lines.append("    /// The syncs: pass them to `triggerSync`, and their models' types to `records(of:)`.")
                lines.append("    \(access)enum Syncs {")
                var names = Naming.reservedMembers
                for script in syncs {
                    let name = Naming.unique(Naming.memberName(script.name), in: &names)
                    lines += Naming.docComment(script.description ?? "The `\(script.name)` sync.", indent: "        ")
                    let models = script.returns.map(Naming.literal).joined(separator: ", ")
                    lines.append("        \(access)static let \(Naming.escaped(name)) = SyncHandle(")
                    lines.append("            providerConfigKey: \(Naming.literal(integration.key)), name: \(Naming.literal(script.name)), models: [\(models)]")
                    lines.append("        )")
                }
                lines.append("    }")
            }
            if !actions.isEmpty {
                lines.append("")
                lines.append("    /// The actions, with their input and output types: pass them to `triggerAction`.")
                lines.append("    \(access)enum Actions {")
                var names = Naming.reservedMembers
                for script in actions {
                    let name = Naming.unique(Naming.memberName(script.name), in: &names)
                    // No input, or an input model that is `null` (zod's `z.void()`): `NoInput`.
                    let input = script.input.flatMap { name in
                        script.definitions.last(where: { $0.name == name }).map { SchemaTranslator.isNull($0.schema) } == true
                            ? nil : (typeName(script, name) ?? "JSONValue")
                    } ?? "NoInput"
                    let output = script.returns.count == 1 ? typeName(script, script.returns[0]) ?? "JSONValue" : "JSONValue"
                    lines += Naming.docComment(script.description ?? "The `\(script.name)` action.", indent: "        ")
                    lines.append("        \(access)static let \(Naming.escaped(name)) = ActionHandle<\(input), \(output)>(")
                    lines.append("            providerConfigKey: \(Naming.literal(integration.key)), name: \(Naming.literal(script.name))")
                    lines.append("        )")
                }
                lines.append("    }")
            }
            lines.append("}")
        }
        return lines
    }
}
