import Foundation
import Nango

/// A small JSON Schema validator for the schemas of an OpenAPI document: `$ref` (local), `type` (one or a
/// list), `nullable`, `enum`, `properties`, `required`, `additionalProperties` (a boolean or a schema),
/// `maxProperties`, `items`, `minLength`, `maxLength`, `allOf`, `anyOf` and `oneOf`. Formats and patterns are
/// not checked.
///
/// Within an `allOf`, `additionalProperties: false` in one branch allows the properties the other branches
/// declare: OpenAPI documents compose objects that way (`IntegrationFull` = `Integration` + more fields),
/// which plain draft-07 semantics would reject for every value.
struct SchemaValidator {
    let document: JSONValue

    /// The node a local reference (`#/components/schemas/Name`) points to.
    func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var node = document
        for part in reference.dropFirst(2).split(separator: "/") {
            let key = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let next = node[key] else { return nil }
            node = next
        }
        return node
    }

    /// Every violation of `schema` by `value`, each prefixed with the JSON path where it occurs (empty when
    /// the value is valid).
    func errors(_ value: JSONValue, _ schema: JSONValue, at path: String = "$", siblings: Set<String> = []) -> [String] {
        switch schema {
        case .bool(let allowed): return allowed ? [] : ["\(path): no value is allowed"]
        case .object: break
        default: return ["\(path): the schema is not an object"]
        }
        if let reference = schema["$ref"]?.stringValue {
            guard let target = resolve(reference) else { return ["\(path): unresolvable $ref \(reference)"] }
            return errors(value, target, at: path, siblings: siblings)
        }
        if value.isNull, schema["nullable"]?.boolValue == true { return [] }
        var found: [String] = []

        if let branches = schema["allOf"]?.arrayValue {
            let known = siblings.union(propertyNames(schema))
            for branch in branches { found += errors(value, branch, at: path, siblings: known) }
        }
        if let branches = schema["anyOf"]?.arrayValue, !branches.isEmpty {
            let results = branches.map { errors(value, $0, at: path, siblings: siblings) }
            if !results.contains(where: \.isEmpty) {
                found.append("\(path): matches none of anyOf (\(summary(results)))")
            }
        }
        if let branches = schema["oneOf"]?.arrayValue, !branches.isEmpty {
            let results = branches.map { errors(value, $0, at: path, siblings: siblings) }
            let matches = results.filter(\.isEmpty).count
            if matches == 0 {
                found.append("\(path): matches none of oneOf (\(summary(results)))")
            } else if matches > 1 {
                found.append("\(path): matches \(matches) branches of oneOf, not exactly one")
            }
        }

        if let type = schema["type"] {
            let names = type.arrayValue?.compactMap(\.stringValue) ?? type.stringValue.map { [$0] } ?? []
            var allowed = names
            if schema["nullable"]?.boolValue == true { allowed.append("null") }
            guard allowed.contains(where: { Self.matches(value, type: $0) }) else {
                return found + ["\(path): expected \(allowed.joined(separator: " or ")), found \(Self.typeName(value))"]
            }
        }
        if let options = schema["enum"]?.arrayValue, !options.contains(value) {
            found.append("\(path): \(value) is not one of \(options)")
        }

        switch value {
        case .object(let members):
            let properties = schema["properties"]?.objectValue ?? [:]
            for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
                found.append("\(path): required property \(name) is missing")
            }
            if let maximum = schema["maxProperties"]?.intValue, members.count > maximum {
                found.append("\(path): \(members.count) properties, at most \(maximum) allowed")
            }
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                if let property = properties[name] {
                    found += errors(member, property, at: "\(path).\(name)")
                } else if let additional = schema["additionalProperties"] {
                    if case .bool(false) = additional {
                        if !siblings.contains(name) { found.append("\(path): property \(name) is not allowed") }
                    } else if case .object = additional {
                        found += errors(member, additional, at: "\(path).\(name)")
                    }
                }
            }
        case .array(let items):
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() { found += errors(item, itemSchema, at: "\(path)[\(index)]") }
            }
        case .string(let text):
            if let minimum = schema["minLength"]?.intValue, text.count < minimum {
                found.append("\(path): shorter than \(minimum) characters")
            }
            if let maximum = schema["maxLength"]?.intValue, text.count > maximum {
                found.append("\(path): longer than \(maximum) characters")
            }
        default:
            break
        }
        return found
    }

    /// The property names a schema declares, through `$ref`, `allOf`, `anyOf` and `oneOf`.
    func propertyNames(_ schema: JSONValue, depth: Int = 0) -> Set<String> {
        guard depth < 16 else { return [] }
        if let reference = schema["$ref"]?.stringValue, let target = resolve(reference) {
            return propertyNames(target, depth: depth + 1)
        }
        var names = Set(schema["properties"]?.objectValue?.keys.map { $0 } ?? [])
        for key in ["allOf", "anyOf", "oneOf"] {
            for branch in schema[key]?.arrayValue ?? [] { names.formUnion(propertyNames(branch, depth: depth + 1)) }
        }
        return names
    }

    private func summary(_ results: [[String]]) -> String {
        results.map { $0.prefix(2).joined(separator: "; ") }.joined(separator: " | ")
    }

    static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): return true
        case ("number", .int), ("number", .double), ("integer", .int): return true
        case ("integer", .double(let number)): return number.rounded() == number
        default: return false
        }
    }

    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

extension SchemaValidator {
    /// The response schema the document declares for `method` on the concrete `path` (percent-decoded
    /// segments) with `status`, and the path template it matched. The schema is `nil` when the document has
    /// no such operation or response, or the response has no JSON schema.
    func responseSchema(method: String, segments: [String], status: Int) -> (template: String?, schema: JSONValue?) {
        guard let paths = document["paths"]?.objectValue else { return (nil, nil) }
        var parts = segments
        if parts.last == "" { parts.removeLast() }
        var best: (template: String, literals: Int)?
        for template in paths.keys {
            let pattern = template.split(separator: "/").map(String.init)
            let greedy = pattern.last.map { $0.hasPrefix("{") && $0.contains("Path") } ?? false
            guard pattern.count == parts.count || (greedy && parts.count >= pattern.count) else { continue }
            var literals = 0
            var matched = true
            for (index, part) in pattern.enumerated() {
                if part.hasPrefix("{") { continue }
                if part == parts[index] { literals += 1 } else { matched = false; break }
            }
            guard matched, paths[template]?[method.lowercased()] != nil else { continue }
            if best == nil || literals > (best?.literals ?? 0) { best = (template, literals) }
        }
        guard let template = best?.template,
              var response = paths[template]?[method.lowercased()]?["responses"]?[String(status)]
        else { return (best?.template, nil) }
        if let reference = response["$ref"]?.stringValue, let target = resolve(reference) { response = target }
        return (template, response["content"]?["application/json"]?["schema"])
    }
}
