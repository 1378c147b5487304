/// Why a stream or a source stopped. Messages are sanitised and carry no secrets.
public enum SyncError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 401/403: the key is wrong; the whole source stops. `request` names the request that found it
    /// ("GET /customers.json answered 401 Unauthorized").
    case keyRejected(source: String, request: String = "")
    /// A 4xx the fetcher cannot fix, with the server's own message and the request it answered
    /// (`HTTPStatusText.request`: method and path, no query).
    case rejected(status: Int, message: String, request: String = "")
    /// Retries ran out (5xx, network, bad bodies, rate limits).
    case gaveUp(String)
    /// The server broke the paging contract (repeated cursor, identical page): stopped, never looped.
    case pagingLoop(String)
    /// A configuration problem found before any request.
    case configuration(String)
    /// A redirect pointed away from the origin the key belongs to (or looped): a configuration problem,
    /// like a rejected key. The message names both URLs and says to fix the url.
    case originRefused(String)
    /// A response went over its size cap (`max_response_mb`): the stream stops with its checkpoint, and is
    /// not retried (a retry would read the same body again).
    case tooLarge(String)
    /// The local store refused a write (disk full, read-only, locked): one line with the way out.
    /// The page was rolled back and the checkpoint left where it was.
    case store(String)

    public var description: String {
        switch self {
        case .keyRejected(let source, let request):
            request.isEmpty
                ? "the API key for source \(source) was rejected"
                : "the API key for source \(source) was rejected (\(request))"
        case .rejected(let status, let message, let request):
            request.isEmpty
                ? "the server refused the request (\(status) \(HTTPStatusText.reason(status))): \(message)"
                : HTTPStatusText.answered(request, status: status, message: message)
        case .gaveUp(let message): "gave up after retries: \(message)"
        case .pagingLoop(let message): "stopped a paging loop: \(message)"
        case .configuration(let message): message
        case .originRefused(let message): message
        case .tooLarge(let message): message
        case .store(let message): message
        }
    }

    /// True when the whole source (not just the stream) must stop.
    public var stopsSource: Bool {
        switch self {
        case .keyRejected, .originRefused: true
        default: false
        }
    }
}
