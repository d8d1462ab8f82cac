import Foundation

/// Swift names for schema names: types in UpperCamelCase, properties and cases in lowerCamelCase, never a
/// keyword where it would not compile, never a name the generated code or the SDK already uses.
enum Naming {
    /// Swift's keywords: a property or case spelled like one is written in backticks.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default",
        "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch",
        "where", "while", "as", "Any", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try",
        "await", "async", "consume", "copy", "discard", "borrowing", "consuming", "some", "any", "macro", "package",
        "Type", "Protocol",
    ]

    /// Member names that backticks do not make usable (`self`, `init`, ...) or that the generated code declares:
    /// a property would clash with them, so it gets another name.
    static let reservedMembers: Set<String> = [
        "self", "Self", "init", "deinit", "subscript", "super", "Type", "Protocol", "hashValue", "hash",
        "encode", "nangoModelName", "nangoFields", "CodingKeys", "_",
    ]

    /// Type names the generated code refers to (the standard library's, Foundation's, the SDK's): a model spelled
    /// like one gets a `Model` suffix (its Nango name stays as it is).
    static let reservedTypes: Set<String> = [
        "Any", "AnyObject", "Array", "Bool", "Character", "Codable", "CodingKey", "CodingKeys", "Data", "Date",
        "Decodable", "Decoder", "Dictionary", "Double", "Encodable", "Encoder", "Equatable", "Error", "Float",
        "Foundation", "Hashable", "Hasher", "Int", "Int64", "JSONValue", "Nango", "NangoDate", "NangoModel",
        "NangoModelFields", "NangoModelReader", "NangoModelSurfaceV1", "Never", "NoInput", "Nullable", "Optional",
        "OpenEnumeration", "Protocol", "RawRepresentable", "Result", "Self", "Sendable", "Set", "String",
        "SyncHandle", "ActionHandle", "Substring", "Type", "UInt", "URL", "UUID", "Void", "Swift", "DecodingError",
        "EncodingError", "CustomStringConvertible", "ExpressibleByStringLiteral", "StaticString",
    ]

    /// The words of a name: split at anything that is not a letter or digit, and at lower-to-upper case changes
    /// (`first_name`, `first-name`, `firstName` and `first name` all give `first`, `name`).
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previous: Character?
        for character in name {
            guard character.isLetter || character.isNumber, character.isASCII else {
                if !current.isEmpty { words.append(current) }
                current = ""
                previous = nil
                continue
            }
            if let previous, previous.isLowercase || previous.isNumber, character.isUppercase, !current.isEmpty {
                words.append(current)
                current = ""
            }
            current.append(character)
            previous = character
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// `GithubIssue` from `github-issue`, `GithubIssue`, `github_issue`; `_3DModel` from `3DModel`.
    static func typeName(_ name: String) -> String {
        let joined = words(name).map { word in capitalized(word) }.joined()
        guard let first = joined.first else { return "Model" }
        return first.isNumber ? "_" + joined : joined
    }

    /// `firstName` from `first_name`, `first-name`, `FirstName`, `firstName`; `_2faEnabled` from `2fa_enabled`.
    static func memberName(_ name: String) -> String {
        let parts = words(name)
        guard let head = parts.first else { return "value" }
        // A leading all-caps word (`URL`, `ID`) is lowered whole; otherwise only its first letter.
        let first = head == head.uppercased() && head.count > 1 && head.contains(where: \.isLetter)
            ? head.lowercased() : head.prefix(1).lowercased() + head.dropFirst()
        // Initialisms after the first word are written in capitals, as Swift's API guidelines do (`websiteURL`,
        // `userID`).
        let joined = first + parts.dropFirst().map(initialismOrCapitalized).joined()
        if joined.first?.isNumber == true { return "_" + joined }
        return joined
    }

    /// Words written in capitals inside a member name.
    static let initialisms: Set<String> = ["id", "url", "uri", "api", "http", "https", "html", "json", "uuid", "ip", "sql", "sso"]

    /// `ID` for `id`, `IDs` for `ids`, `URL` for `Url`; any other word capitalized.
    static func initialismOrCapitalized(_ word: String) -> String {
        let lower = word.lowercased()
        if initialisms.contains(lower) { return lower.uppercased() }
        if lower.hasSuffix("s"), initialisms.contains(String(lower.dropLast())) { return lower.dropLast().uppercased() + "s" }
        return capitalized(word)
    }

    /// A word with its first letter upper-cased; an all-caps word (`PROGRESS` of `IN_PROGRESS`) is lowered after
    /// its first letter.
    static func capitalized(_ word: String) -> String {
        let isAllCaps = word.count > 1 && word.contains(where: \.isLetter) && word == word.uppercased()
        let rest = isAllCaps ? word.dropFirst().lowercased() : String(word.dropFirst())
        return word.prefix(1).uppercased() + rest
    }

    /// A name as written in code: in backticks when it is a keyword.
    static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// `base`, or `base2`, `base3`, ... : the first not in `taken`, which then holds it.
    static func unique(_ base: String, in taken: inout Set<String>) -> String {
        var candidate = base
        var number = 2
        while taken.contains(candidate) {
            candidate = "\(base)\(number)"
            number += 1
        }
        taken.insert(candidate)
        return candidate
    }

    /// A string as a Swift string literal.
    static func literal(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Text as documentation comment lines at `indent`.
    static func docComment(_ text: String?, indent: String) -> [String] {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? "\(indent)///" : "\(indent)/// \(trimmed)"
        }
    }
}
