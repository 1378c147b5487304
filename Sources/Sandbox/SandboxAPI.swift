/// Which of the emulated APIs a path belongs to; decides auth, error envelopes and fault shapes.
enum SandboxAPI: Sendable {
    case chargify, truto, ghl

    init(path: String) {
        if path.hasPrefix("/unified/") || path.hasPrefix("/proxy/") {
            self = .truto
        } else if path == "/contacts" || path.hasPrefix("/contacts/") || path == "/users" || path.hasPrefix("/users/") {
            self = .ghl
        } else {
            self = .chargify
        }
    }

    /// An error body in this API's envelope.
    func error(_ status: Int, _ message: String, remote: Bool = false) -> SandboxResponse {
        switch self {
        case .chargify:
            return .chargifyErrors(status, [message])
        case .truto:
            var w = JSONWriter()
            w.object { w in
                w.field("statusCode", status)
                w.field("error", SandboxAPI.reason(status))
                w.field("message", message)
                w.object("details") { _ in }
                if remote {
                    w.field("truto_is_remote_error", true)
                    w.field("raw_response", "{\"errors\":[\"\(message)\"]}")
                }
            }
            return .json(status, w)
        case .ghl:
            var w = JSONWriter()
            w.object { w in
                w.field("statusCode", status)
                w.field("message", message)
                w.field("error", SandboxAPI.reason(status))
            }
            return .json(status, w)
        }
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 409: "Conflict"
        case 422: "Unprocessable Entity"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Error"
        }
    }
}
