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

    /// Replaces runs of 12 or more token-like characters (letters, digits, `-_.~+/=`) with `<redacted>`.
    private static func redactTokens(_ text: String) -> String {
        var output = ""
        var run = ""
        func flush() {
            output += run.count >= 12 ? placeholder : run
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
}
