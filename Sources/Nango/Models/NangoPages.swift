/// Every element of a paginated Nango list, fetched one page at a time as you iterate.
///
/// ```swift
/// for try await record in nango.records(providerConfigKey: "hubspot", connectionID: "c1", model: "Contact", as: Contact.self) {
///     save(record.data)
/// }
/// ```
///
/// - Only one page is held in memory at a time, and the next page is requested only when the current one has
///   been consumed; breaking out of the loop (or cancelling the task) stops fetching.
/// - Iteration ends only when Nango says there is no next page (for records, a `null` `next_cursor`); a short
///   page does not end it.
/// - A server that repeats a position ends the iteration with ``NangoError`` of kind
///   ``NangoError/Kind/invalidResponse`` instead of looping forever.
/// - Each page is one API call, with the client's retries and timeouts; an error ends the iteration.
public struct NangoPages<Element: Sendable>: AsyncSequence, Sendable {
    /// Where the next page starts: a cursor or a page number.
    struct Position: Sendable, Hashable {
        var cursor: String?
        var page: Int
    }

    /// Fetches the page at a position: its elements, and the next position (`nil` at the end).
    typealias Fetch = @Sendable (Position) async throws -> (elements: [Element], next: Position?)

    private let start: Position
    private let fetch: Fetch

    init(start: Position, fetch: @escaping Fetch) {
        self.start = start
        self.fetch = fetch
    }

    /// Creates the iterator.
    public func makeAsyncIterator() -> Iterator {
        Iterator(position: start, fetch: fetch)
    }

    /// Iterates the elements, fetching pages on demand.
    public struct Iterator: AsyncIteratorProtocol {
        private var position: Position?
        private let fetch: Fetch
        private var buffer: [Element] = []
        private var index = 0
        /// Hashes of the positions already fetched: a few bytes a page, so memory stays bounded by one page.
        private var seen: Set<Int> = []

        init(position: Position, fetch: @escaping Fetch) {
            self.position = position
            self.fetch = fetch
        }

        /// The next element, fetching the next page when the current one is used up; `nil` at the end.
        public mutating func next() async throws -> Element? {
            while index >= buffer.count {
                guard let current = position else { return nil }
                try Task.checkCancellation()
                seen.insert(current.hashValue)
                let page = try await fetch(current)
                if let next = page.next, seen.contains(next.hashValue) {
                    position = nil
                    throw NangoError(
                        kind: .invalidResponse,
                        message: "Nango returned a page position it had already returned; stopping instead of looping."
                    )
                }
                buffer = page.elements
                index = 0
                position = page.next
            }
            defer { index += 1 }
            return buffer[index]
        }
    }
}
