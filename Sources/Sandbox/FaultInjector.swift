import BillingCore
import Foundation

/// Applies a fault plan to one request. Random decisions hash the plan's seed with the request's
/// sequence number, so a given request order always fails the same way.
enum FaultInjector {
    enum Draw: UInt64 { case serverError = 1, html = 2, truncate = 3, status = 4, cut = 5 }

    static func roll(_ plan: FaultPlan, _ sequence: UInt64, _ draw: Draw) -> Double {
        Double(SandboxRandom.hash(plan.seed, sequence, draw.rawValue) >> 11) / Double(1 << 53)
    }

    /// The 429 for an exhausted per-minute budget, with `Retry-After` as the plan says. An HTTP date is on
    /// the server's clock, the world's (what the response's `Date` says), as a real server's would be.
    static func rateLimited(_ plan: FaultPlan, api: SandboxAPI, secondsLeft: Int, worldNow: Int64) -> SandboxResponse {
        var response = api.error(
            429, "Too many requests: the per-minute request budget is used up; wait and retry more slowly.")
        switch plan.retryAfter {
        case .seconds(let seconds):
            response.headers.append(("Retry-After", String(seconds)))
        case .httpDate(let seconds):
            response.headers.append(("Retry-After", HTTPDate.format(worldNow + Int64(seconds))))
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
        let body =
            "<!DOCTYPE html>\n<html><head><title>\(title)</title></head><body><h1>\(title)</h1>"
            + "<p>We&rsquo;re down for maintenance. Please try again shortly.</p></body></html>\n"
        return SandboxResponse(
            status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(body.utf8))
    }

    /// The body cut somewhere in its middle (never empty, never whole).
    static func truncate(_ response: inout SandboxResponse, _ plan: FaultPlan, _ sequence: UInt64) {
        guard response.body.count > 2 else { return }
        let cut = 1 + Int(SandboxRandom.hash(plan.seed, sequence, Draw.cut.rawValue) % UInt64(response.body.count - 2))
        response.body = Array(response.body[0..<cut])
    }
}

extension FaultInjector {
    /// Time-filter parameters a server that ignores the filter drops.
    static let timeFilterNames: Set<String> = [
        "date_field", "start_date", "end_date", "start_datetime", "end_datetime",
    ]

    /// Applies the plan's request rewrites: an ignored time filter, a listing stuck on its first page.
    static func rewrite(_ request: inout SandboxRequest, _ plan: FaultPlan, api: SandboxAPI) {
        if plan.ignoresTimeFilter {
            request.query.removeAll { name, _ in
                timeFilterNames.contains(name) || name.hasPrefix("updated_at[") || name.hasPrefix("created_at[")
            }
        }
        guard plan.pagingTrap == .samePageForever else { return }
        for index in request.query.indices {
            switch request.query[index].0 {
            case "page" where api == .chargify:
                request.query[index].1 = "1"
            case "next_cursor":
                // The cursor is opaque to clients; the server can point it back at page 1.
                if var cursor = TrutoCursor(encoded: request.query[index].1) {
                    cursor.page = 1
                    request.query[index].1 = cursor.encoded
                }
            default: break
            }
        }
    }

    /// Truto's refusal of a cursor that is too old.
    static func expiredCursor() -> SandboxResponse {
        SandboxAPI.truto.error(400, "The cursor has expired: start the listing again without next_cursor.")
    }

    /// Puts `cursor` back as the response's `next_cursor` (when it has one): the server repeats itself.
    static func repeatCursor(_ response: inout SandboxResponse, _ cursor: String) {
        let key = Array("\"next_cursor\":\"".utf8)
        guard response.isSuccess, let start = TrutoRoutes.find(key, in: response.body) else { return }
        let valueStart = start + key.count
        guard let end = response.body[valueStart...].firstIndex(of: UInt8(ascii: "\"")) else { return }
        response.body.replaceSubrange(valueStart..<end, with: Array(cursor.utf8))
    }
}
