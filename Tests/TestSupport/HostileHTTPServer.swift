import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A small HTTP/1.1 server that misbehaves on purpose (redirects elsewhere, endless bodies, gzip bombs),
/// for the transport's reliability tests. It binds `host` (127.0.0.1, or 127.0.0.2 for "another host" on
/// Linux loopback) on a random port, answers each connection on a thread of its own with `Connection:
/// close`, writes with blocking sends (a client that stops reading holds the writer, as TCP would), and
/// records every request it was sent, headers included, so a test can say which server saw a key.
public final class HostileHTTPServer: @unchecked Sendable {
    // @unchecked: the mutable state (`log`, `clients`, `running`) is only touched under `lock`.

    /// One request as received: method, target (path and query) and headers (lower-cased names).
    public struct Request: Sendable {
        public let method: String
        public let target: String
        public let headers: [String: String]
        /// The target without its query.
        public var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }
    }

    /// What to answer.
    public enum Response: Sendable {
        /// A complete body with `Content-Length`.
        case body(status: Int, headers: [String: String], Data)
        /// A redirect to `location` (an empty body).
        case redirect(status: Int, location: String)
        /// A chunked response (200 unless told): `prefix`, then `piece` `count` times (nil: until the client
        /// goes away), then `suffix`.
        case stream(headers: [String: String], prefix: Data, piece: Data, count: Int?, suffix: Data, status: Int = 200)

        /// A 200 whose `Content-Length` says `length` but whose body is only `prefix`; the connection then
        /// stays open, silent, until the server stops.
        case declared(length: Int, prefix: Data)

        /// JSON with status 200.
        public static func json(_ text: String) -> Response {
            .body(status: 200, headers: ["Content-Type": "application/json"], Data(text.utf8))
        }
    }

    public let host: String
    public private(set) var port: Int = 0
    private let listener: Int32
    private let handler: @Sendable (Request) -> Response
    private let lock = NSLock()
    private var log: [Request] = []
    private var clients: Set<Int32> = []
    private var running = true
    private var sent = 0

    public var baseURL: String { "http://\(host):\(port)" }

    /// Starts listening at once; `handler` decides each response (called on the connection's thread).
    public init(host: String = "127.0.0.1", handler: @escaping @Sendable (Request) -> Response) throws {
        self.host = host
        self.handler = handler
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw ServerError("socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            throw ServerError("not an IPv4 address: \(host)")
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(listener, 64) == 0 else {
            close(listener)
            throw ServerError("bind/listen \(host): \(String(cString: strerror(errno)))")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    /// Bytes written to clients so far (headers and chunk framing included).
    public var bytesSent: Int { lock.withLock { sent } }

    /// Connections still being served (each closes after its one response, or when the client goes).
    public var openConnections: Int { lock.withLock { clients.count } }

    /// Waits, up to `seconds`, until nothing is being written: no connection open, or none of them sent a
    /// byte in the last half second (a client that stopped reading without closing). True when quiet.
    public func waitUntilQuiet(seconds: Double) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var last = bytesSent
        while openConnections > 0, Date() < deadline {
            try? await Task.sleep(for: .milliseconds(500))
            let now = bytesSent
            if now == last { return true }
            last = now
        }
        return openConnections == 0
    }

    /// Every request received so far, in order of arrival.
    public func requests() -> [Request] { lock.withLock { log } }

    /// Stops listening and cuts every open connection (an endless body ends there). Sockets are shut down
    /// and closed only under `lock`, so no descriptor is shut down after it was closed and reused.
    public func stop() {
        lock.withLock {
            guard running else { return }
            running = false
            shutdown(listener, Int32(SHUT_RDWR))
            for fd in clients { shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                if errno == EINTR { continue }
                break
            }
            let accepted: Bool = lock.withLock {
                guard running else {
                    close(client)
                    return false
                }
                clients.insert(client)
                return true
            }
            guard accepted else { break }
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
        lock.withLock { _ = close(listener) }
    }

    private func serve(_ client: Int32) {
        defer {
            lock.withLock {
                clients.remove(client)
                shutdown(client, Int32(SHUT_RDWR))
                close(client)
            }
        }
        guard let request = readRequest(client) else { return }
        lock.withLock { log.append(request) }
        switch handler(request) {
        case .body(let status, let headers, let body):
            var all = headers
            all["Content-Length"] = "\(body.count)"
            guard write(client, head(status, all)) else { return }
            _ = write(client, body)
        case .declared(let length, let prefix):
            guard write(client, head(200, ["Content-Length": "\(length)"])), write(client, prefix) else { return }
            while lock.withLock({ running }) { usleep(20_000) }
        case .redirect(let status, let location):
            _ = write(client, head(status, ["Location": location, "Content-Length": "0"]))
        case .stream(let headers, let prefix, let piece, let count, let suffix, let status):
            var all = headers
            all["Transfer-Encoding"] = "chunked"
            guard write(client, head(status, all)), writeChunk(client, prefix) else { return }
            var sent = 0
            while count.map({ sent < $0 }) ?? true {
                guard lock.withLock({ running }), writeChunk(client, piece) else { return }
                sent += 1
            }
            guard writeChunk(client, suffix) else { return }
            _ = write(client, Data("0\r\n\r\n".utf8))
        }
    }

    private func head(_ status: Int, _ headers: [String: String]) -> Data {
        var text =
            "HTTP/1.1 \(status) \(status < 300 ? "OK" : status < 400 ? "Moved" : "Error")\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
        return Data((text + "\r\n").utf8)
    }

    private func writeChunk(_ client: Int32, _ data: Data) -> Bool {
        guard !data.isEmpty else { return true }
        return write(client, Data(String(data.count, radix: 16).utf8) + Data("\r\n".utf8) + data + Data("\r\n".utf8))
    }

    /// Sends all of `data`; false once the client is gone.
    private func write(_ client: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = send(client, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0 && errno == EINTR { continue }
                guard sent > 0 else { return false }
                offset += sent
                lock.withLock { self.sent += sent }
            }
            return true
        }
    }

    /// The request line and headers (a GET has no body); nil when the client sent something else.
    private func readRequest(_ client: Int32) -> Request? {
        var buffer = Data()
        var byte = [UInt8](repeating: 0, count: 4096)
        while buffer.count < 65_536 {
            let received = recv(client, &byte, byte.count, 0)
            if received < 0 && errno == EINTR { continue }
            guard received > 0 else { return nil }
            buffer.append(contentsOf: byte[0..<received])
            if let end = buffer.range(of: Data("\r\n\r\n".utf8)) {
                let text = String(decoding: buffer[..<end.lowerBound], as: UTF8.self)
                var lines = text.components(separatedBy: "\r\n")
                let requestLine = lines.removeFirst().split(separator: " ")
                guard requestLine.count >= 2 else { return nil }
                var headers: [String: String] = [:]
                for line in lines {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                        in: .whitespaces)
                }
                return Request(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers)
            }
        }
        return nil
    }

    struct ServerError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
