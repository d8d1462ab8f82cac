/// Every element of a paginated Nango list, fetched one page at a time as you iterate.
///
/// ```swift
/// for try await record in nango.records(providerConfigKey: "hubspot", connectionID: "c1", model: "Contact", as: Contact.self) {
///     save(record.data)
/// }
/// ```
///
/// - The next page is requested as soon as the current one arrives, so it downloads while the current one is
///   decoded and while you work through it: at most one page ahead, held as the response's bytes until it is
///   reached, so memory stays near one decoded page plus one response. Breaking out of the loop, dropping the
///   iterator or cancelling the
///   task cancels that request too (one already sent may still reach Nango, as with any HTTP client; it is a
///   read, so that is harmless).
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

    /// A fetched page, kept as it arrived (for records, the response's bytes) until the iterator reaches it.
    struct FetchedPage: Sendable {
        /// Reads the page: where the next one starts, and its elements, decoded on demand (so that the next
        /// request is under way while this page is decoded).
        var open: @Sendable () throws -> OpenedPage
    }

    /// A page reached by the iterator.
    struct OpenedPage {
        var next: Position?
        var elements: () async throws -> [Element]
    }

    /// Fetches the page at a position.
    typealias Fetch = @Sendable (Position) async throws -> FetchedPage

    private let start: Position
    private let fetch: Fetch

    init(start: Position, fetchPage: @escaping Fetch) {
        self.start = start
        self.fetch = fetchPage
    }

    /// Pages whose next position is only known once their elements are decoded.
    init(start: Position, fetch: @escaping @Sendable (Position) async throws -> (elements: [Element], next: Position?)) {
        self.init(start: start) { position in
            let (elements, next) = try await fetch(position)
            return FetchedPage { OpenedPage(next: next, elements: { elements }) }
        }
    }

    /// Creates the iterator.
    public func makeAsyncIterator() -> Iterator {
        Iterator(position: start, fetch: fetch)
    }

    /// Iterates the elements, fetching the next page while the current one is consumed.
    public struct Iterator: AsyncIteratorProtocol {
        private var position: Position?
        private let fetch: Fetch
        /// The current page's remaining elements, last first: each is moved out (`popLast`), never copied.
        private var buffer: [Element] = []
        /// Hashes of the positions already fetched: a few bytes a page, so memory stays bounded by two pages.
        private var seen: Set<Int> = []
        /// The request for the page at `position`, started as soon as the previous page arrived.
        private var ahead: Prefetch?

        init(position: Position, fetch: @escaping Fetch) {
            self.position = position
            self.fetch = fetch
        }

        /// The next element, waiting for the next page when the current one is used up; `nil` at the end.
        public mutating func next() async throws -> Element? {
            while buffer.isEmpty {
                guard let current = position else { return nil }
                // Taken first, so that a cancellation below also drops (and so cancels) the request ahead.
                var prefetched = ahead
                ahead = nil
                try Task.checkCancellation()
                seen.insert(current.hashValue)
                let page: OpenedPage
                do {
                    // Opened (for records, parsed) only now, and the fetched form let go of at once: the page
                    // ahead is held as bytes, never as a second index.
                    let pending = prefetched ?? Prefetch(position: current, fetch: fetch)
                    prefetched = nil
                    page = try await pending.value().open()
                } catch {
                    position = nil
                    throw error
                }
                if let next = page.next, seen.contains(next.hashValue) {
                    position = nil
                    throw NangoError(
                        kind: .invalidResponse,
                        message: "Nango returned a page position it had already returned; stopping instead of looping."
                    )
                }
                position = page.next
                // The next request goes out before this page is decoded, so the two overlap.
                if let next = page.next {
                    ahead = Prefetch(position: next, fetch: fetch)
                }
                // The used-up page's storage goes before the next page is decoded, not after.
                buffer = []
                do {
                    buffer = try await page.elements()
                    buffer.reverse()
                } catch {
                    position = nil
                    ahead = nil
                    throw error
                }
            }
            return buffer.popLast()
        }
    }

    /// One page request running ahead of the consumer; cancelled when the iterator lets go of it unawaited.
    private final class Prefetch: Sendable {
        private let task: Task<FetchedPage, any Error>

        init(position: Position, fetch: @escaping Fetch) {
            task = Task { try await fetch(position) }
        }

        /// The page; cancelling the waiting task cancels the request.
        func value() async throws -> FetchedPage {
            let task = task
            return try await withTaskCancellationHandler {
                try await task.value
            } onCancel: {
                task.cancel()
            }
        }

        deinit {
            task.cancel()
        }
    }
}
