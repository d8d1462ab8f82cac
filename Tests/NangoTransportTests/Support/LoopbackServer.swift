// A small, scriptable HTTP/1.1 server on real loopback TCP sockets, for testing HTTP client transports
// against faults (dropped connections, truncated bodies, slow bodies, hangs, keep-alive reuse).
//
// Design:
// - One listener bound to 127.0.0.1 on an ephemeral port; an accept thread waits in `poll` on the listener and
//   on a wake pipe that `stop()` closes, so stopping never depends on how a platform treats `shutdown` on a
//   listening socket.
// - One thread per accepted connection with blocking I/O, looping over requests (HTTP/1.1 keep-alive).
// - `stop()` marks the server stopped, calls `shutdown(SHUT_RDWR)` on every open connection (which wakes a
//   thread blocked in `recv`/`send`), wakes every timed wait (`delay`, `drip`), and then waits briefly for the
//   server's threads to finish. Only the thread that owns a descriptor closes it, and it does so under the
//   lock after removing it from the open set, so `stop()` can never shut down a reused descriptor number.
// - Writes use `MSG_NOSIGNAL` (Linux) or `SO_NOSIGPIPE` (Darwin): a client that went away never raises
//   SIGPIPE; write errors just end the connection.
// - Nothing is global or static: every test can run its own server in parallel.

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Request

/// One request as the server received it.
struct LoopbackRequest: Sendable {
    var method: String
    /// The raw request-target exactly as received, e.g. `/api/connections/a%2Fb?x=1`.
    var target: String
    /// Header fields in received order, names exactly as received.
    var headers: [(name: String, value: String)]
    /// The body, with any chunked transfer coding removed.
    var body: Data
    /// 0-based index of the TCP connection the request arrived on.
    var connectionIndex: Int
    /// When the server finished reading the request head.
    var arrivedAt: ContinuousClock.Instant = .now

    /// The request-target before `?`.
    var path: String {
        guard let mark = target.firstIndex(of: "?") else { return target }
        return String(target[..<mark])
    }

    /// The raw text after the first `?`, or `nil` when the target has none.
    var query: String? {
        guard let mark = target.firstIndex(of: "?") else { return nil }
        return String(target[target.index(after: mark)...])
    }

    /// The body decoded as UTF-8 (lossy).
    var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The value of the first header field named `name`, compared case-insensitively.
    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

// MARK: - Action

/// What the server does with a request; returned by the handler.
indirect enum LoopbackAction: Sendable {
    /// A normal response. Adds `Content-Length` (unless `headers` has one, or the status is 1xx/204/304) and keeps
    /// the connection open for the next request unless the request (or `headers`) says `Connection: close`.
    /// 204 and 304 responses, and responses to `HEAD`, are sent without a body.
    case respond(status: Int, headers: [(String, String)] = [], body: Data = Data())
    /// Read the request, then close the socket without writing anything.
    case closeWithoutResponse
    /// Write the status line and headers with `Content-Length: declaredLength` (replacing any given one), then
    /// only `body` (meant to be shorter), then close.
    case truncated(status: Int, headers: [(String, String)] = [], declaredLength: Int, body: Data)
    /// Write exactly these bytes, then close the connection.
    case raw(Data)
    /// Wait, then perform the action. The wait ends early, and the connection closes, when the server stops.
    case delay(Duration, then: LoopbackAction)
    /// Send the head with the full `Content-Length` at once, then the body one byte at a time with `interval`
    /// between bytes (none before the first). Keep-alive as for `respond`.
    case drip(status: Int, headers: [(String, String)] = [], body: Data, interval: Duration)
    /// Never answer; keep the connection open until the client closes it or the server stops.
    case hang
}

extension LoopbackAction {
    /// A response with a UTF-8 JSON body and `Content-Type: application/json`.
    static func json(_ status: Int, _ text: String, headers: [(String, String)] = []) -> LoopbackAction {
        .respond(status: status, headers: [("Content-Type", "application/json")] + headers, body: Data(text.utf8))
    }

    /// A response with a UTF-8 plain-text body and `Content-Type: text/plain; charset=utf-8`.
    static func text(_ status: Int, _ text: String, headers: [(String, String)] = []) -> LoopbackAction {
        .respond(
            status: status,
            headers: [("Content-Type", "text/plain; charset=utf-8")] + headers,
            body: Data(text.utf8)
        )
    }

    /// A redirect with an empty body and the given `Location`.
    static func redirect(status: Int = 302, location: String) -> LoopbackAction {
        .respond(status: status, headers: [("Location", location)])
    }
}

// MARK: - Server

/// The error `LoopbackServer.init` throws when a socket call fails.
struct LoopbackServerError: Error, CustomStringConvertible {
    var operation: String
    var code: Int32

    var description: String { "LoopbackServer: \(operation) failed: \(String(cString: strerror(code))) (\(code))" }
}

/// A scriptable HTTP/1.1 server on 127.0.0.1 for tests. See the file header for the design.
///
/// `Sendable` is checked by the compiler: every stored property is an immutable `let` of a `Sendable` type.
/// The mutable state lives in `LoopbackServerState`, behind a lock.
final class LoopbackServer: Sendable {
    private let state: LoopbackServerState

    /// The bound TCP port.
    let port: Int

    /// Binds 127.0.0.1 on an ephemeral port (port 0), listens, and starts accepting on a background thread.
    /// The handler runs on the connection's thread, once per request.
    init(handler: @escaping @Sendable (LoopbackRequest) -> LoopbackAction) throws {
        let (listener, port) = try Self.makeListener()
        var pipeFDs: [Int32] = [-1, -1]
        guard pipe(&pipeFDs) == 0 else {
            let code = errno
            close(listener)
            throw LoopbackServerError(operation: "pipe", code: code)
        }
        self.port = port
        self.state = LoopbackServerState(
            listener: listener,
            wakeRead: pipeFDs[0],
            wakeWrite: pipeFDs[1],
            handler: handler
        )
        state.startAcceptThread()
    }

    deinit {
        state.stop()
    }

    /// `http://127.0.0.1:<port>`.
    var baseURL: URL {
        var components = URLComponents()
        components.scheme = "http"
        components.host = "127.0.0.1"
        components.port = port
        // Scheme, host and port are always valid, so this never falls back.
        return components.url ?? URL(fileURLWithPath: "/")
    }

    /// Every request received so far, in arrival order.
    var requests: [LoopbackRequest] { state.withLock { $0.requests } }

    /// The number of TCP connections accepted so far.
    var acceptedConnections: Int { state.withLock { $0.acceptedConnections } }

    /// The number of accepted connections the server has not closed yet (it closes its side soon after the client
    /// closes, or after a closing action).
    var openConnections: Int { state.withLock { $0.openFDs.count } }

    /// The server's threads still running (accept and connection threads); 0 once `stop()` has returned.
    var runningThreads: Int { state.withLock { $0.runningThreads } }

    /// Closes the listener and every open connection and ends every wait. Idempotent; also called from `deinit`.
    /// Returns once the server's threads have finished (bounded by a short timeout, in case a handler blocks).
    func stop() {
        state.stop()
    }

    private static func makeListener() throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, loopbackSockStream, 0)
        guard fd >= 0 else { throw LoopbackServerError(operation: "socket", code: errno) }
        func fail(_ operation: String) -> LoopbackServerError {
            let error = LoopbackServerError(operation: operation, code: errno)
            close(fd)
            return error
        }
        guard setIntOption(fd, SOL_SOCKET, SO_REUSEADDR, 1) else { throw fail("setsockopt(SO_REUSEADDR)") }
        #if canImport(Darwin)
        guard setIntOption(fd, SOL_SOCKET, SO_NOSIGPIPE, 1) else { throw fail("setsockopt(SO_NOSIGPIPE)") }
        #endif

        var address = sockaddr_in()
        #if canImport(Darwin)
        address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #endif
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw fail("bind") }
        guard listen(fd, 128) == 0 else { throw fail("listen") }

        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw fail("getsockname") }

        // Non-blocking, so a connection that vanishes between poll and accept cannot block the accept thread.
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else { throw fail("fcntl(O_NONBLOCK)") }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}

// MARK: - Shared state

/// The state shared by the server object, its accept thread and its connection threads.
///
/// `@unchecked Sendable` because every mutable field (`Locked`) is only touched inside `withLock` or between
/// `condition.lock()`/`unlock()`, and the remaining stored properties are immutable `let`s. The threads hold this
/// object, not the `LoopbackServer`, so the server's `deinit` (which stops everything) can run while they live.
private final class LoopbackServerState: @unchecked Sendable {
    struct Locked {
        var stopped = false
        var requests: [LoopbackRequest] = []
        var acceptedConnections = 0
        var openFDs: Set<Int32> = []
        /// Threads started and not yet finished (the accept thread and connection threads).
        var runningThreads = 0
        /// Identities of the server's threads that are running, so `stop()` called from one of them
        /// (e.g. from a handler) does not wait for itself.
        var threadIDs: Set<ObjectIdentifier> = []
        var wakeWrite: Int32
    }

    let condition = NSCondition()
    var locked: Locked
    let listener: Int32
    let wakeRead: Int32
    let handler: @Sendable (LoopbackRequest) -> LoopbackAction

    init(
        listener: Int32,
        wakeRead: Int32,
        wakeWrite: Int32,
        handler: @escaping @Sendable (LoopbackRequest) -> LoopbackAction
    ) {
        self.listener = listener
        self.wakeRead = wakeRead
        self.locked = Locked(wakeWrite: wakeWrite)
        self.handler = handler
    }

    func withLock<T>(_ body: (inout Locked) -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body(&locked)
    }

    var isStopped: Bool { withLock { $0.stopped } }

    // MARK: Threads

    private func spawn(name: String, _ body: @escaping @Sendable () -> Void) {
        withLock { $0.runningThreads += 1 }
        let thread = Thread { [self] in
            let id = ObjectIdentifier(Thread.current)
            withLock { _ = $0.threadIDs.insert(id) }
            body()
            condition.lock()
            locked.threadIDs.remove(id)
            locked.runningThreads -= 1
            condition.broadcast()
            condition.unlock()
        }
        thread.name = name
        thread.start()
    }

    func startAcceptThread() {
        spawn(name: "LoopbackServer.accept") { [self] in acceptLoop() }
    }

    private func acceptLoop() {
        defer {
            close(listener)
            close(wakeRead)
        }
        while true {
            var fds = [
                pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, nfds_t(fds.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if fds[1].revents != 0 || isStopped { return }
            guard fds[0].revents != 0 else { continue }

            let fd = accept(listener, nil, nil)
            if fd < 0 {
                switch errno {
                case EINTR, EAGAIN, EWOULDBLOCK, ECONNABORTED:
                    continue
                default:
                    // E.g. EMFILE: back off a little instead of spinning; stop ends the wait.
                    if !sleep(.milliseconds(10)) { return }
                    continue
                }
            }
            configureConnection(fd)
            let index: Int? = withLock { state in
                guard !state.stopped else { return nil }
                let index = state.acceptedConnections
                state.acceptedConnections += 1
                state.openFDs.insert(fd)
                return index
            }
            guard let index else {
                close(fd)
                return
            }
            spawn(name: "LoopbackServer.connection.\(index)") { [self] in
                serve(fd: fd, connectionIndex: index)
            }
        }
    }

    private func configureConnection(_ fd: Int32) {
        // Accepted sockets inherit O_NONBLOCK from the listener on Darwin (not on Linux): clear it.
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0, flags & O_NONBLOCK != 0 {
            _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)
        }
        // Small writes (drip) must leave at once, not wait for Nagle.
        _ = setIntOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
        #if canImport(Darwin)
        _ = setIntOption(fd, SOL_SOCKET, SO_NOSIGPIPE, 1)
        #endif
    }

    // MARK: Stop and waits

    func stop() {
        condition.lock()
        if !locked.stopped {
            locked.stopped = true
            // Under the lock: a connection thread closes its descriptor only after removing it from
            // `openFDs` under the same lock, so these numbers cannot have been reused.
            for fd in locked.openFDs {
                shutdown(fd, Int32(SHUT_RDWR))
            }
            // Closing the write end makes the read end readable (EOF): the accept thread's poll returns.
            if locked.wakeWrite >= 0 {
                close(locked.wakeWrite)
                locked.wakeWrite = -1
            }
            condition.broadcast()
        }
        // Wait for the threads to finish, except the calling thread if it is one of ours.
        let current = ObjectIdentifier(Thread.current)
        let deadline = Date(timeIntervalSinceNow: 2)
        while locked.runningThreads - (locked.threadIDs.contains(current) ? 1 : 0) > 0 {
            if !condition.wait(until: deadline) { break }
        }
        condition.unlock()
    }

    /// Waits for `duration`; returns `false` at once if the server stops first.
    func sleep(_ duration: Duration) -> Bool {
        let deadline = Date(timeIntervalSinceNow: duration.loopbackSeconds)
        condition.lock()
        defer { condition.unlock() }
        while !locked.stopped && Date() < deadline {
            _ = condition.wait(until: deadline)
        }
        return !locked.stopped
    }

    // MARK: Connection

    private func serve(fd: Int32, connectionIndex: Int) {
        defer {
            condition.lock()
            locked.openFDs.remove(fd)
            close(fd)
            condition.broadcast()
            condition.unlock()
        }
        var reader = LoopbackReader(fd: fd)
        while true {
            let request: LoopbackRequest
            let wantsClose: Bool
            switch readRequest(&reader, connectionIndex: connectionIndex) {
            case .closed:
                return
            case .malformed:
                let body = Data("malformed request\n".utf8)
                _ = writeAll(
                    fd,
                    Self.head(status: 400, headers: [("Connection", "close")], contentLength: body.count) + body
                )
                return
            case .request(let parsed, let close):
                request = parsed
                wantsClose = close
            }
            let accepted: Bool = withLock { state in
                guard !state.stopped else { return false }
                state.requests.append(request)
                return true
            }
            guard accepted else { return }
            let action = handler(request)
            guard perform(action, for: request, wantsClose: wantsClose, fd: fd) else { return }
        }
    }

    private enum ReadResult {
        case request(LoopbackRequest, wantsClose: Bool)
        case closed
        case malformed
    }

    private func readRequest(_ reader: inout LoopbackReader, connectionIndex: Int) -> ReadResult {
        guard let headBytes = reader.readHead(limit: 1 << 20) else { return .closed }
        let lines = String(decoding: headBytes, as: UTF8.self).components(separatedBy: "\r\n")
        guard let requestLine = lines.first else { return .malformed }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, parts[2].hasPrefix("HTTP/") else {
            return .malformed
        }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { return .malformed }
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
            headers.append((name: name, value: value))
        }
        var request = LoopbackRequest(
            method: String(parts[0]),
            target: String(parts[1]),
            headers: headers,
            body: Data(),
            connectionIndex: connectionIndex
        )

        let connectionTokens = Self.tokens(request.header("Connection"))
        let wantsClose =
            parts[2] == "HTTP/1.0"
            ? !connectionTokens.contains("keep-alive")
            : connectionTokens.contains("close")

        // libcurl waits (about a second) for this interim response before sending a large body.
        if Self.tokens(request.header("Expect")).contains("100-continue") {
            guard writeAll(reader.fd, Data("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return .closed }
        }

        if Self.tokens(request.header("Transfer-Encoding")).contains("chunked") {
            guard let body = readChunkedBody(&reader) else { return .malformed }
            request.body = body
        } else if let lengthText = request.header("Content-Length") {
            guard let length = Int(lengthText), length >= 0 else { return .malformed }
            guard let bytes = reader.readExactly(length) else { return .closed }
            request.body = Data(bytes)
        }
        return .request(request, wantsClose: wantsClose)
    }

    private func readChunkedBody(_ reader: inout LoopbackReader) -> Data? {
        var body = Data()
        while true {
            guard let sizeLine = reader.readLine(limit: 8192) else { return nil }
            let sizeText =
                String(decoding: sizeLine, as: UTF8.self)
                .split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
                .first
                .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard let size = Int(sizeText, radix: 16), size >= 0 else { return nil }
            if size == 0 {
                // Trailer fields, up to the empty line; ignored.
                while true {
                    guard let trailer = reader.readLine(limit: 8192) else { return nil }
                    if trailer.isEmpty { return body }
                }
            }
            guard let chunk = reader.readExactly(size) else { return nil }
            body.append(contentsOf: chunk)
            guard let end = reader.readLine(limit: 2), end.isEmpty else { return nil }
        }
    }

    /// Performs `action`; returns whether the connection stays open for another request.
    private func perform(_ action: LoopbackAction, for request: LoopbackRequest, wantsClose: Bool, fd: Int32) -> Bool {
        switch action {
        case .respond(let status, let headers, let body):
            let bodyless = (100..<200).contains(status) || status == 204 || status == 304
            let closeAfter = wantsClose || Self.saysClose(headers)
            var headers = headers
            if closeAfter && !Self.has(headers, "Connection") { headers.append(("Connection", "close")) }
            let length =
                bodyless || Self.has(headers, "Content-Length") || Self.has(headers, "Transfer-Encoding")
                ? nil : body.count
            var bytes = Self.head(status: status, headers: headers, contentLength: length)
            if !bodyless && request.method != "HEAD" { bytes.append(body) }
            return writeAll(fd, bytes) && !closeAfter

        case .closeWithoutResponse:
            return false

        case .truncated(let status, let headers, let declaredLength, let body):
            let headers = headers.filter { $0.0.caseInsensitiveCompare("Content-Length") != .orderedSame }
            _ = writeAll(fd, Self.head(status: status, headers: headers, contentLength: declaredLength) + body)
            return false

        case .raw(let bytes):
            _ = writeAll(fd, bytes)
            return false

        case .delay(let duration, let next):
            guard sleep(duration) else { return false }
            return perform(next, for: request, wantsClose: wantsClose, fd: fd)

        case .drip(let status, let headers, let body, let interval):
            let closeAfter = wantsClose || Self.saysClose(headers)
            var headers = headers
            if closeAfter && !Self.has(headers, "Connection") { headers.append(("Connection", "close")) }
            let length = Self.has(headers, "Content-Length") ? nil : body.count
            guard writeAll(fd, Self.head(status: status, headers: headers, contentLength: length)) else { return false }
            for (offset, byte) in body.enumerated() {
                if offset > 0 {
                    guard sleep(interval) else { return false }
                }
                guard writeAll(fd, Data([byte])) else { return false }
            }
            return !closeAfter

        case .hang:
            // Read and discard until the client closes (0), an error, or stop's shutdown ends the read.
            var scratch = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count > 0 { continue }
                if count < 0 && errno == EINTR { continue }
                return false
            }
        }
    }

    // MARK: Helpers

    private static func head(status: Int, headers: [(String, String)], contentLength: Int?) -> Data {
        var text = "HTTP/1.1 \(status) \(reasonPhrase(status))\r\n"
        for (name, value) in headers {
            text += "\(name): \(value)\r\n"
        }
        if let contentLength {
            text += "Content-Length: \(contentLength)\r\n"
        }
        text += "\r\n"
        return Data(text.utf8)
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 409: "Conflict"
        case 422: "Unprocessable Content"
        case 424: "Failed Dependency"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status"
        }
    }

    /// Lower-cased, trimmed comma-separated tokens of a header value.
    private static func tokens(_ value: String?) -> [String] {
        guard let value else { return [] }
        return value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }

    private static func has(_ headers: [(String, String)], _ name: String) -> Bool {
        headers.contains { $0.0.caseInsensitiveCompare(name) == .orderedSame }
    }

    private static func saysClose(_ headers: [(String, String)]) -> Bool {
        headers.contains {
            $0.0.caseInsensitiveCompare("Connection") == .orderedSame && tokens($0.1).contains("close")
        }
    }
}

// MARK: - Socket helpers

#if canImport(Glibc)
private let loopbackSockStream = Int32(SOCK_STREAM.rawValue)
private let loopbackSendFlags = Int32(MSG_NOSIGNAL)
#else
private let loopbackSockStream = SOCK_STREAM
private let loopbackSendFlags: Int32 = 0  // SO_NOSIGPIPE is set on every socket instead.
#endif

private func setIntOption(_ fd: Int32, _ level: Int32, _ option: Int32, _ value: Int32) -> Bool {
    var value = value
    return setsockopt(fd, level, option, &value, socklen_t(MemoryLayout<Int32>.size)) == 0
}

/// Writes every byte; `false` if the peer went away (or `stop()` shut the socket down). Never raises SIGPIPE.
private func writeAll(_ fd: Int32, _ data: Data) -> Bool {
    data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Bool in
        guard let base = buffer.baseAddress else { return true }
        var offset = 0
        while offset < buffer.count {
            let sent = send(fd, base + offset, buffer.count - offset, loopbackSendFlags)
            if sent > 0 {
                offset += sent
            } else if sent < 0 && errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }
}

/// Buffered blocking reads from one connection.
private struct LoopbackReader {
    let fd: Int32
    private var buffer: [UInt8] = []
    private var scratch = [UInt8](repeating: 0, count: 65536)

    init(fd: Int32) {
        self.fd = fd
    }

    /// Reads more bytes; `false` on EOF or error.
    private mutating func fill() -> Bool {
        while true {
            let count = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer.append(contentsOf: scratch[0..<count])
                return true
            }
            if count < 0 && errno == EINTR { continue }
            return false
        }
    }

    /// The bytes before the next CRLFCRLF (which is consumed); skips empty lines before a request.
    /// `nil` on EOF, error, or a head longer than `limit`.
    mutating func readHead(limit: Int) -> [UInt8]? {
        var searchFrom = 0
        while true {
            var leading = 0
            while buffer.count >= leading + 2 && buffer[leading] == 13 && buffer[leading + 1] == 10 {
                leading += 2
            }
            if leading > 0 {
                buffer.removeFirst(leading)
                searchFrom = 0
            }
            if buffer.count >= 4 {
                var index = searchFrom
                while index + 3 < buffer.count {
                    if buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13
                        && buffer[index + 3] == 10
                    {
                        let head = Array(buffer[0..<index])
                        buffer.removeFirst(index + 4)
                        return head
                    }
                    index += 1
                }
                searchFrom = buffer.count - 3
            }
            guard buffer.count <= limit, fill() else { return nil }
        }
    }

    /// The bytes before the next CRLF (which is consumed); `nil` on EOF, error, or a line longer than `limit`.
    mutating func readLine(limit: Int) -> [UInt8]? {
        var searchFrom = 0
        while true {
            var index = searchFrom
            while index + 1 < buffer.count {
                if buffer[index] == 13 && buffer[index + 1] == 10 {
                    let line = Array(buffer[0..<index])
                    buffer.removeFirst(index + 2)
                    return line
                }
                index += 1
            }
            searchFrom = max(0, buffer.count - 1)
            guard buffer.count <= limit + 2, fill() else { return nil }
        }
    }

    /// Exactly `count` bytes; `nil` on EOF or error first.
    mutating func readExactly(_ count: Int) -> [UInt8]? {
        while buffer.count < count {
            guard fill() else { return nil }
        }
        let bytes = Array(buffer[0..<count])
        buffer.removeFirst(count)
        return bytes
    }
}

extension Duration {
    fileprivate var loopbackSeconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
