import BillingCore
import BillingStore
import Foundation

/// How `billtop status` prints `SourceHealth`: a block per source, or JSON. Every string is sanitised again
/// here: messages came from servers.
enum StatusReport {
    static func text(_ sources: [SourceHealth], now: Int64) -> String {
        guard !sources.isEmpty else { return "no sources in the store; run `billtop sync` first" }
        var lines: [String] = []
        for s in sources {
            lines.append("\(s.name) (\(s.kind)): \(s.level.rawValue.uppercased()), \(s.reason)")
            var usage = "  requests: \(s.requestsSummary)"
            usage += "; rate-limit waits \(SourceHealth.duration(Int64(s.rateLimitWaitMs / 1000))) today"
            usage += " (\(s.rateLimitedToday) answered 429)"
            lines.append(usage)
            lines.append(
                "  errors: \(s.errorPercent)% of the last hour's requests (\(s.failedLastHour) of \(s.requestsLastHour))"
                    + (s.kind == "ghl" ? "" : "; pending actions: \(s.pendingActions)"))
            for stream in s.streams {
                let when = stream.lastSuccessAt.map { Timestamp(secondsSinceEpoch: $0).iso8601 } ?? "never"
                let age = stream.stalenessSeconds.map { SourceHealth.duration($0) + " ago" } ?? ""
                var line = "  \(pad(stream.name, 14)) last success \(when) \(pad(age, 12)) \(stream.records) records"
                if let error = stream.lastError { line += "; failed: \(error)" }
                lines.append(line)
            }
            for problem in s.lastErrors.prefix(3) {
                lines.append("  error at \(Timestamp(secondsSinceEpoch: problem.at).iso8601): \(problem.message)")
            }
        }
        return lines.map { TextSanitizer.clean($0) }.joined(separator: "\n")
    }

    static func json(_ sources: [SourceHealth]) -> String {
        let objects: [[String: Any]] = sources.map { s in
            [
                "name": TextSanitizer.clean(s.name), "kind": s.kind, "level": s.level.rawValue,
                "reason": TextSanitizer.clean(s.reason), "requests_last_hour": s.requestsLastHour,
                "requests_today": s.requestsToday, "limit_per_hour": s.limitPerHour ?? NSNull(),
                "limit_per_day": s.limitPerDay ?? NSNull(), "rate_limit_wait_ms": s.rateLimitWaitMs,
                "rate_limited_today": s.rateLimitedToday, "failed_last_hour": s.failedLastHour,
                "error_percent": s.errorPercent, "pending_actions": s.pendingActions,
                "last_errors": s.lastErrors.map { ["at": $0.at, "message": TextSanitizer.clean($0.message)] },
                "streams": s.streams.map { stream -> [String: Any] in
                    [
                        "name": TextSanitizer.clean(stream.name), "last_success_at": stream.lastSuccessAt ?? NSNull(),
                        "staleness_seconds": stream.stalenessSeconds ?? NSNull(), "records": stream.records,
                        "last_error": stream.lastError.map { TextSanitizer.clean($0) } ?? NSNull(),
                    ]
                },
            ]
        }
        let data =
            (try? JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys]))
            ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
