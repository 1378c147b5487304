import Foundation

/// One HTTP request as the sync engine makes it.
public struct HTTPRequest: Sendable, Hashable {
    public var method: String
    /// Full URL including the query.
    public var url: String
    public var headers: [String: String]
    /// The most body bytes (after gzip decoding) the transport accepts; more stops the request with
    /// `TransportRefusal.tooLarge` while the body is still arriving.
    public var maxResponseBytes: Int
    /// The request body (an action's JSON); nil for the sync's GETs.
    public var body: Data?

    public init(
        method: String = "GET", url: String, headers: [String: String] = [:],
        maxResponseBytes: Int = ResponseLimit.defaultBytes, body: Data? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.maxResponseBytes = maxResponseBytes
        self.body = body
    }
}

/// One HTTP response: status, headers (keys lower-cased) and body.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.body = body
    }
}

/// A network failure before a complete response arrived (refused, reset, timed out).
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Sends requests; the real one is `URLSessionTransport`, tests use fakes.
public protocol Transport: Sendable {
    /// Sends `request`; throws `TransportError` when no complete response arrived, `TransportRefusal`
    /// when the transport stopped it (a redirect to another origin, a body over the cap).
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
