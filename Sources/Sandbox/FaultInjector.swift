import Foundation

/// Applies a fault plan to one request. Random decisions hash the plan's seed with the request's
/// sequence number, so a given request order always fails the same way.
enum FaultInjector {
    enum Draw: UInt64 { case serverError = 1, html = 2, truncate = 3, status = 4, cut = 5 }

    static func roll(_ plan: FaultPlan, _ sequence: UInt64, _ draw: Draw) -> Double {
        Double(SandboxRandom.hash(plan.seed, sequence, draw.rawValue) >> 11) / Double(1 << 53)
    }

    /// The 429 for an exhausted per-minute budget, with `Retry-After` as the plan says.
    static func rateLimited(_ plan: FaultPlan, api: SandboxAPI, secondsLeft: Int) -> SandboxResponse {
        var response = api.error(429, "Too many requests: the per-minute request budget is used up; wait and retry more slowly.")
        switch plan.retryAfter {
        case .seconds(let seconds):
            response.headers.append(("Retry-After", String(seconds)))
        case .httpDate(let seconds):
            response.headers.append(("Retry-After", httpDate(Date().addingTimeInterval(TimeInterval(seconds)))))
        case .absent:
            break
        }
        _ = secondsLeft
        return response
    }

    /// A 5xx chosen by the request's draw; gateways answer with HTML, the app with its JSON envelope.
    static func serverError(_ plan: FaultPlan, _ sequence: UInt64, api: SandboxAPI) -> SandboxResponse {
        let statuses = [500, 502, 503, 504]
        let status = statuses[Int(SandboxRandom.hash(plan.seed, sequence, Draw.status.rawValue) % 4)]
        if status == 502 || status == 504 {
            return htmlPage(status: status, title: "\(status) \(SandboxAPI.reason(status))")
        }
        return api.error(status, "The server had a problem; retry later.", remote: api == .truto)
    }

    static func htmlPage(status: Int, title: String) -> SandboxResponse {
        let body = "<!DOCTYPE html>\n<html><head><title>\(title)</title></head><body><h1>\(title)</h1>" +
            "<p>We&rsquo;re down for maintenance. Please try again shortly.</p></body></html>\n"
        return SandboxResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(body.utf8))
    }

    /// The body cut somewhere in its middle (never empty, never whole).
    static func truncate(_ response: inout SandboxResponse, _ plan: FaultPlan, _ sequence: UInt64) {
        guard response.body.count > 2 else { return }
        let cut = 1 + Int(SandboxRandom.hash(plan.seed, sequence, Draw.cut.rawValue) % UInt64(response.body.count - 2))
        response.body = Array(response.body[0..<cut])
    }

    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
