#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging
import Nango

/// Where the CLI writes text: standard output, standard error, or a buffer in tests.
public protocol TextOutput: Sendable {
    /// Writes `text` as it is (add the newline yourself).
    func write(_ text: String)
}

/// A file descriptor of the process (1 for standard output, 2 for standard error), written unbuffered.
public struct FileDescriptorOutput: TextOutput {
    /// The descriptor written to.
    public let descriptor: Int32

    /// Standard output.
    public static let standardOutput = FileDescriptorOutput(descriptor: 1)
    /// Standard error.
    public static let standardError = FileDescriptorOutput(descriptor: 2)

    /// An output writing to `descriptor`.
    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Whether the descriptor is a terminal (`isatty`).
    public var isTerminal: Bool { isatty(descriptor) == 1 }

    /// The terminal's width in columns, when the descriptor is a terminal that reports one.
    public var terminalColumns: Int? {
        var size = winsize()
        guard isTerminal, ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    public func write(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { buffer in
            guard let start = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                #if canImport(Darwin)
                let written = Darwin.write(descriptor, start + offset, buffer.count - offset)
                #elseif canImport(Musl)
                let written = Musl.write(descriptor, start + offset, buffer.count - offset)
                #else
                let written = Glibc.write(descriptor, start + offset, buffer.count - offset)
                #endif
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // A closed pipe: nothing more can be written.
                }
                offset += written
            }
        }
    }
}

/// Text kept in memory, for tests: everything written, in order.
public final class CapturedOutput: TextOutput, @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""

    /// An empty buffer.
    public init() {}

    /// Everything written so far.
    public var text: String {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }

    public func write(_ text: String) {
        lock.lock()
        buffer += text
        lock.unlock()
    }
}

/// Lines of input given in advance, for tests: the answers to confirmations, in order.
public final class ScriptedInput: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String]

    /// Input of `lines`.
    public init(_ lines: [String]) {
        self.lines = lines
    }

    /// The next line, or `nil` once all were read.
    public func readLine() -> String? {
        lock.lock()
        defer { lock.unlock() }
        return lines.isEmpty ? nil : lines.removeFirst()
    }
}

extension TextOutput {
    /// Writes `line` and a newline.
    func line(_ line: String = "") {
        write(line + "\n")
    }
}

/// A table: on a terminal, aligned columns under a header, fitted to the terminal's width; otherwise (piped),
/// tab-separated rows without a header, for `cut` and `awk` (as `gh` prints).
struct Table {
    var columns: [String]
    var rows: [[String]] = []

    init(_ columns: String...) {
        self.columns = columns
    }

    mutating func append(_ row: String...) {
        rows.append(row)
    }

    /// The table as `context`'s standard output should show it.
    func text(for context: CLIContext) -> String {
        context.standardOutputIsTerminal ? aligned(width: context.terminalWidth) : tabSeparated
    }

    /// One line per row, cells separated by tabs (a tab or newline inside a cell becomes a space).
    var tabSeparated: String {
        rows.map { row in
            row.map { $0.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") }
                .joined(separator: "\t") + "\n"
        }.joined()
    }

    /// The aligned text, every line ending in a newline, the last column not padded; with a `width`, the widest
    /// columns are shortened (with `…`) until every line fits, down to 6 characters a column.
    func aligned(width: Int? = nil) -> String {
        var widths = columns.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        if let width {
            // Two spaces between columns.
            var total = widths.reduce(0, +) + 2 * max(widths.count - 1, 0)
            while total > width, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 6 {
                widths[widest] -= 1
                total -= 1
            }
        }
        func fitted(_ cell: String, _ width: Int) -> String {
            cell.count <= width ? cell : String(cell.prefix(max(width - 1, 0))) + "…"
        }
        func format(_ cells: [String]) -> String {
            var line = ""
            for (index, cell) in cells.enumerated() {
                let cell = index < widths.count ? fitted(cell, widths[index]) : cell
                if index == cells.count - 1 {
                    line += cell
                } else {
                    line += cell + String(repeating: " ", count: widths[index] - cell.count + 2)
                }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line + "\n"
        }
        return ([format(columns)] + rows.map(format)).joined()
    }
}

/// Key/value lines with aligned values (`connection id   user-1`).
struct Fields {
    var pairs: [(String, String)] = []

    mutating func append(_ key: String, _ value: String?) {
        pairs.append((key, value ?? "-"))
    }

    var text: String {
        let width = pairs.map(\.0.count).max() ?? 0
        return pairs.map { key, value in
            key + ":" + String(repeating: " ", count: width - key.count + 2) + value + "\n"
        }.joined()
    }
}

enum Format {
    /// Dates as people read them: `2026-11-30 13:25:00Z`, in UTC.
    static func date(_ date: Date?) -> String {
        guard let date else { return "-" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String {
            let value = value ?? 0
            return value < 10 ? "0\(value)" : "\(value)"
        }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))Z"
    }

    /// `key=value` pairs sorted by key, or `-`.
    static func tags(_ tags: [String: String]) -> String {
        tags.isEmpty ? "-" : tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    /// A value on one line, shortened to `limit` characters with an ellipsis.
    static func short(_ text: String, limit: Int = 60) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// A whole number with thousands separators (`3,000`).
    static func count<Number: BinaryInteger>(_ number: Number) -> String {
        let digits = String(number.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return (number < 0 ? "-" : "") + result
    }
}

/// JSON text of the CLI's machine output: keys sorted, dates as ISO 8601.
enum JSONText {
    static func pretty<Value: Encodable>(_ value: Value) throws -> String {
        let text = try encode(value, formatting: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        // Foundation prints an empty object or array over three lines; a raw newline is never inside a JSON
        // string (it is escaped there), so these patterns are only ever formatting.
        return text
            .replacingOccurrences(of: #"\{\n\n *\}"#, with: "{}", options: .regularExpression)
            .replacingOccurrences(of: #"\[\n\n *\]"#, with: "[]", options: .regularExpression)
    }

    static func compact<Value: Encodable>(_ value: Value) throws -> String {
        try encode(value, formatting: [.sortedKeys, .withoutEscapingSlashes])
    }

    private static func encode<Value: Encodable>(_ value: Value, formatting: JSONEncoder.OutputFormatting) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Parses JSON text given on the command line (`--data '{"plan": "pro"}'`).
    static func parse(_ text: String, option: String) throws -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw CLIError.usage("\(option) is not valid JSON: \(text)")
        }
    }
}

/// The SDK's log on standard error: with `verbose`, every line (method, path template, status, attempt, timing;
/// the SDK never logs keys, bodies or ids); otherwise only a line per retry, `retrying in 2.0 s (attempt 2 of 3)…`.
struct StandardErrorLogHandler: LogHandler {
    let output: any TextOutput
    let verbose: Bool
    let maximumAttempts: Int
    /// Whether standard error is a terminal: a line then first clears whatever progress line is there.
    let isTerminal: Bool
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let (level, message) = (event.level, event.message)
        let fields = self.metadata.merging(event.metadata ?? [:]) { $1 }
        let clear = isTerminal ? "\r\u{1B}[K" : ""
        if verbose {
            let details = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            output.write("\(clear)[\(level)] \(message) \(details)\n")
        } else if message.description == "Nango retry" {
            let wait = fields["nango.wait_ms"].flatMap { Double("\($0)") }.map { $0 / 1000 } ?? 0
            let attempt = fields["nango.attempt"].map { "\($0)" } ?? "?"
            let seconds = wait >= 10 ? String(Int(wait.rounded())) : String(format: "%.1f", wait)
            output.write("\(clear)retrying in \(seconds) s (attempt \(attempt) of \(maximumAttempts))…\n")
        }
    }
}
