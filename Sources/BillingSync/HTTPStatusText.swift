/// How billtop names an HTTP failure wherever it reports one (the sync summary, the sync log, the status
/// line): the request first, method and path only (a query may hold filters or an account id, never shown),
/// then the status with its reason phrase, then the server's own message. "GET /coupons.json answered
/// 404 Not Found: Not found".
enum HTTPStatusText {
    /// RFC 9110's reason phrases for the statuses an API answers; others are named by their class.
    static func reason(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 402: "Payment Required"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 410: "Gone"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 100..<200: "Informational"
        case 200..<300: "Success"
        case 300..<400: "Redirection"
        case 400..<500: "Client Error"
        default: "Server Error"
        }
    }

    /// "GET /coupons.json" from a path that may carry a query.
    static func request(method: String = "GET", path: String) -> String {
        "\(method) \(path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? "")"
    }

    /// "GET /coupons.json answered 404 Not Found: Not found" (the message left off when empty).
    static func answered(_ request: String, status: Int, message: String) -> String {
        let head = "\(request) answered \(status) \(reason(status))"
        return message.isEmpty ? head : "\(head): \(message)"
    }

    /// "GET /customers.json: no response: connection refused (network error -1004)".
    static func noResponse(_ request: String, message: String) -> String {
        "\(request): no response: \(message)"
    }
}
