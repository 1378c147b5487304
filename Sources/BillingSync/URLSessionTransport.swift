import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// HTTP over URLSession (libcurl on Linux): keep-alive connection reuse, gzip, two timeouts, a cap on each
/// response's size, and keys that never follow a redirect to another origin.
public final class URLSessionTransport: Transport, @unchecked Sendable {
    // @unchecked: URLSession is thread-safe but not marked Sendable in swift-corelibs-foundation.
    private let session: URLSession
    private let events = SessionEvents()
    /// Seconds for the whole request, enforced here: swift-corelibs URLSession ignores
    /// `timeoutIntervalForResource`, so a server trickling a byte a second would hold a request for hours.
    public let requestTimeout: Double

    /// - Parameters:
    ///   - idleTimeout: seconds without any byte (covers connect and stalls); URLSession has no separate
    ///     connect-only timeout, so this is the connect timeout too.
    ///   - requestTimeout: seconds for the whole request; below the API's own 120 s cut-off.
    ///   - maxConnectionsPerHost: kept at the source's in-flight cap so connections are reused, not opened.
    public init(idleTimeout: Double = 15, requestTimeout: Double = 110, maxConnectionsPerHost: Int = 4) {
        self.requestTimeout = requestTimeout
        NoDiskCache.install()
        // `.default`, not `.ephemeral`: corelibs' ephemeral configuration makes its own URLCache, and that
        // creates ~/.cache/org.swift.foundation.URLCache/billtop even with a disk capacity of 0.
        let config = URLSessionConfiguration.default
        config.timeoutIntervalForRequest = idleTimeout
        config.timeoutIntervalForResource = requestTimeout
        config.httpMaximumConnectionsPerHost = maxConnectionsPerHost
        config.requestCachePolicy = .reloadIgnoringLocalCacheData
        config.urlCache = nil
        config.httpCookieStorage = nil
        config.urlCredentialStorage = nil
        config.httpShouldSetCookies = false
        config.httpAdditionalHeaders = ["Accept-Encoding": "gzip", "Accept": "application/json"]
        session = URLSession(configuration: config, delegate: events, delegateQueue: BoundedDelegateQueue())
    }

    deinit { session.finishTasksAndInvalidate() }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let url = URL(string: request.url), Origin(url) != nil else { throw TransportError("not a valid URL") }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        let pending = PendingRequest(
            method: request.method, url: url, timeout: requestTimeout, limit: max(1, request.maxResponseBytes))
        let (session, events) = (self.session, self.events)
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    pending.start(urlRequest, on: session, events: events, continuation: continuation)
                }
            } onCancel: {
                // Not here: this runs under the task's status lock, which resuming the continuation needs.
                DispatchQueue.global().async { pending.cancel() }
            }
        } catch is PendingRequest.ChallengeDeclined {
            // The server asked for credentials (401 + WWW-Authenticate); `SessionEvents` declined to answer,
            // so this is the server's 401: the key was rejected.
            return HTTPResponse(status: 401, body: Data())
        } catch let error as URLError where error.code == .userCancelledAuthentication || error.code == .cancelled {
            // The same, reported by URLSession before the challenge was noted. (Our own cancellations,
            // refusals and timeouts end the request before URLSession reports them.)
            return HTTPResponse(status: 401, body: Data())
        } catch let error as URLError {
            // The URL is not included: it may carry a token in a query on some APIs.
            // The cause first: a header or status line cut to the terminal's width still says it.
            throw TransportError("\(Self.describe(error.code)) (network error \(error.code.rawValue))")
        } catch let error as TransportError {
            throw error
        } catch let error as TransportRefusal {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw TransportError("network error")
        }
        guard let http = response as? HTTPURLResponse else { throw TransportError("not an HTTP response") }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: data)
    }

    static func describe(_ code: URLError.Code) -> String {
        switch code {
        case .timedOut: "timed out"
        case .cannotConnectToHost: "connection refused"
        case .networkConnectionLost: "connection lost"
        case .cannotFindHost: "unknown host"
        default: "transport failure"
        }
    }
}
