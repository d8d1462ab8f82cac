import Foundation

/// Text that may appear in errors and logs, with anything secret-looking removed.
enum Redaction {
    static let placeholder = "<redacted>"

    /// A short preview of a response body for an error message.
    ///
    /// The body may be a (truncated) connection with live credentials, so nothing that could be a secret is
    /// shown: in JSON every string value is replaced by `"…"` (keys, numbers and structure stay); in other text
    /// every long run of token characters is replaced by `<redacted>`. At most `limit` characters.
    static func preview(of data: Data, limit: Int = 120) -> String {
        if data.isEmpty { return "empty" }
        let text = String(decoding: data.prefix(4096), as: UTF8.self)
        let trimmed = text.drop(while: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" })
        let redacted = (trimmed.first == "{" || trimmed.first == "[") ? redactJSONStrings(String(trimmed)) : redactTokens(String(trimmed))
        let flattened = redacted.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        let shown = flattened.count > limit ? String(flattened.prefix(limit)) + "…" : flattened
        return "\(data.count) bytes: \(shown)"
    }

    /// Replaces every JSON string that is a value (not followed by `:`) with `"…"`.
    private static func redactJSONStrings(_ text: String) -> String {
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            guard character == "\"" else {
                output.append(character)
                index = text.index(after: index)
                continue
            }
            // Find the end of the string literal.
            var end = text.index(after: index)
            var escaped = false
            while end < text.endIndex {
                let current = text[end]
                if escaped {
                    escaped = false
                } else if current == "\\" {
                    escaped = true
                } else if current == "\"" {
                    break
                }
                end = text.index(after: end)
            }
            let literalEnd = end < text.endIndex ? text.index(after: end) : end
            var lookahead = literalEnd
            while lookahead < text.endIndex, text[lookahead] == " " || text[lookahead] == "\n" || text[lookahead] == "\t" {
                lookahead = text.index(after: lookahead)
            }
            let isKey = lookahead < text.endIndex && text[lookahead] == ":"
            if isKey && end < text.endIndex {
                output += text[index..<literalEnd]
            } else {
                output += "\"…\""
            }
            index = literalEnd
        }
        return output
    }

    /// Replaces runs of token-like characters (letters, digits, `-_.~+/=`) with `<redacted>`: runs of
    /// `minimumLength` or more, and with `mixed`, only those that hold both letters and digits.
    private static func redactTokens(_ text: String, minimumLength: Int = 12, mixed: Bool = false) -> String {
        var output = ""
        var run = ""
        func flush() {
            let isToken = run.count >= minimumLength
                && (!mixed || (run.contains(where: \.isNumber) && run.contains(where: \.isLetter)))
            output += isToken ? placeholder : run
            run = ""
        }
        for character in text {
            if character.isLetter || character.isNumber || "-_.~+/=".contains(character) {
                run.append(character)
            } else {
                flush()
                output.append(character)
            }
        }
        flush()
        return output
    }

    /// A body as a person can read it in an error (an external API's answer to a proxy call): as received, at most
    /// `limit` characters, but without what looks secret. In JSON the values of secret-looking keys (`token`,
    /// `secret`, `password`, `api_key`, `authorization`, `cookie`, `session`, ...) become `<redacted>` and other
    /// strings lose their long token-like runs (32 or more letters and digits mixed); other text loses those runs.
    static func readable(_ data: Data, limit: Int) -> String {
        let text: String
        if let json = try? NangoCoding.jsonValue(from: data), let encoded = try? encoder.encode(readableJSON(json, key: nil)) {
            text = String(decoding: encoded, as: UTF8.self)
        } else {
            text = redactTokens(String(decoding: data.prefix(limit * 2), as: UTF8.self), minimumLength: 32, mixed: true)
        }
        return text.count <= limit ? text : String(text.prefix(limit)) + "… (\(grouped(data.count)) bytes in all)"
    }

    /// `10,000` for 10000.
    private static func grouped(_ number: Int) -> String {
        let digits = String(number)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return result
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private static let secretKeyWords = [
        "token", "secret", "passw", "apikey", "api_key", "api-key", "authorization", "cookie", "session", "signature",
        "credential", "private",
    ]

    private static func readableJSON(_ value: JSONValue, key: String?) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(members.reduce(into: [:]) { $0[$1.key] = readableJSON($1.value, key: $1.key) })
        case .array(let elements):
            return .array(elements.map { readableJSON($0, key: key) })
        case .string(let text):
            if let key = key?.lowercased(), secretKeyWords.contains(where: key.contains) { return .string(placeholder) }
            return .string(redactTokens(text, minimumLength: 32, mixed: true))
        default:
            return value
        }
    }
}
