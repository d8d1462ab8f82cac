import ArgumentParser
import Foundation
import HTTPTypes
import Nango

struct RecordsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "records",
        abstract: "Read the records a sync stored.",
        subcommands: [List.self, Export.self]
    )

    /// The model and filters both subcommands take.
    struct Selection: ParsableArguments {
        @Option(help: "The model's name (for example Contact).")
        var model: String

        @Option(help: "The sync variant.")
        var variant: String?

        @Option(name: .customLong("modified-after"), help: "Only records changed after this ISO 8601 date (2026-11-30T12:00:00Z).")
        var modifiedAfter: String?

        func options(cursor: String? = nil, limit: Int? = nil) throws -> ListRecordsOptions {
            var date: Date?
            if let modifiedAfter {
                let formatter = ISO8601DateFormatter()
                formatter.formatOptions = [.withInternetDateTime]
                let fractional = ISO8601DateFormatter()
                fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
                guard let parsed = formatter.date(from: modifiedAfter) ?? fractional.date(from: modifiedAfter) else {
                    throw CLIError.usage("--modified-after takes an ISO 8601 date such as 2026-11-30T12:00:00Z, not \(modifiedAfter)")
                }
                date = parsed
            }
            return ListRecordsOptions(variant: variant, cursor: cursor, modifiedAfter: date, limit: limit)
        }
    }

    struct List: CLICommand {
        static let configuration = CommandConfiguration(abstract: "List one page of records; prints the next cursor.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: ConnectionOptions
        @OptionGroup var selection: Selection

        @Option(help: "Records per page (Nango's default is 100).")
        var limit: Int?

        @Option(help: "Where the page starts: a next cursor printed by an earlier call.")
        var cursor: String?

        func execute(in context: CLIContext) async throws {
            let page = try await client(context).listRecords(
                providerConfigKey: target.integration,
                connectionID: target.connectionID,
                model: selection.model,
                options: try selection.options(cursor: cursor, limit: limit)
            )
            if global.json {
                let records = try page.records.map { try JSONValue(encoding: $0) }
                let output: [String: JSONValue] = [
                    "records": .array(records),
                    "next_cursor": page.nextCursor.map(JSONValue.string) ?? .null,
                ]
                return try printJSON(output, context)
            }
            var table = Table("ID", "LAST ACTION", "LAST MODIFIED", "DATA")
            for record in page.records {
                var data = record.data.objectValue ?? [:]
                let id = data.removeValue(forKey: "id")
                data["_nango_metadata"] = nil
                table.append(
                    id.map(Self.text) ?? "-",
                    record.metadata.lastAction.rawValue,
                    Format.date(record.metadata.lastModifiedAt),
                    Format.short((try? JSONText.compact(data)) ?? "-")
                )
            }
            context.standardOutput.write(table.text(for: context))
            let count = page.records.count
            // The count and the next cursor follow the table on a terminal; piped, they go to standard error, so
            // that standard output holds only rows.
            let summary = "\(count) record\(count == 1 ? "" : "s"); next cursor: \(page.nextCursor ?? "none (last page)")"
            (context.standardOutputIsTerminal ? context.standardOutput : context.standardError).line(summary)
        }

        static func text(_ value: JSONValue) -> String {
            value.stringValue ?? ((try? JSONText.compact(value)) ?? "-")
        }
    }

    struct Export: CLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every record as JSON lines on standard output, following every page.",
            discussion: """
                When standard error is a terminal, a progress line there shows pages, records and records per \
                second. Pages are retried as every call of the SDK is. If the export stops, standard error names \
                the cursor of the last record written: run the command again with --cursor and that value, \
                appending to the same file, to go on from there.
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: ConnectionOptions
        @OptionGroup var selection: Selection

        @Option(name: .customLong("page-size"), help: "Records per request.")
        var pageSize: Int = 1000

        @Option(help: "Start after this record cursor (the one a stopped export printed), to resume it.")
        var cursor: String?

        func execute(in context: CLIContext) async throws {
            let pages = PageCounter()
            let nango = try client(context) { pages.counting($0) }
            let records = nango.records(
                providerConfigKey: target.integration,
                connectionID: target.connectionID,
                model: selection.model,
                as: JSONValue.self,
                options: try selection.options(cursor: cursor, limit: pageSize)
            )
            let progress = context.standardErrorIsTerminal ? Progress(output: context.standardError) : nil
            var count = 0
            var shownPages = 0
            var lastCursor = cursor
            do {
                for try await record in records {
                    context.standardOutput.line(try JSONText.compact(record))
                    count += 1
                    lastCursor = record.metadata.cursor
                    let fetched = pages.count
                    if let progress, fetched != shownPages {
                        shownPages = fetched
                        progress.show(pages: fetched, records: count)
                    }
                }
            } catch {
                // The progress line ends before the error, which then names where to resume.
                progress?.finish(pages: pages.count, records: count)
                if global.json {
                    let stopped: [String: JSONValue] = [
                        "records": .int(Int64(count)), "cursor": lastCursor.map(JSONValue.string) ?? .null,
                    ]
                    context.standardError.line(try JSONText.compact(["export_stopped": stopped]))
                } else if let lastCursor {
                    context.standardError.line(
                        "The export stopped after \(Format.count(count)) records; to go on, run it again with --cursor \(lastCursor)"
                    )
                } else {
                    context.standardError.line("The export stopped before its first record.")
                }
                throw error
            }
            progress?.finish(pages: pages.count, records: count)
        }
    }
}

/// Counts the record pages Nango answered, by wrapping the client's transport.
final class PageCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var pages = 0

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return pages
    }

    func counting(_ base: any HTTPTransport) -> any HTTPTransport {
        Counting(base: base, counter: self)
    }

    fileprivate func increment() {
        lock.lock()
        pages += 1
        lock.unlock()
    }

    private struct Counting: HTTPTransport {
        let base: any HTTPTransport
        let counter: PageCounter

        func send(_ request: HTTPRequest, body: Data?) async throws -> (HTTPResponse, Data) {
            let (response, data) = try await base.send(request, body: body)
            // `/records/?model=...` (or a self-hosted prefix before it): the path without query and final slash.
            var path = Substring(request.path ?? "")
            if let query = path.firstIndex(of: "?") { path = path[..<query] }
            while path.hasSuffix("/") { path = path.dropLast() }
            if response.status.kind == .successful, path.hasSuffix("/records") {
                counter.increment()
            }
            return (response, data)
        }
    }
}

/// The export's progress line on a terminal, rewritten in place: `pages 3 · records 3,000 · 12,345 records/s`.
struct Progress {
    let output: any TextOutput
    let started = ContinuousClock.now

    func show(pages: Int, records: Int) {
        output.write("\r\u{1B}[K" + text(pages: pages, records: records))
    }

    func finish(pages: Int, records: Int) {
        show(pages: pages, records: records)
        output.write("\n")
    }

    private func text(pages: Int, records: Int) -> String {
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Int((Double(records) / seconds).rounded()) : records
        return "pages \(Format.count(pages)) · records \(Format.count(records)) · \(Format.count(rate)) records/s"
    }
}
